// E2E: a sync whose pages the workspace's disk cannot hold (the harness's store capped at its size,
// as a full disk answers SQLite) says so on the connection's row in Korean: the cause, what to do,
// the workspace folder and that the next sync resumes; once there is room again, it does.
import type { Page } from '@playwright/test'
import { startItsmSimulator, type ItsmSimulator } from '../../src/main/simulators/itsm/server'
import { expect, openReady, test, type Harness } from './fixtures'

const TOKEN = 'e2e-itsm-token-store-full-3a9d'

async function addSource(harness: Harness, name: string, url: string): Promise<void> {
  const res = await fetch(`${harness.url}/api/invoke/sources:add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'itsm', name, url, token: TOKEN }),
  })
  expect(await res.json()).toMatchObject({ ok: true })
}

async function openSyncScreen(page: Page): Promise<void> {
  await openReady(page, '/')
  await page.getByTestId('demo-later').click()
  await page.getByTestId('nav-sync').click()
}

let sim: ItsmSimulator
test.beforeEach(async () => {
  sim = await startItsmSimulator({ seed: 12, srCount: 300, token: TOKEN })
})
test.afterEach(async () => {
  await sim.close()
})

test('a full disk: the row says 디스크 공간 부족, the folder and that the next sync resumes; with room again it syncs', async ({
  page,
  harness,
}) => {
  await addSource(harness, 'prod', sim.url)
  await openSyncScreen(page)
  const sqlite = harness.store.sqlite
  // The disk is full: the workspace cannot grow by a single page.
  sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`)
  await page.getByRole('button', { name: 'prod 동기화', exact: true }).click()
  const row = page.getByTestId('sync-source-prod')
  await expect(row.getByTestId('source-cause')).toHaveText('디스크 공간 부족')
  await expect(row.getByTestId('source-error')).toContainText(
    '이 컴퓨터에서 작업공간 폴더가 있는 드라이브의 공간을 확보한 뒤 다시 동기화하세요.',
  )
  const message = row.getByTestId('source-error-message')
  await expect(message).toContainText(
    `작업공간 디스크가 가득 차서 받은 페이지를 저장하지 못했습니다. ${harness.dataDir} 폴더가 있는 드라이브의 공간을 확보한 뒤 다시 동기화하세요. 동기화 위치는 저장하지 못한 페이지 앞에 그대로 있어 다음 동기화가 그곳부터 이어 받으며, 앞서 저장한 페이지는 그대로입니다. (ITSM REST 연결 "prod", `,
  )
  // Not SQLite's own words.
  await expect(message).not.toContainText('database or disk is full')
  // Prose in Korean, set in the UI's font as the advice above it is (the mono font has no Hangul).
  // The test project has no DOM typings: the page's getComputedStyle is reached through globalThis.
  type StyledWindow = { getComputedStyle(el: unknown): { fontFamily: string } }
  const fontOf = (l: typeof message) =>
    l.evaluate((el) => (globalThis as unknown as StyledWindow).getComputedStyle(el).fontFamily)
  expect(await fontOf(message)).toBe(await fontOf(row.getByTestId('source-error')))
  await row.screenshot({ path: 'test-results/sync-store-full-row-ko.png' })
  await page.locator('.shell-main').screenshot({ path: 'test-results/sync-store-full-ko.png' })

  // Room again: the next sync brings the SRs and the row's error is gone.
  sqlite.pragma('max_page_count = 1073741823')
  await page.getByRole('button', { name: 'prod 동기화', exact: true }).click()
  await expect(row.getByTestId('source-error')).toHaveCount(0)
  const log = page.getByTestId('sync-log')
  await expect(log.getByRole('row').filter({ hasText: '서비스 요청' }).first()).toContainText('300')
})
