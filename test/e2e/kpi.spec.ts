// The KPI board and Settings → KPI targets in Chromium against the real core (harness role: admin).
import { mkdir } from 'node:fs/promises'
import type { APIRequestContext } from '@playwright/test'
import type { KpiBoard } from '../../src/shared/ipc/types-kpi'
import { expect, openReady, seedDemo, test, type Harness } from './fixtures'

async function board(request: APIRequestContext, harness: Harness): Promise<KpiBoard> {
  const r = await request.post(`${harness.url}/api/invoke/kpi:list`, { data: {} })
  const body = (await r.json()) as { ok: boolean; data: KpiBoard }
  expect(body.ok).toBe(true)
  return body.data
}

const STATUS_TEXT = { GREEN: '양호', YELLOW: '주의', RED: '위험', NO_DATA: '데이터 없음' } as const

test('apply templates, read the traffic lights, edit a target in Settings and see the board change', async ({
  page,
  context,
  request,
  harness,
}, testInfo) => {
  // Applying six templates backfills 18 months of values; the shared CI machine can be slow.
  test.setTimeout(180_000)
  await mkdir('test-results', { recursive: true })
  await seedDemo(request, harness, 3000)

  // Settings → KPI: apply six templates.
  const settings = await context.newPage()
  await openReady(settings, '/settings.html')
  const section = settings.getByTestId('admin-kpi')
  await expect(section.getByRole('heading', { name: 'KPI 목표' })).toBeVisible()
  for (const name of ['MTTR', 'FCR', 'SLA_COMPLIANCE', 'SR_BACKLOG', 'DEPLOY_SUCCESS_RATE', 'YT_VIEWS']) {
    await section.getByTestId(`kpi-template-${name}`).getByRole('checkbox').check()
  }
  await section.getByTestId('kpi-apply').click()
  await expect(section.getByTestId('kpi-settings-status')).toHaveText('6개 KPI를 만들었습니다', {
    timeout: 60_000,
  })
  await expect(section.getByTestId('kpi-template-MTTR').getByRole('checkbox')).toBeDisabled()
  await expect(section.locator('[data-testid^="kpi-setting-"]')).toHaveCount(6)

  // The board: one tile per KPI, each light with its icon and text, and the overall status.
  await openReady(page)
  await page.getByTestId('nav-kpi').click()
  const kpiBoard = page.getByTestId('kpi-board')
  await expect(kpiBoard).toHaveAttribute('data-state', 'ready')
  const before = await board(request, harness)
  expect(before.kpis).toHaveLength(6)
  for (const k of before.kpis) {
    const tile = page.getByTestId(`kpi-tile-${k.name}`)
    await expect(tile.getByTestId('kpi-status').first()).toHaveText(new RegExp(`${STATUS_TEXT[k.status]}$`))
  }
  await expect(page.getByTestId('kpi-summary')).toHaveAttribute('data-overall', before.overall_status)
  // 18 months of demo data: MONTHLY KPIs have a sparkline of the last 12 months.
  const mttr = before.kpis.find((k) => k.name === 'MTTR')
  expect(mttr?.value).not.toBeNull()
  expect(mttr?.history).toHaveLength(12)
  await expect(page.getByTestId('kpi-tile-MTTR').getByTestId('kpi-sparkline').locator('circle')).toHaveCount(
    12,
  )
  await page.screenshot({ fullPage: true, path: 'test-results/kpi-board.png' })
  await testInfo.attach('kpi-board', { path: 'test-results/kpi-board.png', contentType: 'image/png' })

  // A bad target is refused beside the field; nothing is saved.
  const item = section.getByTestId('kpi-setting-MTTR')
  await item.getByTestId('kpi-edit').click()
  await item.getByTestId('kpi-field-target').fill('abc')
  await item.getByTestId('kpi-save').click()
  await expect(item.getByTestId('kpi-error-target')).toHaveText('숫자를 입력하세요')
  await item.getByTestId('kpi-field-yellowFactor').fill('0.5')
  await item.getByTestId('kpi-save').click()
  await expect(item.getByTestId('kpi-error-yellowFactor')).toHaveText('1에서 10 사이의 값을 입력하세요')

  // A target that flips MTTR's light: above the value → GREEN; if it was GREEN, half the value → RED.
  const value = mttr?.value ?? 0
  const wasGreen = mttr?.status === 'GREEN'
  const target = wasGreen ? Math.max(0.01, Math.floor((value / 2) * 100) / 100) : Math.ceil(value) + 1
  await item.getByTestId('kpi-field-target').fill(String(target))
  await item.getByTestId('kpi-field-yellowFactor').fill('1.2')
  await item.getByTestId('kpi-save').click()
  await expect(section.getByTestId('kpi-settings-status')).toContainText('(v2)')
  await settings.screenshot({ fullPage: true, path: 'test-results/kpi-settings.png' })

  // The open console follows through the data:changed event.
  const tile = page.getByTestId('kpi-tile-MTTR')
  await expect(tile.getByTestId('kpi-status').first()).toHaveText(wasGreen ? /위험$/ : /양호$/)
  await expect(tile.getByTestId('kpi-target')).toContainText(String(target))
  const after = await board(request, harness)
  const mttrAfter = after.kpis.find((k) => k.name === 'MTTR')
  expect(mttrAfter?.target).toBe(target)
  // Earlier months keep version 1's target (4 h).
  expect(mttrAfter?.history.slice(0, -1).every((p) => p.target === 4 && p.version === 1)).toBe(true)
  expect(mttrAfter?.history.at(-1)).toMatchObject({ target, version: 2 })

  // Detail: definition with the version in force, history, and the SRs behind the current value.
  await tile.getByTestId('kpi-open').click()
  const detail = page.getByTestId('kpi-detail')
  await expect(detail.getByTestId('kpi-def-version')).toContainText('v2')
  await expect(detail.getByTestId('kpi-def-filter')).toHaveText('전체 SR')
  const srs = detail.getByTestId('kpi-srs')
  await expect(srs).toBeVisible()
  expect(Number(await srs.getAttribute('data-total'))).toBeGreaterThan(0)
  await expect(srs.locator('tbody tr').first()).toBeVisible()
  await page.screenshot({ fullPage: true, path: 'test-results/kpi-detail.png' })
  await srs.scrollIntoViewIfNeeded()
  await srs.screenshot({ path: 'test-results/kpi-srs.png' })

  // Delete with confirmation.
  const yt = section.getByTestId('kpi-setting-YT_VIEWS')
  await yt.getByTestId('kpi-delete').click()
  await yt.getByTestId('kpi-delete-confirm').click()
  await expect(section.getByTestId('kpi-settings-status')).toContainText('삭제했습니다')
  await expect(section.locator('[data-testid^="kpi-setting-"]')).toHaveCount(5)
})

