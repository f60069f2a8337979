// Settings → SLA in Chromium against the real core: a new policy version, an .ics holiday import,
// and the overview figures staying consistent with the policy (MTTR follows the calendar clock).
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { APIRequestContext } from '@playwright/test'
import { cardNumber, expect, openReady, seedDemo, test, type Harness } from './fixtures'

type Overview = { cards: { key: string; value: number | null }[] }
async function overviewCards(
  request: APIRequestContext,
  harness: Harness,
): Promise<Record<string, number | null>> {
  const r = await request.post(`${harness.url}/api/invoke/bi:overview`, { data: {} })
  const body = (await r.json()) as { ok: boolean; data: Overview }
  expect(body.ok).toBe(true)
  return Object.fromEntries(body.data.cards.map((c) => [c.key, c.value]))
}

test('an admin changes a target, imports holidays, and the overview stays consistent', async ({
  page,
  request,
  harness,
}, testInfo) => {
  await seedDemo(request, harness, 3000)
  const before = await overviewCards(request, harness)
  expect(before.mttr).toBeGreaterThan(0)

  await openReady(page, '/settings.html')
  const section = page.getByTestId('admin-sla')
  await expect(section.getByRole('heading', { name: 'SLA 정책과 업무 달력' })).toBeVisible()
  await expect(section.getByTestId('sla-current')).toHaveText('현재 적용: 버전 0')

  // A bad target is refused in the form with a message, nothing is saved.
  await section.getByTestId('sla-target-P1').fill('0')
  await section.getByTestId('sla-save-policy').click()
  await expect(section.getByTestId('sla-error-target-P1')).toHaveText(
    '0보다 크고 8760 이하인 시간을 입력하세요.',
  )

  // P1 4 h → 6 h, effective from 2026-01-01: version 1, in force now.
  await section.getByTestId('sla-target-P1').fill('6')
  await section.getByTestId('sla-effective').fill('2026-01-01')
  await section.getByTestId('sla-save-policy').click()
  await expect(section.getByTestId('sla-notice')).toContainText('버전 1을 저장했습니다')
  await expect(section.getByTestId('sla-current')).toHaveText('현재 적용: 버전 1')
  await expect(section.getByTestId('sla-history').locator('tbody tr')).toHaveCount(2)
  await expect(section.getByTestId('sla-history').locator('tbody tr').first()).toContainText(
    '6 / 8 / 24 / 72',
  )

  // Targets do not move MTTR or counts.
  expect(await overviewCards(request, harness)).toEqual(before)

  // Import the small .ics: 어린이날, 대체공휴일, 추석 연휴 (3 days) = 5 holidays.
  await section.getByTestId('sla-ics-input').setInputFiles(join('test/fixtures/ical', 'small-holidays.ics'))
  await expect(section.getByTestId('sla-notice')).toContainText('휴일 5건을 추가')
  const holidays = section.getByTestId('sla-holidays')
  await expect(holidays.locator('tbody tr')).toHaveCount(5)
  await expect(section.getByTestId('sla-holiday-2026-05-05')).toContainText('어린이날')
  await expect(section.getByTestId('sla-holiday-2026-09-26')).toContainText('추석 연휴')

  // A garbage file is refused with a clear message and nothing is added.
  await section.getByTestId('sla-ics-input').setInputFiles({
    name: 'notes.ics',
    mimeType: 'text/calendar',
    buffer: Buffer.from('just some notes'),
  })
  await expect(section.getByTestId('error-message')).toContainText('Not an iCalendar file')
  await expect(holidays.locator('tbody tr')).toHaveCount(5)

  // Switching the calendar to business hours: MTTR is now measured in business hours (shorter),
  // the resolved counts stay the same.
  // The form now edits the newest version, effective from the core's today (pinned 2026-03-18).
  await expect(section.getByTestId('sla-effective')).toHaveValue('2026-03-18')
  await expect(section.getByTestId('sla-target-P1')).toHaveValue('6')
  await section.getByTestId('sla-calendar').selectOption('business')
  await section.getByTestId('sla-effective').fill('2026-01-01')
  await section.getByTestId('sla-save-policy').click()
  await expect(section.getByTestId('sla-current')).toHaveText('현재 적용: 버전 2')
  const after = await overviewCards(request, harness)
  expect(after.done_month).toBe(before.done_month)
  expect(after.done_week).toBe(before.done_week)
  expect(after.mttr).toBeLessThan(before.mttr ?? 0)

  await mkdir('test-results', { recursive: true })
  await section.screenshot({ path: 'test-results/sla-settings.png' })
  await testInfo.attach('sla-settings', { path: 'test-results/sla-settings.png', contentType: 'image/png' })

  // The console shows the same MTTR the core computes.
  await openReady(page, '/')
  await expect(page.getByTestId('overview')).toHaveAttribute('data-state', 'ready')
  expect(await cardNumber(page, 'mttr')).toBe(after.mttr)
})
