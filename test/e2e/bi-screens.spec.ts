// The BI screens (Overview charts, SLA, Engineers) in Chromium against the real core: periods, the
// partial bucket, the header's date range, drill-downs whose totals equal the numbers clicked, and
// screenshots of every screen in both themes.
import { mkdir } from 'node:fs/promises'
import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { expect, openReady, PINNED_NOW, seedDemo, test, type Harness } from './fixtures'

/** A number as the screen shows it ("1,234", "1,234건") back to 1234. */
function parseCount(text: string | null): number {
  const digits = (text ?? '').replace(/[^\d]/g, '')
  if (digits === '') throw new Error(`no number in "${text}"`)
  return Number(digits)
}

/** The number in column `col` (0-based, after the label) of row `row` of a chart's figure table. */
async function tableNumber(table: Locator, row: number, col: number): Promise<number> {
  return parseCount(await table.locator('tbody tr').nth(row).locator('td').nth(col).textContent())
}

async function drillTotal(page: Page): Promise<number> {
  const list = page.getByTestId('drill-down').getByTestId('drill-list')
  await expect(list).toHaveAttribute('data-state', 'ready')
  return Number(await list.getAttribute('data-total'))
}

async function setTheme(
  request: APIRequestContext,
  harness: Harness,
  theme: 'light' | 'dark',
): Promise<void> {
  const response = await request.post(`${harness.url}/api/invoke/settings:set`, { data: { theme } })
  expect(await response.json()).toMatchObject({ ok: true })
}

/** A screenshot of the whole screen: the main area scrolls inside the shell, so grow the viewport first. */
async function shoot(page: Page, name: string): Promise<void> {
  const mainHeight = await page.locator('.shell-main').evaluate((el) => el.scrollHeight)
  const headerHeight = (await page.locator('.shell-header').boundingBox())?.height ?? 0
  const height = Math.ceil(mainHeight + headerHeight)
  await page.setViewportSize({ width: 1440, height: Math.max(900, height) })
  await mkdir('test-results', { recursive: true })
  await page.screenshot({ path: `test-results/${name}.png` })
  await page.setViewportSize({ width: 1440, height: 900 })
}

/** Opens the console with the browser's clock on the harness's pinned "now", so presets match the core. */
async function openConsole(page: Page): Promise<void> {
  await page.clock.setFixedTime(PINNED_NOW)
  await openReady(page)
  await expect(page.getByTestId('overview')).toHaveAttribute('data-state', 'ready')
}

test.beforeEach(async ({ request, harness }) => {
  await seedDemo(request, harness)
})

test('the trend switches period, marks the partial bucket and follows the date range', async ({ page }) => {
  await openConsole(page)
  const range = page.getByTestId('date-range-filter')
  // Default: the last 30 days ending on the pinned day (2026-03-18 − 29 days = 2026-02-17).
  await expect(range).toHaveAttribute('data-from', '2026-02-17')
  await expect(range).toHaveAttribute('data-to', '2026-03-18')

  const trend = page.getByTestId('panel-trend')
  await expect(trend).toHaveAttribute('data-state', 'ready')
  const body = trend.getByTestId('trend-body')
  await expect(body).toHaveAttribute('data-period', 'daily')
  await expect(body).toHaveAttribute('data-buckets', '30')
  // Today's bucket holds "now": hatched bars (one per series) and the legend note.
  await expect(trend.locator('[data-partial="true"]')).toHaveCount(2)
  await expect(trend.getByTestId('bar-created-29')).toHaveAttribute('data-partial', 'true')
  await expect(trend.getByTestId('partial-note')).toBeVisible()

  await trend.getByTestId('period-weekly').click()
  // ISO weeks touched by 02-17 (Tue, W08) .. 03-18 (Wed, W12): W08, W09, W10, W11, W12.
  await expect(body).toHaveAttribute('data-period', 'weekly')
  await expect(body).toHaveAttribute('data-buckets', '5')
  await expect(trend.getByTestId('bar-created-4')).toHaveAttribute('data-partial', 'true')

  await trend.getByTestId('period-monthly').click()
  await expect(body).toHaveAttribute('data-period', 'monthly')
  await expect(body).toHaveAttribute('data-buckets', '2')

  // Last month (February 2026, 28 days) lies wholly before "now": no partial bucket.
  await range.locator('summary').click()
  await page.getByTestId('range-lastMonth').click()
  await expect(range).toHaveAttribute('data-from', '2026-02-01')
  await expect(range).toHaveAttribute('data-to', '2026-02-28')
  await trend.getByTestId('period-daily').click()
  await expect(body).toHaveAttribute('data-buckets', '28')
  await expect(trend).toHaveAttribute('data-state', 'ready')
  await expect(trend.getByTestId('partial-note')).toHaveCount(0)
  await expect(trend.locator('.chart-panel-subtitle')).toHaveText('2026-02-01 – 2026-02-28')

  // A custom range: the start after the end is refused with a message, then a valid one applies.
  await range.locator('summary').click()
  await page.getByTestId('range-from').fill('2026-03-10')
  await page.getByTestId('range-to').fill('2026-03-01')
  await page.getByTestId('range-apply').click()
  await expect(page.getByTestId('range-error')).toHaveText('시작일이 종료일보다 늦습니다')
  await page.getByTestId('range-to').fill('2026-03-16')
  await page.getByTestId('range-apply').click()
  await expect(range).toHaveAttribute('data-from', '2026-03-10')
  await expect(range).toHaveAttribute('data-to', '2026-03-16')
  await expect(body).toHaveAttribute('data-buckets', '7')
  await expect(range.locator('summary')).toHaveText(/직접 지정 · 2026-03-10 – 2026-03-16/)
})