test('in English a KPI counted in SRs says “1 SR” beside a target of 1, on the board, in its detail and in Settings; Korean keeps 건', async ({
  page,
  context,
  request,
  harness,
}) => {
  test.setTimeout(120_000)
  await mkdir('test-results', { recursive: true })
  await seedDemo(request, harness, 3000)
  const invoke = async (channel: string, data: unknown): Promise<void> => {
    const r = await request.post(`${harness.url}/api/invoke/${channel}`, { data })
    expect(((await r.json()) as { ok: boolean }).ok).toBe(true)
  }
  await invoke('kpi:apply', { template_names: ['SR_BACKLOG'], lang: 'en' })
  await invoke('kpi:update', { kpi: 'SR_BACKLOG', target: 1 })
  await invoke('settings:set', { language: 'en' })
  await page.setViewportSize({ width: 960, height: 600 })
  await openReady(page)
  await page.getByTestId('nav-kpi').click()
  await expect(page.getByTestId('kpi-board')).toHaveAttribute('data-state', 'ready')
  const tile = page.getByTestId('kpi-tile-SR_BACKLOG')
  await expect(tile.getByTestId('kpi-target')).toHaveText('Target 1 SR')
  // The value's unit follows the value shown.
  const value = await tile.getByTestId('kpi-value').innerText()
  await expect(tile.locator('.kpi-tile-unit')).toHaveText(value === '1' ? 'SR' : 'SRs')
  // Each period's dot is titled with its value, grouped, and its unit in the matching form.
  const titles = await tile.getByTestId('kpi-sparkline').locator('circle title').allTextContents()
  expect(titles.length).toBeGreaterThan(0)
  for (const title of titles) {
    const m = /^\d{4}-\d{2}-\d{2}: ([\d,.]+) (SRs?) \(/.exec(title)
    expect(m, title).not.toBeNull()
    expect(m?.[2], title).toBe(m?.[1] === '1' ? 'SR' : 'SRs')
  }
  await page.screenshot({ path: 'test-results/kpi-board-en-960.png' })
  await tile.getByTestId('kpi-open').click()
  await expect(page.getByTestId('kpi-def-version')).toContainText('target 1 SR ·')

  // Settings → KPI targets: the summary, and the target field named with the unit's plural.
  const settings = await context.newPage()
  await settings.setViewportSize({ width: 960, height: 600 })
  await openReady(settings, '/settings.html')
  const item = settings.getByTestId('kpi-setting-SR_BACKLOG')
  await expect(item).toContainText('Target 1 SR · Daily')
  await item.getByTestId('kpi-edit').click()
  await expect(item.getByLabel('Target (SRs)')).toHaveValue('1')
  await settings.screenshot({ path: 'test-results/kpi-settings-en-960.png' })

  // Korean is as it was.
  await invoke('settings:set', { language: 'ko' })
  await page.reload()
  await expect(page.getByTestId('app-ready')).toBeAttached()
  await page.getByTestId('nav-kpi').click()
  await expect(page.getByTestId('kpi-tile-SR_BACKLOG').getByTestId('kpi-target')).toHaveText('목표 1 건')
  await expect(page.getByTestId('kpi-tile-SR_BACKLOG').locator('.kpi-tile-unit')).toHaveText('건')
})
