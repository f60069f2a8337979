// E2E: the console at its smallest window (960 px wide, src/main/shell/windows.ts), in Korean and
// English: the header stays one line with every control in it, and the cohort triangles fit their
// panel without a sideways scroll. Screenshots: test-results/narrow-*.png.
import { mkdir } from 'node:fs/promises'
import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { startItsmSimulator } from '../../src/main/simulators/itsm/server'
import { expect, openReady, PINNED_NOW, seedDemo, test, type Harness } from './fixtures'

const NARROW = { width: 960, height: 720 }

test.beforeAll(async () => {
  await mkdir('test-results', { recursive: true })
})

async function setLanguage(request: APIRequestContext, harness: Harness, language: 'ko' | 'en') {
  const r = await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language } })
  expect(await r.json()).toMatchObject({ ok: true })
}

/** How far `box` scrolls sideways: its content's width beyond its own. */
const overflowX = (box: Locator): Promise<number> => box.evaluate((e) => e.scrollWidth - e.clientWidth)

for (const lang of ['ko', 'en'] as const) {
  test(`at 960 px the header is one line with every control, even with a failing sync and two institutions chosen (${lang})`, async ({
    page,
    request,
    harness,
  }) => {
    const sim = await startItsmSimulator({ seed: 7, srCount: 20, token: 'the-token' })
    try {
      await seedDemo(request, harness)
      await setLanguage(request, harness, lang)
      // A connection whose sync fails (wrong token) puts its note next to the watermark.
      const added = await request.post(`${harness.url}/api/invoke/sources:add`, {
        data: { kind: 'itsm', name: 'wrong-token', url: sim.url, token: 'not-the-token' },
      })
      expect(await added.json()).toMatchObject({ ok: true })
      const run = await request.post(`${harness.url}/api/invoke/sync:run`, { data: {} })
      expect(await run.json()).toMatchObject({ ok: true })
      await expect
        .poll(async () => {
          const r = await request.post(`${harness.url}/api/invoke/workspace:status`, { data: {} })
          return ((await r.json()) as { data: { syncFailing: string[] } }).data.syncFailing.length
        })
        .toBe(1)

      await page.setViewportSize(NARROW)
      await openReady(page)
      const header = page.locator('.shell-header')
      await expect(page.getByTestId('watermark-failing')).toBeVisible()
      const tenants = page.getByTestId('tenant-filter')
      await tenants.locator('summary').click()
      await tenants.locator('.tenant-option input').nth(0).check()
      await tenants.locator('.tenant-option input').nth(1).check()
      await tenants.locator('summary').click()
      await expect(tenants.locator('summary')).toHaveText(lang === 'ko' ? '기관 2곳' : '2 institutions')
      await header.screenshot({ path: `test-results/narrow-header-${lang}.png` })

      // One line: every item is as tall as one line of its own and sits on the header's middle line.
      const items = await header.evaluate((h) => {
        const box = h.getBoundingClientRect()
        return {
          height: box.height,
          overflow: h.scrollWidth - h.clientWidth,
          right: box.right,
          items: [...h.children]
            .filter((c) => c.getBoundingClientRect().width > 0)
            .map((c) => {
              const r = c.getBoundingClientRect()
              return { name: c.className, height: r.height, middle: r.top + r.height / 2, right: r.right }
            }),
        }
      })
      expect(items.overflow).toBe(0)
      expect(items.height).toBeLessThan(60)
      for (const item of items.items) {
        expect(item.height, item.name).toBeLessThanOrEqual(40)
        expect(Math.abs(item.middle - items.height / 2), item.name).toBeLessThanOrEqual(2)
        expect(item.right, item.name).toBeLessThanOrEqual(items.right)
      }
      // Every control is there and whole: the watermark is not cut short either.
      for (const control of [
        page.getByTestId('watermark'),
        page.getByTestId('watermark-failing'),
        page.getByTestId('date-range-filter').locator('summary'),
        tenants.locator('summary'),
        page.getByTestId('open-settings'),
      ]) {
        await expect(control).toBeInViewport({ ratio: 1 })
        expect(await overflowX(control)).toBeLessThanOrEqual(0)
      }
      // The date range shows its dates; its name stays in what a screen reader hears and the title.
      const range = page.getByTestId('date-range-filter').locator('summary')
      await expect(range).toBeVisible()
      const preset = lang === 'ko' ? '최근 30일' : 'Last 30 days'
      await expect(range).toHaveAccessibleName(new RegExp(`${preset} · 2026-02-17 – 2026-03-18$`))
      await expect(range).toHaveAttribute('title', `${preset} · 2026-02-17 – 2026-03-18`)
      expect(await range.innerText()).toContain('2026-02-17 – 2026-03-18')
    } finally {
      await sim.close()
    }
  })

  test(`at 960 px the tenant growth and user retention triangles fit without scrolling sideways (${lang})`, async ({
    page,
    request,
    harness,
  }) => {
    // The first-run demo's size: 18 months of history, up to three-digit monthly counts.
    await seedDemo(request, harness, 30_000)
    await setLanguage(request, harness, lang)
    await page.clock.setFixedTime(PINNED_NOW)
    await page.setViewportSize(NARROW)
    await openReady(page)
    await page.getByTestId('nav-cohorts').click()

    const growth = page.getByTestId('cohort-tenant-growth')
    await expect(growth).toHaveAttribute('data-state', 'ready')
    await shot(page, `narrow-cohort-growth-${lang}`)
    await expectFits(page, growth, 'growth-triangle')
    // The tenants of a cohort are named under it, in full in the title.
    const detail = growth.locator('tbody tr').first().locator('.cohort-detail')
    await expect(detail).toHaveAttribute('title', /, /)

    await page.getByTestId('cohort-tab-user-retention').click()
    const retention = page.getByTestId('cohort-user-retention')
    await expect(retention).toHaveAttribute('data-state', 'ready')
    await shot(page, `narrow-cohort-retention-${lang}`)
    await expectFits(page, retention, 'retention-triangle')
    // Whole percentages under a heading that says so; the cell's title keeps one decimal.
    await expect(retention.locator('.cohort-months-head')).toContainText('%')
    const cell = retention.locator('td.cohort-cell:not(.cohort-cell-none)').first()
    await expect(cell).toHaveText(/^(\d{1,3}|<1|>99)\*?$/)
    await expect(cell).toHaveAttribute('title', /\d\.\d%\)$/)
  })
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png` })
}

/** The triangle shows its 18 months inside its panel: no sideways scroll there or on the page. */
async function expectFits(page: Page, panel: Locator, testId: string): Promise<void> {
  const table = panel.getByTestId(testId)
  expect(await table.locator('tbody tr').first().locator('td.cohort-cell').count()).toBeGreaterThanOrEqual(18)
  expect(await overflowX(panel.locator('.cohort-scroll'))).toBeLessThanOrEqual(0)
  expect(await overflowX(page.locator('.shell-main'))).toBeLessThanOrEqual(0)
  // The first cohort's latest month is on screen, not scrolled out to the right.
  await expect(table.locator('tbody tr').first().locator('td.cohort-cell').last()).toBeInViewport({
    ratio: 1,
  })
}
