// E2E: an error banner's Retry does what it says: it asks again for what failed (opening the
// Settings window from the console's header; deleting a KPI in Settings → KPI targets), and says so
// while it waits. Chromium against the real core through the harness; the failures are injected.
import type { Page } from '@playwright/test'
import { expect, openReady, test } from './fixtures'

/** Answers `channel` with an error until the returned function is called. */
async function refuse(page: Page, channel: string): Promise<() => Promise<void>> {
  const pattern = `**/api/invoke/${channel}`
  await page.route(pattern, (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'INTERNAL', message: 'window manager stopped' } } }),
  )
  return () => page.unroute(pattern)
}

/** The channels asked for, in order. */
function requestsTo(page: Page, channel: string): unknown[] {
  const asked: unknown[] = []
  page.on('request', (r) => {
    if (r.url().endsWith(`/api/invoke/${channel}`)) asked.push(r.postDataJSON())
  })
  return asked
}

test('Retry on the console’s “could not open Settings” banner asks for the Settings window again', async ({
  page,
}) => {
  await openReady(page, '/')
  await page.getByTestId('demo-later').click()
  const asked = requestsTo(page, 'window:open-settings')
  const allow = await refuse(page, 'window:open-settings')
  await page.getByTestId('open-settings').click()
  const banner = page.getByTestId('error-banner')
  await expect(banner).toContainText('설정 창을 열지 못했습니다')
  await expect(banner).toContainText('window manager stopped')
  // Still refused: asked again, and the banner stays.
  await banner.getByTestId('error-retry').click()
  await expect.poll(() => asked.length).toBe(2)
  await expect(banner).toContainText('설정 창을 열지 못했습니다')
  await expect(banner.getByTestId('error-retry')).toHaveText('다시 시도')
  await page.locator('.shell-main').screenshot({ path: 'test-results/console-retry-settings.png' })
  await allow()
  const [settings] = await Promise.all([
    page.waitForEvent('popup'),
    banner.getByTestId('error-retry').click(),
  ])
  await expect(settings).toHaveURL(/\/settings\.html$/)
  await expect(banner).toHaveCount(0)
  expect(asked).toHaveLength(3)
})

test('Retry after a KPI could not be deleted deletes it again', async ({ page, request, harness }) => {
  const applied: unknown = await (
    await request.post(`${harness.url}/api/invoke/kpi:apply`, { data: { template_names: ['SR_BACKLOG'] } })
  ).json()
  expect(applied).toMatchObject({ ok: true })
  await openReady(page, '/settings.html')
  const section = page.getByTestId('admin-kpi')
  const kpi = section.locator('[data-testid^="kpi-setting-"]')
  await expect(kpi).toHaveCount(1)
  const asked = requestsTo(page, 'kpi:delete')
  const allow = await refuse(page, 'kpi:delete')
  await kpi.getByTestId('kpi-delete').click()
  await kpi.getByTestId('kpi-delete-confirm').click()
  const banner = section.getByTestId('error-banner')
  await expect(banner).toContainText('삭제하지 못했습니다')
  // Not the title of a failed load: nothing failed to load.
  await expect(banner).not.toContainText('데이터를 불러오지 못했습니다')
  await page.screenshot({ path: 'test-results/kpi-settings-delete-failed.png' })
  await allow()
  await banner.getByTestId('error-retry').click()
  await expect(section.getByTestId('kpi-settings-status')).toContainText('삭제했습니다')
  await expect(kpi).toHaveCount(0)
  await expect(banner).toHaveCount(0)
  expect(asked).toHaveLength(2)
  expect(asked[1]).toEqual(asked[0])
})
