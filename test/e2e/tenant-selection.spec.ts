// E2E: the header's institution (기관) selection when a sync renames the selected tenant upstream
// (ITSM REST: the tenant keeps its row, so its SRs follow it under the new name). The selection is
// kept by name; it follows the tenant to its new name and says so, instead of naming a tenant that
// no longer exists and emptying every dashboard.
import type { APIRequestContext, Page } from '@playwright/test'
import { startItsmSimulator, type ItsmSimulator } from '../../src/main/simulators/itsm/server'
import { cardNumber, expect, openReady, PINNED_NOW, test, type Harness } from './fixtures'

const TOKEN = 'e2e-itsm-token-selection-3b7e'
const CARDS = ['open_sr', 'inprog_sr', 'done_month', 'done_week'] as const

async function addSource(request: APIRequestContext, harness: Harness, name: string, url: string) {
  const res = await request.post(`${harness.url}/api/invoke/sources:add`, {
    data: { kind: 'itsm', name, url, token: TOKEN },
  })
  expect(await res.json()).toMatchObject({ ok: true })
}

async function tenantNames(request: APIRequestContext, harness: Harness): Promise<string[]> {
  const r = await request.post(`${harness.url}/api/invoke/workspace:tenants`, { data: {} })
  return ((await r.json()) as { data: { name: string }[] }).data.map((t) => t.name)
}

async function syncIdle(request: APIRequestContext, harness: Harness): Promise<void> {
  await expect
    .poll(async () => {
      const r = await request.post(`${harness.url}/api/invoke/sync:status`, { data: {} })
      return ((await r.json()) as { data: { state: string } }).data.state
    })
    .toBe('idle')
}

/** A sync through the core, as the background schedule starts one; waits for it to finish. */
async function backgroundSync(request: APIRequestContext, harness: Harness): Promise<void> {
  const run = await request.post(`${harness.url}/api/invoke/sync:run`, { data: {} })
  expect(await run.json()).toMatchObject({ ok: true, data: { started: true } })
  await syncIdle(request, harness)
}

/** Chooses the filter's `nth` institution; returns its name. */
async function chooseTenant(page: Page, nth: number): Promise<string> {
  const filter = page.getByTestId('tenant-filter')
  await filter.locator('summary').click()
  const option = filter.locator('.tenant-option').nth(nth)
  const name = (await option.locator('span').first().innerText()).trim()
  await option.getByRole('checkbox').check()
  await filter.locator('summary').click()
  return name
}

async function cards(page: Page): Promise<number[]> {
  await expect(page.getByTestId('overview')).toHaveAttribute('data-state', 'ready')
  return Promise.all(CARDS.map((key) => cardNumber(page, key)))
}

let sim: ItsmSimulator
test.beforeEach(async ({ request, harness }) => {
  // Data up to an hour before the pinned "now", so this month's cards have SRs.
  sim = await startItsmSimulator({ seed: 5, srCount: 300, token: TOKEN, asOf: PINNED_NOW - 3_600_000 })
  await addSource(request, harness, 'prod', sim.url)
  await backgroundSync(request, harness)
})
test.afterEach(async () => {
  await sim.close()
})

