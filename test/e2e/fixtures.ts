// Each test gets its own data folder and its own harness on a free port, with a pinned clock,
// so figures are reproducible and tests never share state.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test'
import { startHarnessServer, type HarnessServer } from '../../src/main/harness/server'

/** The e2e "now": a Wednesday afternoon in Seoul, mid-month, so month and week both have history. */
export const PINNED_NOW = Date.parse('2026-03-18T15:00:00+09:00')
export const STATIC_DIR = resolve('out/web')

export type Harness = HarnessServer & { dataDir: string }

/**
 * File checks and imports run in a worker thread, as in the app (from the TypeScript source through
 * tsx): in-process they would share this test process's event loop with Playwright itself.
 */
export const IMPORT_WORKER = {
  file: new URL('../helpers/ts-worker.mjs', import.meta.url),
  extraData: { tsEntry: new URL('../../src/main/core/workers/import-worker.ts', import.meta.url).href },
}

export const test = base.extend<{ harness: Harness }>({
  // Playwright requires the destructuring pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ops-console-e2e-'))
    const server = await startHarnessServer({
      dataDir,
      port: 0,
      staticDir: STATIC_DIR,
      now: () => PINNED_NOW,
      importWorker: IMPORT_WORKER,
    })
    try {
      const health = await fetch(`${server.url}/healthz`)
      if (!health.ok) throw new Error(`harness /healthz answered ${health.status}`)
      await use({ ...server, dataDir })
    } finally {
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  },
  baseURL: async ({ harness }, use) => {
    await use(harness.url)
  },
  // Every page's clock on the harness's pinned "now" too, so the header's date-range presets and the
  // core agree (in the app both read the same clock). Timers still run.
  context: async ({ context }, use) => {
    await context.clock.setFixedTime(PINNED_NOW)
    await use(context)
  },
})

export { expect }

/** Seeds the demo workspace through the API (the same call the first-run button makes, smaller). */
export async function seedDemo(request: APIRequestContext, harness: Harness, srCount = 3000): Promise<void> {
  const response = await request.post(`${harness.url}/api/invoke/demo:generate`, {
    data: { srCount, seed: 42 },
  })
  const body: unknown = await response.json()
  expect(body).toMatchObject({ ok: true })
}

/** Opens a page and waits for the renderer's ready marker (first data load finished). */
export async function openReady(page: Page, path = '/'): Promise<void> {
  await page.goto(path)
  await expect(page.getByTestId('app-ready')).toBeAttached()
}

/** The number shown in a card, parsed back from its localised text. */
export async function cardNumber(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`card-${key}`).getByTestId('card-value').innerText()
  return Number(text.replace(/[^\d.]/g, ''))
}
