// E2E: the tenant chosen in the Cohorts benchmark's own selector, and the tenants Settings → KPI offers,
// when a sync renames a tenant upstream (ITSM REST: the tenant keeps its row, so its SRs follow it).
// Both read the tenant list again when the data changes; the benchmark keeps its tenant by row id,
// as the header filter does, and says what happened.
import type { APIRequestContext, Page } from '@playwright/test'
import { startItsmSimulator, type ItsmSimulator } from '../../src/main/simulators/itsm/server'
import { expect, openReady, PINNED_NOW, test, type Harness } from './fixtures'

const TOKEN = 'e2e-itsm-token-benchmark-5c1d'
const METRICS = ['mttr', 'fcr', 'sla', 'backlog', 'reopen'] as const

async function tenantNames(request: APIRequestContext, harness: Harness): Promise<string[]> {
  const r = await request.post(`${harness.url}/api/invoke/workspace:tenants`, { data: {} })
  return ((await r.json()) as { data: { name: string }[] }).data.map((t) => t.name)
}

/** A sync through the core, as the background schedule starts one; waits for it to finish. */
async function backgroundSync(request: APIRequestContext, harness: Harness): Promise<void> {
  const run = await request.post(`${harness.url}/api/invoke/sync:run`, { data: {} })
  expect(await run.json()).toMatchObject({ ok: true, data: { started: true } })
  await expect
    .poll(async () => {
      const r = await request.post(`${harness.url}/api/invoke/sync:status`, { data: {} })
      return ((await r.json()) as { data: { state: string } }).data.state
    })
    .toBe('idle')
}

function renameUpstream(name: string, to: string): void {
  const id = sim.data.tenants.find((t) => t.name === name)?.id
  if (!id) throw new Error(`the simulator serves no ${name}`)
  sim.mutate((m) => m.rename('tenants', id, to))
}

async function openBenchmark(page: Page) {
  await openReady(page)
  await page.getByTestId('nav-cohorts').click()
  await page.getByTestId('cohort-tab-benchmark').click()
  const panel = page.getByTestId('cohort-benchmark')
  await expect(panel).toHaveAttribute('data-state', 'ready')
  return panel
}

/** The benchmark's figures as shown (value and rank of each metric). */
async function figures(page: Page): Promise<string[]> {
  const panel = page.getByTestId('cohort-benchmark')
  await expect(panel).toHaveAttribute('data-state', 'ready')
  const list = panel.getByTestId('benchmark-list')
  return Promise.all(METRICS.map((m) => list.locator(`.benchmark-row[data-metric="${m}"]`).innerText()))
}

let sim: ItsmSimulator
test.beforeEach(async ({ request, harness }) => {
  // Data up to an hour before the pinned "now", so this month's benchmark has SRs.
  sim = await startItsmSimulator({ seed: 7, srCount: 300, token: TOKEN, asOf: PINNED_NOW - 3_600_000 })
  const res = await request.post(`${harness.url}/api/invoke/sources:add`, {
    data: { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN },
  })
  expect(await res.json()).toMatchObject({ ok: true })
  await backgroundSync(request, harness)
})
test.afterEach(async () => {
  await sim.close()
})

test('a sync renames the tenant chosen in the benchmark upstream: the benchmark keeps showing it under its new name', async ({
  page,
  request,
  harness,
}) => {
  const panel = await openBenchmark(page)
  const select = panel.getByTestId('benchmark-tenant')
  const names = await select.locator('option').allTextContents()
  expect(names.length).toBeGreaterThan(2)
  // Not the first: the benchmark falls back to the list's first, so that would pass by chance.
  const old = names[2] ?? ''
  await select.selectOption(old)
  const list = panel.getByTestId('benchmark-list')
  await expect(list).toHaveAttribute('data-tenant', old)
  const before = await figures(page)
  expect(before.join(' ')).toMatch(/\d/)
  // Nothing to say yet.
  await expect(page.getByText('선택한 기관의 이름이 바뀌어')).toHaveCount(0)

  const renamed = `${old} 본청`
  renameUpstream(old, renamed)
  await backgroundSync(request, harness)
  expect(await tenantNames(request, harness)).toContain(renamed)
  expect(await tenantNames(request, harness)).not.toContain(old)

  // The selector and the figures follow the tenant under its new name; the old one is not offered.
  await expect(select).toHaveValue(renamed)
  await expect(list).toHaveAttribute('data-tenant', renamed)
  await expect(select.locator('option')).toContainText([renamed])
  await expect(select.locator('option', { hasText: new RegExp(`^${old}$`) })).toHaveCount(0)
  expect(await figures(page)).toEqual(before)
  const notice = page.getByTestId('benchmark-notice')
  await expect(notice.getByRole('status')).toHaveText(
    `선택한 기관의 이름이 바뀌어 새 이름으로 계속 봅니다: ${old} → ${renamed}.`,
  )
  await page.screenshot({ fullPage: true, path: 'test-results/benchmark-tenant-renamed-ko.png' })

  await notice.getByRole('button', { name: '알림 닫기' }).click()
  await expect(notice.getByRole('status')).toHaveText('')
  await expect(notice.getByRole('button')).toHaveCount(0)
})