test('a background sync renames the selected institution upstream: the filter follows it under its new name, the figures stay', async ({
  page,
  request,
  harness,
}) => {
  await openReady(page)
  const overview = page.getByTestId('overview')
  const filter = page.getByTestId('tenant-filter')
  const old = await chooseTenant(page, 0)
  await expect(overview).toHaveAttribute('data-tenants', old)
  const before = await cards(page)
  expect(before.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
  const notice = page.getByTestId('tenant-notice')
  // Nothing to say yet.
  await expect(page.getByText('선택한 기관의 이름이 바뀌어')).toHaveCount(0)

  const renamed = `${old} 본청`
  const id = sim.data.tenants.find((t) => t.name === old)?.id
  if (!id) throw new Error(`the simulator serves no ${old}`)
  sim.mutate((m) => m.rename('tenants', id, renamed))
  await backgroundSync(request, harness)
  expect(await tenantNames(request, harness)).toContain(renamed)
  expect(await tenantNames(request, harness)).not.toContain(old)

  // The header names the tenant under its new name, the dashboards ask for it and show its SRs.
  await expect(filter.locator('summary')).toHaveText(renamed)
  await expect(overview).toHaveAttribute('data-tenants', renamed)
  expect(await cards(page)).toEqual(before)
  await expect(notice.getByRole('status')).toHaveText(
    `선택한 기관의 이름이 바뀌어 새 이름으로 계속 봅니다: ${old} → ${renamed}.`,
  )
  await page.screenshot({ path: 'test-results/tenant-selection-renamed-ko.png' })
  // The panel shows the new name ticked, and no trace of the old one.
  await filter.locator('summary').click()
  await expect(
    filter.locator('.tenant-option').filter({ hasText: renamed }).getByRole('checkbox'),
  ).toBeChecked()
  await expect(filter.getByRole('checkbox', { checked: true })).toHaveCount(1)
  await expect(filter.locator('.tenant-option').getByText(old, { exact: true })).toHaveCount(0)
  await filter.locator('summary').click()

  // The other screens read the same selection.
  await page.getByTestId('nav-sla').click()
  await page.getByTestId('nav-overview').click()
  await expect(overview).toHaveAttribute('data-tenants', renamed)

  await notice.getByRole('button', { name: '알림 닫기' }).click()
  await expect(notice.getByRole('status')).toHaveText('')
  await expect(notice.getByRole('button')).toHaveCount(0)
})

test('in English, a sync run from the Sync screen renames one of two selected institutions: both stay selected', async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await openReady(page)
  const first = await chooseTenant(page, 0)
  const second = await chooseTenant(page, 1)
  const filter = page.getByTestId('tenant-filter')
  await expect(filter.locator('summary')).toHaveText('2 institutions')
  const before = await cards(page)

  const renamed = 'Renamed Institution'
  const id = sim.data.tenants.find((t) => t.name === second)?.id
  if (!id) throw new Error(`the simulator serves no ${second}`)
  sim.mutate((m) => m.rename('tenants', id, renamed))
  await page.getByTestId('nav-sync').click()
  await page.getByRole('button', { name: 'Sync prod', exact: true }).click()
  await syncIdle(request, harness)
  await expect.poll(() => tenantNames(request, harness)).toContain(renamed)
  await page.getByTestId('nav-overview').click()

  const overview = page.getByTestId('overview')
  await expect(filter.locator('summary')).toHaveText('2 institutions')
  // The list's order (by name): the renamed one now sorts first.
  await expect(overview).toHaveAttribute('data-tenants', [first, renamed].sort().join('|'))
  expect(await cards(page)).toEqual(before)
  await expect(page.getByTestId('tenant-notice').getByRole('status')).toHaveText(
    `Renamed at the source, kept in the filter under the new name: ${second} → ${renamed}.`,
  )
  await page.screenshot({ path: 'test-results/tenant-selection-renamed-en.png' })
})

test('a selected institution the refreshed list no longer has is taken out of the filter, and the notice says all are shown', async ({
  page,
  request,
  harness,
}) => {
  await openReady(page)
  const gone = await chooseTenant(page, 0)
  const overview = page.getByTestId('overview')
  await expect(overview).toHaveAttribute('data-tenants', gone)
  // No sync removes a tenant; a list without it stands for any that would (a workspace cleared elsewhere).
  await page.route('**/api/invoke/workspace:tenants', async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as { ok: true; data: { name: string }[] }
    await route.fulfill({ json: { ...body, data: body.data.filter((t) => t.name !== gone) } })
  })
  await backgroundSync(request, harness)

  const filter = page.getByTestId('tenant-filter')
  await expect(filter.locator('summary')).toHaveText('전체 기관')
  await expect(overview).toHaveAttribute('data-tenants', '')
  await expect(page.getByTestId('tenant-notice').getByRole('status')).toHaveText(
    `선택한 기관이 더 이상 없어 필터에서 뺐습니다: ${gone}. 지금은 전체 기관을 보여 줍니다.`,
  )
  await page.screenshot({ path: 'test-results/tenant-selection-dropped-ko.png' })
})
