// The Cohorts screen (SPEC §5) in Chromium against the real core, on a small demo workspace.
import { mkdir } from 'node:fs/promises'
import type { BenchmarkResponse } from '../../src/shared/ipc/types-cohorts'
import { expect, openReady, PINNED_NOW, seedDemo, test, type Harness } from './fixtures'
import type { APIRequestContext, Page } from '@playwright/test'

async function shot(page: Page, name: string): Promise<void> {
  await mkdir('test-results', { recursive: true })
  await page.screenshot({ fullPage: true, path: `test-results/${name}.png` })
}

async function openCohorts(page: Page, request: APIRequestContext, harness: Harness): Promise<void> {
  await seedDemo(request, harness)
  // The browser's clock too, so the header's date range is anchored on the harness's pinned day.
  await page.clock.setFixedTime(PINNED_NOW)
  await openReady(page)
  await page.getByTestId('nav-cohorts').click()
  await expect(page.getByTestId('cohorts')).toBeVisible()
}

test('tenant growth and user retention triangles with the partial month marked', async ({
  page,
  request,
  harness,
}) => {
  await openCohorts(page, request, harness)
  await expect(page.getByRole('heading', { name: '코호트 분석' })).toBeVisible()
  const growth = page.getByTestId('cohort-tenant-growth')
  await expect(growth).toHaveAttribute('data-state', 'ready')
  const rows = growth.getByTestId('growth-triangle').locator('tbody tr')
  expect(await rows.count()).toBeGreaterThan(1)
  // The first cohort reaches as-of (March 2026, in progress): its last filled cell is the partial one.
  await expect(rows.first().locator('.cohort-cell-partial')).toHaveCount(1)
  await expect(growth.getByTestId('partial-note')).toContainText('2026-03')
  // The later cohorts stop earlier: blank cells for months not reached.
  await expect(rows.last().locator('.cohort-cell-none').first()).toBeAttached()
  await shot(page, 'cohorts-growth')

  await page.getByTestId('cohort-tab-user-retention').click()
  const retention = page.getByTestId('cohort-user-retention')
  await expect(retention).toHaveAttribute('data-state', 'ready')
  const cells = retention.locator('td.cohort-cell:not(.cohort-cell-none)')
  expect(await cells.count()).toBeGreaterThan(3)
  // Whole percentages (the months' heading says %); the title keeps one decimal.
  await expect(cells.first()).toHaveText(/^(\d{1,3}|<1|>99)\*?$/)
  await expect(cells.first()).toHaveAttribute('title', /\d\.\d%\)$/)
  await shot(page, 'cohorts-retention')
})

test('SR resolution by month, with configurable label thresholds', async ({ page, request, harness }) => {
  await openCohorts(page, request, harness)
  await page.getByTestId('cohort-tab-sr-resolution').click()
  const panel = page.getByTestId('cohort-sr-resolution')
  await expect(panel).toHaveAttribute('data-state', 'ready')
  const badges = panel.locator('.speed-badge')
  expect(await badges.count()).toBeGreaterThan(3)
  await shot(page, 'cohorts-resolution')

  // Everything resolves in under 1000 h on average: with fast < 1000 h every month is 빠름.
  const form = panel.getByTestId('threshold-form')
  await form.getByLabel('느림 기준 (시간 이상)').fill('2000')
  await form.getByLabel('빠름 기준 (시간 미만)').fill('1000')
  await form.getByRole('button', { name: '적용' }).click()
  await expect(panel.locator('.speed-badge[data-speed="fast"]')).toHaveCount(await badges.count())
  await expect(panel.locator('.speed-badge').first()).toHaveText('빠름')

  // A fast threshold above the slow one is refused before anything is sent.
  await form.getByLabel('빠름 기준 (시간 미만)').fill('3000')
  await expect(form.getByRole('alert')).toHaveText('빠름 기준은 느림 기준보다 클 수 없습니다.')
  await expect(form.getByRole('button', { name: '적용' })).toBeDisabled()
})

test('feature adoption lines and table', async ({ page, request, harness }) => {
  await openCohorts(page, request, harness)
  await page.getByTestId('cohort-tab-feature-adoption').click()
  const panel = page.getByTestId('cohort-feature-adoption')
  await expect(panel).toHaveAttribute('data-state', 'ready')
  expect(await panel.locator('.recharts-line').count()).toBeGreaterThan(3)
  await expect(panel.getByTestId('adoption-table').locator('tbody tr').first()).toContainText('SR 포털')
  await shot(page, 'cohorts-adoption')
})

test('the benchmark shows one tenant against anonymous quartiles, in light and dark', async ({
  page,
  request,
  harness,
}) => {
  await openCohorts(page, request, harness)
  await page.getByTestId('cohort-tab-benchmark').click()
  const panel = page.getByTestId('cohort-benchmark')
  await expect(panel).toHaveAttribute('data-state', 'ready')
  const select = panel.getByTestId('benchmark-tenant')
  const names = await select.locator('option').allTextContents()
  expect(names.length).toBeGreaterThan(2)
  const chosen = names[2] ?? ''
  await select.selectOption(chosen)
  const list = panel.getByTestId('benchmark-list')
  await expect(list).toHaveAttribute('data-tenant', chosen)
  await expect(list.locator('.benchmark-row')).toHaveCount(5)

  // The rank shown is the core's rank; no other tenant is named in the comparison.
  const response = await request.post(`${harness.url}/api/invoke/cohort:benchmark`, {
    data: { tenants: [chosen] },
  })
  const body = (await response.json()) as { ok: true; data: BenchmarkResponse }
  const mttr = body.data.metrics.find((m) => m.key === 'mttr')
  expect(mttr?.rank).not.toBeNull()
  await expect(list.getByTestId('benchmark-rank-mttr')).toHaveText(`${mttr?.n}곳 중 ${mttr?.rank}위`)
  const text = await list.innerText()
  for (const other of names.filter((n) => n !== chosen)) expect(text).not.toContain(other)
  await expect(list.getByTestId('box-value').first()).toBeVisible()
  await expect(panel).toContainText('기간: 2026-03-01 00:00 (GMT+9) – 2026-03-18 15:00 (GMT+9)')
  await shot(page, 'cohorts-benchmark')

  // The header range (last 30 days by default) applies when asked for.
  await page.getByTestId('cohort-use-range').check()
  await expect(panel).toContainText('기간: 2026-02-17 00:00 (GMT+9)')
  await expect(list.locator('.benchmark-row')).toHaveCount(5)
  await page.getByTestId('cohort-use-range').uncheck()

  await page.emulateMedia({ colorScheme: 'dark' })
  await shot(page, 'cohorts-benchmark-dark')
  await page.getByTestId('cohort-tab-user-retention').click()
  await expect(page.getByTestId('cohort-user-retention')).toHaveAttribute('data-state', 'ready')
  await shot(page, 'cohorts-retention-dark')
})