test('drill-downs from the trend, the funnel and the cards list as many SRs as the number clicked', async ({
  page,
}) => {
  await openConsole(page)
  const trend = page.getByTestId('panel-trend')
  await expect(trend).toHaveAttribute('data-state', 'ready')

  // A bar in the chart: its number is the same row of the figure table (column 0 = created).
  const expectedCreated = await tableNumber(trend.getByTestId('trend-table'), 20, 0)
  expect(expectedCreated).toBeGreaterThan(0)
  await trend.getByTestId('bar-created-20').click()
  const dialog = page.getByTestId('drill-down')
  await expect(dialog).toBeVisible()
  expect(await drillTotal(page)).toBe(expectedCreated)
  await expect(dialog.getByTestId('drill-total')).toHaveText(
    `총 ${expectedCreated.toLocaleString('en-US')}건`,
  )
  await expect(dialog.getByTestId('drill-row')).toHaveCount(Math.min(50, expectedCreated))
  // The core's own title of the number (the screen's words stand in until it answers).
  await expect(dialog.getByTestId('drill-title')).toHaveText('2026-03-09 · 신규 SR')
  await expect(dialog.getByTestId('drill-range')).toHaveText('집계 기간 2026-02-17 – 2026-03-18')
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)

  // From the keyboard: the table's button opens it, Escape closes it and focus comes back.
  await trend.getByTestId('trend-table').locator('summary').click()
  const resolvedButton = trend
    .getByTestId('trend-table')
    .locator('tbody tr')
    .nth(3)
    .getByRole('button')
    .nth(1)
  const expectedResolved = parseCount(await resolvedButton.textContent())
  await resolvedButton.focus()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
  expect(await drillTotal(page)).toBe(expectedResolved)
  await expect(dialog.getByTestId('drill-close')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(resolvedButton).toBeFocused()

  // The funnel: each stage bar, and CANCELLED reported apart.
  const funnel = page.getByTestId('panel-funnel')
  await expect(funnel).toHaveAttribute('data-state', 'ready')
  const doneCount = await tableNumber(funnel.getByTestId('funnel-table'), 4, 0)
  await funnel.getByTestId('funnel-chart').getByTestId('hbar-4').click()
  expect(await drillTotal(page)).toBe(doneCount)
  await expect(dialog.getByTestId('drill-row').first()).toContainText('완료')
  await dialog.getByTestId('drill-close').click()
  await expect(dialog).toHaveCount(0)
  const cancelled = Number(await funnel.getByTestId('funnel-cancelled-count').getAttribute('data-count'))
  await funnel.getByTestId('funnel-cancelled-count').click()
  expect(await drillTotal(page)).toBe(cancelled)
  await page.keyboard.press('Escape')

  // Paging: the trend's monthly bucket holds more SRs than a page.
  await trend.getByTestId('period-monthly').click()
  await expect(trend.getByTestId('trend-body')).toHaveAttribute('data-period', 'monthly')
  const createdFeb = await tableNumber(trend.getByTestId('trend-table'), 0, 0)
  expect(createdFeb).toBeGreaterThan(50)
  await trend.getByTestId('bar-created-0').click()
  expect(await drillTotal(page)).toBe(createdFeb)
  await expect(dialog.getByTestId('drill-page')).toHaveText(`1 / ${Math.ceil(createdFeb / 50)} 페이지`)
  await dialog.getByTestId('drill-next').click()
  await expect(dialog.getByTestId('drill-page')).toHaveText(`2 / ${Math.ceil(createdFeb / 50)} 페이지`)
  await expect(dialog.getByTestId('drill-row')).toHaveCount(Math.min(50, createdFeb - 50))
  await page.keyboard.press('Escape')

  // A category's count, and the MTTR trend's resolved count for a month (the running month marked).
  const category = page.getByTestId('panel-category').getByTestId('category-table')
  await category.locator('summary').click()
  const largest = category.locator('tbody tr').first().getByRole('button')
  const largestCount = parseCount(await largest.textContent())
  await largest.click()
  expect(await drillTotal(page)).toBe(largestCount)
  await page.keyboard.press('Escape')
  const mttr = page.getByTestId('panel-mttr')
  await expect(mttr.getByTestId('mttr-partial-note')).toBeVisible()
  await mttr.getByTestId('mttr-table').locator('summary').click()
  // Row 10 of the 12 months ending 2026-03 is 2026-02.
  const february = mttr.getByTestId('mttr-table').locator('tbody tr').nth(10)
  await expect(february.locator('th')).toHaveText('2026-02')
  const resolvedInFebruary = parseCount(await february.getByRole('button').textContent())
  await february.getByRole('button').click()
  expect(await drillTotal(page)).toBe(resolvedInFebruary)
  await page.keyboard.press('Escape')

  // A card: the open SRs now.
  const openNow = parseCount(await page.getByTestId('card-open_sr').getByTestId('card-value').textContent())
  await page.getByTestId('card-open_sr').getByTestId('card-value').click()
  expect(await drillTotal(page)).toBe(openNow)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('card-open_sr').getByTestId('card-value')).toBeFocused()
})

