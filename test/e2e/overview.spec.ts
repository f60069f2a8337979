// The console's main screens in Chromium against the real core (browser harness).
import { mkdir } from 'node:fs/promises'
import { cardNumber, expect, openReady, seedDemo, test } from './fixtures'

const CARD_KEYS = ['open_sr', 'inprog_sr', 'done_month', 'done_week', 'mttr'] as const
// Korean grouping: 1,234 for counts; MTTR always one decimal.
const COUNT_FORMAT = /^\d{1,3}(,\d{3})*$/
const HOURS_FORMAT = /^\d{1,3}(,\d{3})*\.\d$/

test('an empty workspace offers the demo, and creating it shows the overview', async ({ page }, testInfo) => {
  await openReady(page)
  const offer = page.getByTestId('first-run')
  await expect(offer).toBeVisible()
  await expect(offer.getByRole('heading')).toHaveText('Ops Console에 오신 것을 환영합니다')
  await expect(page.getByTestId('watermark')).toHaveText('아직 데이터 없음')

  await offer.getByRole('button', { name: '데모 작업공간 만들기' }).click()

  const overview = page.getByTestId('overview')
  await expect(overview).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
  await expect(offer).toBeHidden()
  for (const key of CARD_KEYS) await expect(page.getByTestId(`card-${key}`)).toBeVisible()

  await expect(page.getByTestId('card-open_sr').getByRole('heading')).toHaveText('미처리 SR')
  for (const key of ['open_sr', 'inprog_sr', 'done_month', 'done_week'] as const) {
    await expect(page.getByTestId(`card-${key}`).getByTestId('card-value')).toHaveText(COUNT_FORMAT)
    expect(await cardNumber(page, key), key).toBeGreaterThan(0)
  }
  await expect(page.getByTestId('card-mttr').getByTestId('card-value')).toHaveText(HOURS_FORMAT)
  expect(await cardNumber(page, 'mttr')).toBeGreaterThan(0)
  await expect(page.getByTestId('card-mttr')).toContainText('시간')
  // The month-over-month change: an arrow, a signed number, the comparison label.
  await expect(page.getByTestId('card-done_month').getByTestId('card-change')).toHaveText(
    /^[▲▼–] (변동 없음|증가|감소)? ?([+\u2212]\d[\d,]*|0) 전월 대비$/,
  )
  await expect(page.getByTestId('watermark')).toHaveText(
    /^데이터 기준: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(GMT\+9\)$/,
  )

  const screenshot = await page.screenshot({ fullPage: true })
  await testInfo.attach('overview', { body: screenshot, contentType: 'image/png' })
  await mkdir('test-results', { recursive: true })
  await page.screenshot({ fullPage: true, path: 'test-results/overview.png' })
})

test('"나중에" declines the demo and is remembered', async ({ page }) => {
  await openReady(page)
  await page.getByRole('button', { name: '나중에' }).click()
  await expect(page.getByTestId('first-run')).toBeHidden()
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('app-ready')).toBeAttached()
  await expect(page.getByTestId('first-run')).toBeHidden()
  await expect(page.getByTestId('empty-state')).toBeVisible()
})

test('switching the language to English in Settings relabels the open console', async ({
  page,
  request,
  harness,
}) => {
  await seedDemo(request, harness)
  await openReady(page)
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko')
  await expect(page.getByTestId('card-open_sr').getByRole('heading')).toHaveText('미처리 SR')

  // In the browser the header's 설정 button opens the Settings page as a new tab.
  const [settings] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByTestId('open-settings').click(),
  ])
  await expect(settings).toHaveURL(/\/settings\.html$/)
  await expect(settings.getByTestId('app-ready')).toBeAttached()
  // Report schedules arrive with the reports; their section is still a placeholder.
  await expect(settings.getByTestId('admin-schedules')).toContainText('관리자 전용 — 준비 중')

  await settings.getByLabel('언어').selectOption('en')
  await settings.getByTestId('settings-save').click()
  await expect(settings.getByRole('heading', { level: 1 })).toHaveText('Settings')
  await expect(settings.getByTestId('save-status')).toHaveText('Saved')

  // The console follows through the 'settings:changed' event, without a reload.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByTestId('card-open_sr').getByRole('heading')).toHaveText('Open SRs')
  await expect(page.getByTestId('card-mttr')).toContainText('hours')
  await expect(page.getByTestId('card-done_month').getByTestId('card-change')).toContainText('vs last month')
  await expect(page.getByTestId('watermark')).toHaveText(/^Data as of: /)
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible()
})