test('in English, the tenant chosen in the benchmark is gone from the refreshed list: the benchmark shows the first and says so', async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  const panel = await openBenchmark(page)
  const select = panel.getByTestId('benchmark-tenant')
  const names = await select.locator('option').allTextContents()
  const gone = names[1] ?? ''
  await select.selectOption(gone)
  const list = panel.getByTestId('benchmark-list')
  await expect(list).toHaveAttribute('data-tenant', gone)
  // No sync removes a tenant; a list without it stands for any that would (a workspace cleared elsewhere).
  await page.route('**/api/invoke/workspace:tenants', async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { ok: true; data: { name: string }[] }
    await route.fulfill({ json: { ...body, data: body.data.filter((t) => t.name !== gone) } })
  })
  await backgroundSync(request, harness)

  const first = names[0] ?? ''
  await expect(select).toHaveValue(first)
  await expect(list).toHaveAttribute('data-tenant', first)
  await expect(page.getByTestId('benchmark-notice').getByRole('status')).toHaveText(
    `No longer in the workspace: ${gone}. Now showing ${first}.`,
  )
  await page.screenshot({ fullPage: true, path: 'test-results/benchmark-tenant-dropped-en.png' })
})

test('Settings → KPI offers a tenant renamed upstream under its new name after the sync, without reopening', async ({
  context,
  request,
  harness,
}) => {
  const applied = await request.post(`${harness.url}/api/invoke/kpi:apply`, {
    data: { template_names: ['MTTR'] },
  })
  expect(await applied.json()).toMatchObject({ ok: true })
  const settings = await context.newPage()
  await openReady(settings, '/settings.html')
  const section = settings.getByTestId('admin-kpi')
  await section.getByTestId('kpi-setting-MTTR').getByTestId('kpi-edit').click()
  const tenant = section.getByTestId('kpi-edit-MTTR').getByLabel('기관 필터', { exact: true })
  const old = (await tenantNames(request, harness))[0] ?? ''
  await expect(tenant.locator('option', { hasText: new RegExp(`^${old}$`) })).toHaveCount(1)

  const renamed = `${old} 본청`
  renameUpstream(old, renamed)
  await backgroundSync(request, harness)
  expect(await tenantNames(request, harness)).toContain(renamed)

  await expect(tenant.locator('option', { hasText: new RegExp(`^${renamed}$`) })).toHaveCount(1)
  await expect(tenant.locator('option', { hasText: new RegExp(`^${old}$`) })).toHaveCount(0)
  await tenant.selectOption(renamed)
  await settings.screenshot({ fullPage: true, path: 'test-results/kpi-settings-tenant-renamed-ko.png' })
})

test('a KPI editor left open on a KPI filtered to a tenant renamed upstream follows it, and saving keeps the new name', async ({
  context,
  request,
  harness,
}) => {
  const old = (await tenantNames(request, harness))[0] ?? ''
  const applied = await request.post(`${harness.url}/api/invoke/kpi:apply`, {
    data: { template_names: ['MTTR'], tenant: old },
  })
  expect(await applied.json()).toMatchObject({ ok: true })
  const settings = await context.newPage()
  await openReady(settings, '/settings.html')
  const section = settings.getByTestId('admin-kpi')
  await section.locator('[data-testid^="kpi-setting-MTTR"]').getByTestId('kpi-edit').click()
  const form = section.locator('[data-testid^="kpi-edit-MTTR"]')
  const tenant = form.getByLabel('기관 필터', { exact: true })
  await expect(tenant).toHaveValue(old)

  const renamed = `${old} 본청`
  renameUpstream(old, renamed)
  await backgroundSync(request, harness)

  await expect(tenant).toHaveValue(renamed)
  await expect(tenant.locator('option', { hasText: new RegExp(`^${old}$`) })).toHaveCount(0)
  await form.getByTestId('kpi-save').click()
  await expect(section.getByTestId('kpi-settings-status')).toContainText('(v2)')
  const r = await request.post(`${harness.url}/api/invoke/kpi:list`, { data: {} })
  const kpis = (
    (await r.json()) as { data: { kpis: { display_name: string; filter: { tenant?: string } | null }[] } }
  ).data.kpis
  expect(kpis.map((k) => k.filter?.tenant)).toEqual([renamed])
  // The template's name for the tenant's KPI follows too, on the server and in the list.
  expect(kpis.map((k) => k.display_name)).toEqual([`평균 복구 시간 (MTTR) · ${renamed}`])
  await expect(section.locator('[data-testid^="kpi-setting-MTTR"] strong')).toHaveText(
    `평균 복구 시간 (MTTR) · ${renamed}`,
  )
  await settings.screenshot({ fullPage: true, path: 'test-results/kpi-settings-template-renamed-ko.png' })
})