test('the SLA screen: heatmap cells, rows and summary figures open as many SRs as they show', async ({
  page,
}) => {
  await openConsole(page)
  await page.getByTestId('nav-sla').click()
  const heatmap = page.getByTestId('panel-heatmap')
  await expect(heatmap).toHaveAttribute('data-state', 'ready')
  const cells = heatmap.getByTestId('heatmap-cell')
  expect(await cells.count()).toBeGreaterThan(5)

  const cell = cells.nth(3)
  const cellTotal = Number(await cell.getAttribute('data-total'))
  expect(parseCount(await cell.locator('.heatmap-total').textContent())).toBe(cellTotal)
  await cell.click()
  expect(await drillTotal(page)).toBe(cellTotal)
  const week = await cell.getAttribute('data-week')
  await expect(page.getByTestId('drill-title')).toContainText(week ?? '')
  await page.keyboard.press('Escape')
  await expect(cell).toBeFocused()

  // A row header: that category over every week = the sum of its cells.
  const category = heatmap.getByTestId('heatmap-category').first()
  const key = (await category.getAttribute('data-category')) ?? ''
  const rowTotals = await heatmap
    .locator(`[data-testid="heatmap-cell"][data-category="${key}"]`)
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-total'))))
  await category.click()
  expect(await drillTotal(page)).toBe(rowTotals.reduce((a, b) => a + b, 0))
  await page.keyboard.press('Escape')

  // The summary: resolved = on time + late, and each figure opens its SRs over the whole range.
  const summary = page.getByTestId('sla-summary')
  const figure = async (key: string) =>
    Number(await summary.getByTestId(`sla-summary-${key}`).getAttribute('data-value'))
  const total = await figure('total')
  const onTime = await figure('on_time')
  const late = await figure('late')
  expect(onTime + late).toBe(total)
  // More than one page of late SRs, so the paging below is exercised.
  expect(late).toBeGreaterThan(25)
  for (const [key, value] of [
    ['total', total],
    ['on_time', onTime],
    ['late', late],
  ] as const) {
    await summary.getByTestId(`sla-summary-${key}`).click()
    expect(await drillTotal(page)).toBe(value)
    await page.keyboard.press('Escape')
    await expect(summary.getByTestId(`sla-summary-${key}`)).toBeFocused()
  }

  // The late SRs: one flat list as long as the late figure, latest resolved first, all over target.
  const panel = page.getByTestId('panel-breaches')
  const list = panel.getByTestId('breaches-list')
  await expect(list).toHaveAttribute('data-state', 'ready')
  expect(Number(await list.getAttribute('data-total'))).toBe(late)
  await expect(list).toHaveAttribute('data-sort', 'resolved')
  // 25 rows a page inside the screen.
  await expect(list.getByTestId('drill-row')).toHaveCount(25)
  const overs = () =>
    list
      .getByTestId('drill-over-target')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))))
  // Late by the judgement (over target; a few minutes over rounds to 0.0 h).
  await expect(list.locator('[data-testid="drill-over-target"][data-late="true"]')).toHaveCount(25)
  expect((await overs()).every((h) => h >= 0)).toBe(true)

  // Sorted by how late: most late first, then reversed; paging keeps the order.
  await list.getByTestId('drill-sort-over_target').click()
  await expect(list).toHaveAttribute('data-sort', 'over_target')
  await expect(list).toHaveAttribute('data-state', 'ready')
  const mostLate = await overs()
  expect(mostLate).toEqual([...mostLate].sort((a, b) => b - a))
  await list.getByTestId('drill-next').click()
  await expect(list.getByTestId('drill-page')).toHaveText(`2 / ${Math.ceil(late / 25)} 페이지`)
  await expect(list).toHaveAttribute('data-state', 'ready')
  expect(Math.max(...(await overs()))).toBeLessThanOrEqual(Math.min(...mostLate))
  await list.getByTestId('drill-sort-over_target').click()
  await expect(list).toHaveAttribute('data-order', 'asc')
  await expect(list).toHaveAttribute('data-state', 'ready')
  await expect(list.getByTestId('drill-page')).toHaveText(`1 / ${Math.ceil(late / 25)} 페이지`)
  const leastLate = await overs()
  expect(leastLate).toEqual([...leastLate].sort((a, b) => a - b))
  expect(leastLate[0]).toBeGreaterThanOrEqual(0)

  // The week × category breakdown is the other view: its late counts add up to the same figure.
  await panel.getByTestId('breaches-view-byWeek').click()
  const lateCells = panel.getByTestId('breach-late')
  const lateCounts = await lateCells.evaluateAll((els) =>
    els.map((el) => Number(el.getAttribute('data-value'))),
  )
  expect(lateCounts.reduce((a, b) => a + b, 0)).toBe(late)
  await lateCells.first().click()
  expect(await drillTotal(page)).toBe(lateCounts[0])
  const rows = page.getByTestId('drill-down').getByTestId('drill-row')
  await expect(rows.first().getByTestId('drill-over-target')).toContainText('+')
  await page.keyboard.press('Escape')
  await expect(lateCells.first()).toBeFocused()
})