test('Settings shows field errors and does not save an unknown time zone', async ({ page }) => {
  await openReady(page, '/settings.html')
  await page.getByLabel('시간대').selectOption('other')
  await page.getByLabel('IANA 시간대 (예: Asia/Seoul)').fill('Mars/Olympus')
  await page.getByLabel('동기화 주기 (분)').fill('0')
  await page.getByTestId('settings-save').click()
  await expect(page.getByTestId('field-error-timeZone')).toHaveText('알 수 없는 IANA 시간대입니다')
  await expect(page.getByTestId('field-error-syncIntervalMinutes')).toBeVisible()

  const stored: unknown = await (await page.request.post('/api/invoke/settings:get', { data: {} })).json()
  expect(stored).toMatchObject({ ok: true, data: { timeZone: 'Asia/Seoul', syncIntervalMinutes: 15 } })
})

test('the tenant filter narrows the cards to the chosen institution', async ({ page, request, harness }) => {
  await seedDemo(request, harness)
  await openReady(page)
  const overview = page.getByTestId('overview')
  await expect(overview).toHaveAttribute('data-state', 'ready')
  const counts = ['open_sr', 'inprog_sr', 'done_month', 'done_week'] as const
  const all = await Promise.all(counts.map((key) => cardNumber(page, key)))

  const filter = page.getByTestId('tenant-filter')
  await filter.locator('summary').click()
  const first = filter.getByRole('checkbox').first()
  const tenantName = (await filter.locator('.tenant-option span').first().innerText()).trim()
  await first.check()

  await expect(overview).toHaveAttribute('data-tenants', tenantName)
  await expect(overview).toHaveAttribute('data-state', 'ready')
  await expect(filter.locator('summary')).toHaveText(tenantName)
  const one = await Promise.all(counts.map((key) => cardNumber(page, key)))
  one.forEach((value, i) => expect(value, counts[i]).toBeLessThanOrEqual(all[i] ?? 0))
  expect(one.reduce((a, b) => a + b, 0)).toBeLessThan(all.reduce((a, b) => a + b, 0))

  await filter.getByRole('button', { name: '전체 보기' }).click()
  await expect(overview).toHaveAttribute('data-tenants', '')
  await expect(overview).toHaveAttribute('data-state', 'ready')
  expect(await cardNumber(page, 'open_sr')).toBe(all[0])
})

test('a failing overview request shows the error banner, and retry recovers', async ({
  page,
  request,
  harness,
}) => {
  await seedDemo(request, harness)
  await page.route('**/api/invoke/bi:overview', (route) =>
    route.fulfill({
      json: { ok: false, error: { code: 'UNAVAILABLE', message: '집계 서버 점검 중입니다' } },
    }),
  )
  await openReady(page)
  const banner = page.getByTestId('error-banner')
  await expect(banner).toBeVisible()
  await expect(banner.getByTestId('error-message')).toHaveText('집계 서버 점검 중입니다')
  await expect(page.getByTestId('card-open_sr')).toHaveCount(0)

  await page.unroute('**/api/invoke/bi:overview')
  await banner.getByRole('button', { name: '다시 시도' }).click()
  await expect(banner).toBeHidden()
  await expect(page.getByTestId('card-open_sr')).toBeVisible()
})

test('a stopped harness shows an error instead of stale silence', async ({ page, request, harness }) => {
  await seedDemo(request, harness)
  await openReady(page)
  await expect(page.getByTestId('card-open_sr')).toBeVisible()
  await harness.close()

  const filter = page.getByTestId('tenant-filter')
  await filter.locator('summary').click()
  await filter.getByRole('checkbox').first().check()
  await expect(page.getByTestId('error-message')).toHaveText(/Cannot reach the Ops Console harness/)
  await expect(page.getByTestId('error-retry')).toBeVisible()
})

test('in English at the smallest window, a card of one SR says “item”, and a chart of every assignee says so', async ({
  page,
  request,
  harness,
}) => {
  await seedDemo(request, harness)
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await page.setViewportSize({ width: 960, height: 600 })
  await openReady(page)
  // The demo workspace (seed 42) has one open SR on the pinned day.
  const open = page.getByTestId('card-open_sr')
  await expect(open.getByTestId('card-value')).toHaveText('1')
  await expect(open.locator('.card-unit')).toHaveText('item')
  await expect(page.getByTestId('card-inprog_sr').locator('.card-unit')).toHaveText('items')
  await page.screenshot({ path: 'test-results/overview-en-960.png' })
  await page.getByTestId('nav-engineers').click()
  const panel = page.getByTestId('panel-engineers')
  await expect(panel).toHaveAttribute('data-state', 'ready')
  await expect(panel).toContainText(/All \d+ assignees/)
  await expect(panel).not.toContainText(/Top (\d+) of \1 /)
  await page.screenshot({ path: 'test-results/engineers-en-960.png' })
})