test('the Engineers screen lists load per assignee with an unassigned row', async ({ page }) => {
  await openConsole(page)
  await page.getByTestId('nav-engineers').click()
  const panel = page.getByTestId('panel-engineers')
  await expect(panel).toHaveAttribute('data-state', 'ready')
  const table = panel.getByTestId('engineers-table')
  const rows = table.locator('tbody tr')
  expect(await rows.count()).toBeGreaterThan(3)
  expect(await rows.count()).toBeLessThanOrEqual(20)
  // Totals are ordered largest first; each total ≥ resolved + open (the rest were cancelled).
  const first = [
    await tableNumber(table, 0, 0),
    await tableNumber(table, 0, 1),
    await tableNumber(table, 0, 2),
  ]
  const second = await tableNumber(table, 1, 0)
  expect(first[0]).toBeGreaterThanOrEqual(second)
  expect(first[0]).toBeGreaterThanOrEqual((first[1] ?? 0) + (first[2] ?? 0))

  await rows.nth(0).getByRole('button').nth(2).click()
  expect(await drillTotal(page)).toBe(first[2])
  // The dialog names the assignee (the core's title), never a person id.
  const name = (await rows.nth(0).locator('th').textContent()) ?? ''
  expect(name.length).toBeGreaterThan(0)
  await expect(page.getByTestId('drill-title')).toContainText(`${name} · 진행중`)
  await expect(page.getByTestId('drill-title')).not.toContainText('#')
  await page.keyboard.press('Escape')

  const unassigned = rows.filter({ hasText: '미배정' })
  await expect(unassigned).toHaveCount(1)
  const unassignedTotal = parseCount(await unassigned.locator('td').first().textContent())
  await unassigned.getByRole('button').first().click()
  expect(await drillTotal(page)).toBe(unassignedTotal)
  await expect(page.getByTestId('drill-down').getByTestId('drill-row').first()).toContainText('미배정')
  await page.keyboard.press('Escape')
})

test('in English, every BI screen is relabelled; screenshots in both themes', async ({
  page,
  request,
  harness,
}) => {
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(request, harness, theme)
    await openConsole(page)
    await expect(page.getByTestId('panel-trend')).toHaveAttribute('data-state', 'ready')
    await expect(page.getByTestId('panel-mttr')).toHaveAttribute('data-state', 'ready')
    await expect(page.getByTestId('panel-category')).toHaveAttribute('data-state', 'ready')
    await expect(page.getByTestId('panel-funnel')).toHaveAttribute('data-state', 'ready')
    await shoot(page, `bi-overview-${theme}`)
    await page.getByTestId('panel-trend').getByTestId('bar-created-27').click()
    await expect(page.getByTestId('drill-down').getByTestId('drill-list')).toHaveAttribute(
      'data-state',
      'ready',
    )
    await page.screenshot({ path: `test-results/bi-drill-down-${theme}.png` })
    await page.keyboard.press('Escape')
    await page.getByTestId('nav-sla').click()
    await expect(page.getByTestId('panel-heatmap')).toHaveAttribute('data-state', 'ready')
    await expect(page.getByTestId('panel-breaches')).toHaveAttribute('data-state', 'ready')
    await shoot(page, `bi-sla-${theme}`)
    await page.getByTestId('sla-summary-late').click()
    await expect(page.getByTestId('drill-down').getByTestId('drill-list')).toHaveAttribute(
      'data-state',
      'ready',
    )
    await page.screenshot({ path: `test-results/bi-sla-drill-${theme}.png` })
    await page.keyboard.press('Escape')
    await page.getByTestId('nav-engineers').click()
    await expect(page.getByTestId('panel-engineers')).toHaveAttribute('data-state', 'ready')
    await shoot(page, `bi-engineers-${theme}`)
  }

  const response = await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  expect(await response.json()).toMatchObject({ ok: true })
  await openConsole(page)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByTestId('panel-trend').getByRole('heading')).toHaveText('Created vs resolved')
  await expect(page.getByTestId('panel-trend').getByTestId('period-weekly')).toHaveText('Weekly')
  await expect(page.getByTestId('date-range-filter').locator('summary')).toHaveText(
    /^Last 30 days · 2026-02-17 – 2026-03-18/,
  )
  await expect(page.getByTestId('panel-funnel').getByTestId('funnel-cancelled')).toContainText('Cancelled')
  await shoot(page, 'bi-overview-en')
  await page.getByTestId('nav-sla').click()
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('SLA compliance')
  await expect(page.getByTestId('panel-heatmap')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('breaches-list')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('breaches-view-list')).toHaveText('SR list')
  await shoot(page, 'bi-sla-en')
  await page.getByTestId('nav-engineers').click()
  await expect(page.getByTestId('panel-engineers')).toHaveAttribute('data-state', 'ready')
  // The core labels the no-assignee row in the request's language.
  await expect(
    page.getByTestId('engineers-table').locator('tbody tr').filter({ hasText: 'Unassigned' }),
  ).toHaveCount(1)
  await shoot(page, 'bi-engineers-en')
})

test('a range with no SRs shows empty states, and a failing widget offers retry', async ({ page }) => {
  await openConsole(page)
  const range = page.getByTestId('date-range-filter')
  // Two years before the demo data starts.
  await range.locator('summary').click()
  await page.getByTestId('range-from').fill('2020-01-01')
  await page.getByTestId('range-to').fill('2020-01-31')
  await page.getByTestId('range-apply').click()
  for (const id of ['panel-trend', 'panel-category', 'panel-funnel'] as const) {
    await expect(page.getByTestId(id)).toHaveAttribute('data-state', 'empty')
    await expect(page.getByTestId(id).getByTestId('chart-empty')).toHaveText(/선택한 기간에 SR이 없습니다/)
  }

  await page.route('**/api/invoke/bi:category-pie', (route) =>
    route.fulfill({
      json: { ok: false, error: { code: 'UNAVAILABLE', message: '분류 집계를 할 수 없습니다' } },
    }),
  )
  await range.locator('summary').click()
  await page.getByTestId('range-last30').click()
  const category = page.getByTestId('panel-category')
  await expect(category).toHaveAttribute('data-state', 'error')
  await expect(category.getByTestId('chart-error-message')).toHaveText('분류 집계를 할 수 없습니다')
  // The other panels are unaffected.
  await expect(page.getByTestId('panel-funnel')).toHaveAttribute('data-state', 'ready')
  await page.unroute('**/api/invoke/bi:category-pie')
  await category.getByTestId('chart-error-retry').click()
  await expect(category).toHaveAttribute('data-state', 'ready')
})
