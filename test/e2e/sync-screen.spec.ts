// E2E: the Sync screen and Settings → Connections as an operator and an admin use them, against the
// real core through the browser harness and loopback ITSM simulators started by each test.
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { runImport } from '../../src/main/core/sources/file-import/import'
import { recordImportRun } from '../../src/main/core/sync/import-log'
import { openWorkspace } from '../../src/main/core/workspace'
import { startItsmSimulator, type ItsmSimulator } from '../../src/main/simulators/itsm/server'
import { expect, openReady, PINNED_NOW, test, type Harness } from './fixtures'

const TOKEN = 'e2e-itsm-token-3d9e71'

async function addSource(harness: Harness, name: string, url: string): Promise<void> {
  const res = await fetch(`${harness.url}/api/invoke/sources:add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'itsm', name, url, token: TOKEN }),
  })
  expect(await res.json()).toMatchObject({ ok: true })
}

/** Opens the Sync screen of a workspace without the demo. */
async function openSyncScreen(page: Page): Promise<void> {
  await openReady(page, '/')
  await page.getByTestId('demo-later').click()
  await page.getByTestId('nav-sync').click()
}

/**
 * Records every state the summary and the progress panel go through (a MutationObserver sees each
 * render, so no intermediate state is missed by polling): "state | progress text".
 */
async function recordSyncViews(page: Page): Promise<() => Promise<string[]>> {
  // The test project has no DOM typings: the page's own globals are reached through the element.
  type PageWindow = {
    syncViews?: string[]
    MutationObserver: new (cb: () => void) => {
      observe(node: unknown, opts: { subtree: boolean; childList: boolean; characterData: boolean }): void
    }
  }
  const main = page.locator('.shell-main')
  await main.evaluate((el) => {
    const win = el.ownerDocument.defaultView as unknown as PageWindow
    const seen: string[] = []
    win.syncViews = seen
    const note = (): void => {
      const state = el.querySelector('[data-testid="sync-state"]')?.textContent ?? ''
      const head = el.querySelector('.sync-progress-head')?.textContent ?? ''
      const text = el.querySelector('[data-testid="sync-progress-text"]')?.textContent ?? ''
      const view = `${state} | ${head} | ${text}`
      if (seen.at(-1) !== view) seen.push(view)
    }
    new win.MutationObserver(note).observe(el, { subtree: true, childList: true, characterData: true })
  })
  return () => main.evaluate((el) => (el.ownerDocument.defaultView as unknown as PageWindow).syncViews ?? [])
}

test.describe('progress while a run moves on', () => {
  let first: ItsmSimulator
  let second: ItsmSimulator
  test.beforeEach(async () => {
    // Each page takes a while, as from a real server, so a new item's first page is awaited visibly.
    first = await startItsmSimulator({ seed: 7, srCount: 300, token: TOKEN, faults: { latencyMs: 250 } })
    second = await startItsmSimulator({ seed: 8, srCount: 300, token: TOKEN, faults: { latencyMs: 250 } })
  })
  test.afterEach(async () => {
    await first.close()
    await second.close()
  })

  test("the bar never shows the previous item's or connection's figures while the next one starts, and the state does not flash back to idle", async ({
    page,
    harness,
  }) => {
    await addSource(harness, 'alpha', first.url)
    await addSource(harness, 'beta', second.url)
    await openSyncScreen(page)
    const views = await recordSyncViews(page)
    await page.getByTestId('sync-run-all').click()
    await expect(page.getByTestId('sync-progress-text')).toContainText('분류 · 첫 페이지를 받는 중…')
    // The bar says to a screen reader what it measures, not just "progress".
    await expect(page.getByRole('progressbar', { name: /^(alpha|beta) 동기화 진행률$/ })).toBeVisible()
    await page.getByTestId('sync-progress').screenshot({ path: 'test-results/sync-screen-waiting.png' })
    await expect(page.getByTestId('sync-state')).toHaveText('대기 중', { timeout: 60_000 })
    const seen = await views()

    // Once running, the state stays running until the run ends (no idle flash after the click).
    const running = seen.map((v) => v.startsWith('동기화 중'))
    const firstRunning = running.indexOf(true)
    const lastRunning = running.lastIndexOf(true)
    expect(firstRunning).toBeGreaterThanOrEqual(0)
    expect(running.slice(firstRunning, lastRunning + 1).every(Boolean)).toBe(true)

    // The second connection's turn starts without figures: none of the connection before it.
    const betaViews = seen.filter((v) => v.includes('| beta'))
    expect(betaViews[0]).toMatch(/\| (연결하는 중…|기관 · 첫 페이지를 받는 중…)$/)
    // Each item (after the first of its connection) starts without figures: "waiting for the first page".
    for (const source of ['alpha', 'beta']) {
      const texts = seen.filter((v) => v.includes(`| ${source}`)).map((v) => v.split(' | ')[2] ?? '')
      const items = [...new Set(texts.map((t) => t.split(' · ')[0]).filter((t) => t && !t.endsWith('…')))]
      expect(items.length).toBeGreaterThanOrEqual(5)
      for (const item of items) {
        const firstOfItem = texts.findIndex((t) => t.startsWith(`${item} · `))
        expect(texts[firstOfItem], `${source}: ${item}`).toBe(`${item} · 첫 페이지를 받는 중…`)
      }
    }
  })
})

test.describe('Settings → Connections while a sync runs', () => {
  let sim: ItsmSimulator
  let other: ItsmSimulator
  test.beforeEach(async () => {
    sim = await startItsmSimulator({ seed: 7, srCount: 3000, token: TOKEN, faults: { latencyMs: 150 } })
    other = await startItsmSimulator({ seed: 9, srCount: 10, token: TOKEN })
  })
  test.afterEach(async () => {
    await sim.close()
    await other.close()
  })

  test('removing or moving the connection being synced is refused in words, with the form kept; after the run it works', async ({
    page,
    harness,
    request,
  }) => {
    await addSource(harness, 'prod', sim.url)
    const started = await request.post(`${harness.url}/api/invoke/sync:run`, { data: {} })
    expect(await started.json()).toMatchObject({ ok: true, data: { started: true } })
    await openReady(page, '/settings.html')
    const connections = page.getByTestId('admin-connections')
    const item = connections.getByTestId('connection-prod')

    await item.getByRole('button', { name: '삭제' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: '삭제' }).click()
    const banner = connections.getByTestId('error-banner')
    await expect(banner).toContainText('요청을 처리하지 못했습니다')
    await expect(banner).toContainText('"prod" 연결을 지금 동기화하고 있어 삭제하지 않았습니다')
    await expect(item).toBeVisible()

    await item.getByRole('button', { name: '수정' }).click()
    await page.locator('#conn-url').fill(other.url)
    await page.getByTestId('conn-save').click()
    const form = page.getByTestId('connection-form')
    await expect(form.getByTestId('error-banner')).toContainText('연결을 저장하지 못했습니다')
    await expect(form.getByTestId('error-banner')).toContainText('URL이나 테이블을 바꾸지 않았습니다')
    await expect(page.locator('#conn-url')).toHaveValue(other.url)
    await connections.screenshot({ path: 'test-results/sync-screen-connection-while-syncing.png' })

    // Once the run is over, the same save goes through.
    await expect
      .poll(
        async () =>
          (
            (await (await request.post(`${harness.url}/api/invoke/sync:status`, { data: {} })).json()) as {
              data: { state: string }
            }
          ).data.state,
        { timeout: 60_000 },
      )
      .toBe('idle')
    await page.getByTestId('conn-save').click()
    await expect(form).toHaveCount(0)
    await expect(item.locator('.connection-url')).toHaveText(other.url)
    // …and so does the removal; the refusal from before is no longer shown.
    await item.getByRole('button', { name: '삭제' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: '삭제' }).click()
    await expect(item).toHaveCount(0)
    await expect(banner).toHaveCount(0)
  })
})

test('the Connections form says each mistake under its field in the UI language, saves nothing meanwhile, and names the connection it edits', async ({
  page,
  harness,
}) => {
  await openReady(page, '/settings.html')
  const connections = page.getByTestId('admin-connections')
  await connections.getByTestId('connection-add').click()
  const form = page.getByTestId('connection-form')
  await expect(form.getByRole('heading')).toHaveText('새 연결')
  // The form takes the focus as it opens.
  await expect(page.locator('#conn-kind')).toBeFocused()
  await page.locator('#conn-name').fill('Prod ITSM')
  await page.locator('#conn-url').fill('ftp://itsm.example.go.kr')
  await page.getByTestId('conn-secret').fill('abc def')
  await page.getByTestId('conn-proxy').fill('http://ops:pw@proxy.example.go.kr:8080')
  await page.getByTestId('conn-save').click()
  const note = (id: string) => form.locator(`#${id}`).locator('xpath=..').locator('.field-error')
  await expect(note('conn-name')).toContainText('영문 소문자나 숫자로 시작하는')
  await expect(note('conn-url')).toContainText('http:// 또는 https://로 시작하는 전체 주소')
  await expect(note('conn-secret')).toContainText('공백, 줄바꿈, 한글 없이')
  await expect(note('conn-proxy')).toContainText('프록시 주소에 로그인을 넣지 마세요')
  await expect(page.locator('#conn-name')).toBeFocused()
  await expect(page.locator('#conn-name')).toHaveAttribute('aria-invalid', 'true')
  // Nothing reached the core: no English sentence, no connection.
  await expect(form.getByTestId('error-banner')).toHaveCount(0)
  await form.screenshot({ path: 'test-results/sync-screen-connection-form-errors.png' })
  const listed = await fetch(`${harness.url}/api/invoke/sources:list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
  expect(await listed.json()).toEqual({ ok: true, data: [] })

  // Fixing a field clears its note; fixed, the connection is saved.
  await page.locator('#conn-name').fill('prod-itsm')
  await expect(note('conn-name')).toHaveCount(0)
  // A port fetch refuses (X11's 6000) is said under the address too: no request could reach it.
  await page.locator('#conn-url').fill('http://itsm.example.go.kr:6000')
  await page.getByTestId('conn-save').click()
  await expect(note('conn-url')).toContainText('이 포트에는 연결할 수 없습니다')
  await form
    .locator('#conn-url')
    .locator('xpath=..')
    .screenshot({ path: 'test-results/connection-url-blocked-port.png' })
  await page.locator('#conn-url').fill('https://itsm.example.go.kr')
  await page.getByTestId('conn-secret').fill(TOKEN)
  await page.getByTestId('conn-proxy').fill('')
  await page.getByTestId('conn-save').click()
  const item = connections.getByTestId('connection-prod-itsm')
  await expect(item).toBeVisible()

  // Saved, the focus is back on "Add connection", not lost at the page's start.
  await expect(connections.getByTestId('connection-add')).toBeFocused()

  // The edit form says which connection it edits; cancelled, the focus comes back too.
  await item.getByRole('button', { name: '수정' }).click()
  await expect(form.getByRole('heading')).toHaveText('"prod-itsm" 연결 수정')
  await expect(page.locator('#conn-url')).toBeFocused()
  await form.getByRole('button', { name: '취소' }).click()
  await expect(connections.getByTestId('connection-add')).toBeFocused()
})

test('a ServiceNow connection switched to a token is not saved without the token', async ({
  page,
  harness,
}) => {
  const res = await fetch(`${harness.url}/api/invoke/sources:add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'servicenow',
      name: 'sn',
      url: 'https://dev.example.service-now.com',
      user: 'integration',
      password: 'sn-pw-1',
    }),
  })
  expect(await res.json()).toMatchObject({ ok: true })
  await openReady(page, '/settings.html')
  const item = page.getByTestId('connection-sn')
  await item.getByRole('button', { name: '수정' }).click()
  await page.locator('#conn-auth').selectOption('bearer')
  const secret = page.getByTestId('conn-secret')
  // The stored secret is a password: the token field does not claim one is stored, and needs a value.
  await expect(secret).toHaveAttribute('placeholder', '')
  await expect(secret).toHaveAttribute('required', '')
  await expect(page.getByTestId('connection-form')).toContainText(
    '인증 방식을 바꾸면 새 방식의 값을 입력해야 합니다',
  )
  await page.getByTestId('conn-save').click()
  await expect(page.getByTestId('connection-form')).toBeVisible()
  await expect(item).toContainText('사용자 integration')
  await secret.fill('sn-token-2')
  await page.getByTestId('conn-save').click()
  await expect(page.getByTestId('connection-form')).toHaveCount(0)
  await expect(item).not.toContainText('사용자 integration')
  await expect(item.getByTestId('connection-secret')).toContainText('저장됨')
})

test('a connection test that cannot reach the server asks for another test, not for a wait: a test is not retried by itself', async ({
  page,
}) => {
  // A port that was just free: nothing answers there.
  const closed = createServer()
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
  const port = (closed.address() as AddressInfo).port
  await new Promise<void>((done) => closed.close(() => done()))

  await openReady(page, '/settings.html')
  const connections = page.getByTestId('admin-connections')
  await connections.getByTestId('connection-add').click()
  await page.locator('#conn-name').fill('down')
  await page.locator('#conn-url').fill(`http://127.0.0.1:${port}`)
  await page.getByTestId('conn-secret').fill(TOKEN)
  await page.getByTestId('conn-save').click()
  const item = connections.getByTestId('connection-down')
  await item.getByTestId('connection-test').click()
  const result = item.getByTestId('connection-test-result')
  // Its retries wait a second at most: the answer comes within seconds.
  await expect(result).toContainText('다시 테스트하세요', { timeout: 20_000 })
  await expect(result).not.toContainText('자동으로 다시 시도')
  await item.screenshot({ path: 'test-results/connection-test-offline.png' })
})

test("a connection test's result is not shown any more once the connection is edited", async ({ page }) => {
  const sim = await startItsmSimulator({ seed: 3, srCount: 10, token: TOKEN })
  try {
    await openReady(page, '/settings.html')
    const connections = page.getByTestId('admin-connections')
    await connections.getByTestId('connection-add').click()
    await page.locator('#conn-name').fill('prod')
    await page.locator('#conn-url').fill(`${sim.url}/wrong/path`)
    await page.getByTestId('conn-secret').fill(TOKEN)
    await page.getByTestId('conn-save').click()
    const item = connections.getByTestId('connection-prod')
    await item.getByTestId('connection-test').click()
    const result = item.getByTestId('connection-test-result')
    await expect(result).toContainText('주소를 찾을 수 없음')

    await item.getByRole('button', { name: '수정' }).click()
    await page.locator('#conn-url').fill(sim.url)
    await page.getByTestId('conn-save').click()
    await expect(item.locator('.connection-url')).toHaveText(sim.url)
    // The failure was about the old address: gone, until the connection is tested again.
    await expect(result).toHaveCount(0)
    await item.getByTestId('connection-test').click()
    await expect(result).toContainText('운영 관리자')
  } finally {
    await sim.close()
  }
})

test('offline before any data: the note does not promise data "as of never"; each row\'s buttons name their connection', async ({
  page,
  harness,
}) => {
  await addSource(harness, 'down', 'http://127.0.0.1:2')
  await addSource(harness, 'backup', 'http://127.0.0.1:2')
  await openSyncScreen(page)
  await page.getByRole('button', { name: 'down 동기화', exact: true }).click()
  const note = page.getByTestId('sync-offline')
  await expect(note).toContainText('연결 대상에 접속할 수 없습니다')
  await expect(note).toContainText('아직 받은 데이터가 없으므로')
  await expect(note).not.toContainText('아직 동기화한 적 없음')
  await page.locator('.shell-main').screenshot({ path: 'test-results/sync-screen-offline-no-data.png' })
  // Screen readers hear which connection a button acts on, not six times "동기화".
  const names = await page
    .getByTestId('sync-sources')
    .getByRole('button')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')))
  expect(names.sort()).toEqual([
    'backup 동기화',
    'backup 처음부터 다시 받기',
    'down 동기화',
    'down 처음부터 다시 받기',
  ])

  await openReady(page, '/settings.html')
  const item = page.getByTestId('connection-backup')
  for (const name of ['backup 연결 테스트', 'backup 수정', 'backup 삭제'])
    await expect(item.getByRole('button', { name, exact: true })).toBeVisible()
})

test('with no connection the summary promises no automatic sync; once one is added it says when the next one is', async ({
  page,
  request,
  harness,
}) => {
  await openSyncScreen(page)
  const summary = page.locator('.sync-summary')
  await expect(page.getByTestId('sync-state')).toHaveText('대기 중')
  await expect(page.locator('.sync-empty')).toContainText('연결이 없습니다')
  // Nothing would be read: no time of a next automatic sync.
  await expect(summary).not.toContainText('자동 동기화')
  await page.locator('.shell-main').screenshot({ path: 'test-results/sync-screen-no-connection-ko.png' })
  await addSource(harness, 'prod', 'http://127.0.0.1:2')
  await page.reload()
  await expect(page.getByTestId('app-ready')).toBeAttached()
  await page.getByTestId('nav-sync').click()
  await expect(page.getByTestId('sync-sources')).toContainText('prod')
  await expect(page.getByTestId('sync-next-run')).toHaveText('다음 자동 동기화: 2026-03-18 15:15 (GMT+9)')
  // In English, the same.
  await request.post(`${harness.url}/api/invoke/sources:remove`, { data: { name: 'prod' } })
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await page.reload()
  await expect(page.getByTestId('app-ready')).toBeAttached()
  await page.getByTestId('nav-sync').click()
  await expect(page.locator('.sync-empty')).toContainText('No connections yet')
  await expect(summary).not.toContainText('automatic sync')
  await expect(summary).toContainText('Never synced yet')
})

test('a double click on "Sync all" starts one run and leaves no stale "already running" behind', async ({
  page,
  harness,
}) => {
  const sim = await startItsmSimulator({ seed: 7, srCount: 300, token: TOKEN, faults: { latencyMs: 100 } })
  try {
    await addSource(harness, 'prod', sim.url)
    await openSyncScreen(page)
    await page.getByTestId('sync-run-all').dblclick()
    await expect(page.getByTestId('sync-state')).toHaveText('동기화 중')
    await expect(page.getByTestId('sync-state')).toHaveText('대기 중', { timeout: 60_000 })
    await expect(page.getByText('이미 동기화가 진행 중입니다')).toHaveCount(0)
    // One run: each item logged once.
    const log = (await (
      await fetch(`${harness.url}/api/invoke/sync:log`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { data: { entity: string }[] }
    expect(log.data.filter((e) => e.entity === 'tenants')).toHaveLength(1)
  } finally {
    await sim.close()
  }
})

test('Retry after a sync that could not be started or cancelled asks again, and says when it fails again', async ({
  page,
  harness,
}) => {
  // A long run (slow pages), so there is time to cancel it.
  const sim = await startItsmSimulator({ seed: 7, srCount: 5000, token: TOKEN, faults: { latencyMs: 300 } })
  try {
    await addSource(harness, 'prod', sim.url)
    await openSyncScreen(page)
    const asked: { channel: string; body: unknown }[] = []
    page.on('request', (r) => {
      const channel = /\/api\/invoke\/(sync:run|sync:cancel)$/.exec(r.url())?.[1]
      if (channel) asked.push({ channel, body: r.postDataJSON() })
    })
    const refuse = (channel: string) =>
      page.route(`**/api/invoke/${channel}`, (route) =>
        route.fulfill({ json: { ok: false, error: { code: 'INTERNAL', message: 'scheduler stopped' } } }),
      )
    const banner = page.getByTestId('error-banner')
    const retry = banner.getByTestId('error-retry')

    await refuse('sync:run')
    await page.getByRole('button', { name: 'prod 동기화', exact: true }).click()
    await expect(banner).toContainText('prod 동기화를 시작하지 못했습니다')
    // Retry starts the same source's sync again; failing again, the banner says so.
    await retry.click()
    await expect(banner).toContainText(
      'prod 동기화를 시작하지 못했습니다 — 다시 시도해도 실패했습니다(2번째 시도)',
    )
    await page.locator('.shell-main').screenshot({ path: 'test-results/sync-retry-failed-again.png' })
    await page.unroute('**/api/invoke/sync:run')
    await retry.click()
    await expect(page.getByTestId('sync-state')).toHaveText('동기화 중')
    await expect(banner).toHaveCount(0)
    expect(asked).toEqual([
      { channel: 'sync:run', body: { source: 'prod' } },
      { channel: 'sync:run', body: { source: 'prod' } },
      { channel: 'sync:run', body: { source: 'prod' } },
    ])

    // A cancel that failed is sent again by Retry, and the run stops.
    await refuse('sync:cancel')
    await page.getByTestId('sync-cancel').click()
    await expect(banner).toContainText('동기화를 취소하지 못했습니다')
    await expect(page.getByTestId('sync-state')).toHaveText('동기화 중')
    await page.unroute('**/api/invoke/sync:cancel')
    await retry.click()
    await expect(page.getByTestId('sync-state')).toHaveText('대기 중')
    await expect(banner).toHaveCount(0)
    expect(asked.slice(3)).toEqual([
      { channel: 'sync:cancel', body: {} },
      { channel: 'sync:cancel', body: {} },
    ])
  } finally {
    await sim.close()
  }
})

test('a long import source and file name wrap in the sync log, so the result keeps a readable width at the smallest window', async ({
  page,
  harness,
}) => {
  // The longest source name an import takes (40, no space to break at) and a 60-character file name.
  const source = 'Seoul-Metropolitan-Government-ITSM-2026'.padEnd(40, 'X')
  const fileName = 'seoul-metropolitan-government-itsm-service-requests-2026.csv'.padStart(60, 'x')
  expect([source.length, fileName.length]).toEqual([40, 60])
  const dir = await mkdtemp(join(tmpdir(), 'ops-console-e2e-log-'))
  const ws = openWorkspace({ dataDir: harness.dataDir })
  try {
    const path = join(dir, fileName)
    await copyFile(resolve('test/fixtures/import/bad-dates.csv'), path)
    // A file refused for its rows: logged as failed, with the reason in the result column.
    const result = await runImport(ws.store, path, {
      timeZone: 'Asia/Seoul',
      sourceName: source,
      now: () => PINNED_NOW,
      record: recordImportRun(fileName),
    })
    expect(result.status).toBe('rejected')
  } finally {
    ws.close()
    await rm(dir, { recursive: true, force: true })
  }
  // The console window's minimum size (shell/windows.ts).
  await page.setViewportSize({ width: 960, height: 600 })
  await openSyncScreen(page)
  const row = page.getByTestId('sync-log').locator('tbody tr').first()
  await expect(row.getByTestId('sync-log-message')).toContainText(
    '4개 행에 오류가 있어 아무것도 쓰지 않았습니다',
  )
  await row.scrollIntoViewIfNeeded()
  await page.locator('.shell-main').screenshot({ path: 'test-results/sync-log-long-names-960.png' })
  // Each name whole on hover too.
  await expect(row.getByTestId('sync-log-name')).toHaveAttribute('title', source)
  await expect(row.getByTestId('sync-log-file')).toHaveAttribute('title', fileName)
  const width = (cell: string): Promise<number> =>
    row.locator(`td:nth-child(${cell})`).evaluate((el) => el.getBoundingClientRect().width)
  // The result column keeps room for its words; the source column does not take it all.
  expect(await width('5')).toBeGreaterThanOrEqual(160)
  expect(await width('2')).toBeLessThanOrEqual(260)
  // Nothing runs out of the card sideways.
  const log = page.getByTestId('sync-log')
  const overflow = await log.evaluate((table) => table.scrollWidth - (table.parentElement?.clientWidth ?? 0))
  expect(overflow).toBeLessThanOrEqual(0)
})

test("at the smallest window, in English, a connection's buttons stay inside the card without scrolling sideways", async ({
  page,
  request,
  harness,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await addSource(harness, 'regional-office-itsm', 'http://127.0.0.1:2/itsm/api/v2/service-requests/export')
  await page.setViewportSize({ width: 960, height: 600 })
  await openSyncScreen(page)
  const table = page.getByTestId('sync-sources')
  const row = page.getByTestId('sync-source-regional-office-itsm')
  await expect(row.getByRole('button', { name: 'Full resync of regional-office-itsm' })).toBeVisible()
  await table.screenshot({ path: 'test-results/sync-sources-960-en.png' })
  const overflow = await table.evaluate((el) => el.scrollWidth - (el.parentElement?.clientWidth ?? 0))
  expect(overflow).toBeLessThanOrEqual(0)
  const card = await table.evaluate((el) => el.parentElement?.getBoundingClientRect().right ?? 0)
  for (const button of await row.getByRole('button').all()) {
    const box = await button.boundingBox()
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(card)
  }
})

/** How many lines the text of `box` takes (its text's boxes at distinct heights). */
const linesOf = (box: Locator): Promise<number> =>
  box.evaluate((el) => {
    const range = el.ownerDocument.createRange()
    range.selectNodeContents(el)
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size
  })

test('at the smallest window, in English, connections in four states at once fit: not-read line, refused collections, disk full, a run in progress', async ({
  page,
  request,
  harness,
}) => {
  const sims = {
    scoped: await startItsmSimulator({ seed: 21, srCount: 40, token: TOKEN }),
    limited: await startItsmSimulator({
      seed: 22,
      srCount: 40,
      token: TOKEN,
      faults: { forbidden: ['sr_events', 'feature_usage'] },
    }),
    full: await startItsmSimulator({ seed: 23, srCount: 40, token: TOKEN }),
    slow: await startItsmSimulator({ seed: 24, srCount: 3000, token: TOKEN, faults: { latencyMs: 400 } }),
  }
  try {
    await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
    const scoped = await request.post(`${harness.url}/api/invoke/sources:add`, {
      data: {
        kind: 'itsm',
        name: 'scoped',
        url: sims.scoped.url,
        token: TOKEN,
        skip: ['people', 'deployments'],
      },
    })
    expect(await scoped.json()).toMatchObject({ ok: true })
    await addSource(harness, 'limited', sims.limited.url)
    await addSource(harness, 'full-disk', sims.full.url)
    await addSource(harness, 'slow', sims.slow.url)
    await page.setViewportSize({ width: 960, height: 600 })
    await openSyncScreen(page)
    const row = (name: string) => page.getByTestId(`sync-source-${name}`)
    const run = (name: string) => page.getByRole('button', { name: `Sync ${name}`, exact: true }).click()
    // The disk is full for the first run only.
    const sqlite = harness.store.sqlite
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`)
    await run('full-disk')
    await expect(row('full-disk').getByTestId('source-cause')).toHaveText('Disk full')
    sqlite.pragma('max_page_count = 1073741823')
    await run('scoped')
    await expect(row('scoped').getByText('OK', { exact: true })).toBeVisible()
    await run('limited')
    await expect(row('limited').getByTestId('source-cause')).toHaveText('Not allowed')
    await run('slow')
    await expect(page.getByTestId('sync-progress-text')).toContainText(
      /Service requests · [\d,]+ of [\d,]+ rows/,
      {
        timeout: 30_000,
      },
    )
    await expect(row('scoped').getByTestId('source-not-read')).toHaveText('Not read: people, deployments')
    const main = page.locator('.shell-main')
    await main.evaluate((el) => el.scrollTo(0, 0))
    await main.screenshot({ path: 'test-results/sync-screen-four-states-960-en.png' })
    await row('limited').scrollIntoViewIfNeeded()
    await main.screenshot({ path: 'test-results/sync-sources-four-states-960-en.png' })
    await page.getByTestId('sync-log').scrollIntoViewIfNeeded()
    await main.screenshot({ path: 'test-results/sync-log-four-states-960-en.png' })

    // A failure's advice and message get a readable width, not a ribbon in the status column.
    for (const name of ['full-disk', 'limited']) {
      const width = await row(name)
        .getByTestId('source-error-message')
        .evaluate((el) => el.getBoundingClientRect().width)
      expect(width, name).toBeGreaterThanOrEqual(400)
    }
    // Nothing scrolls sideways: the page, the connections' table, the log.
    const pageOverflow = await page
      .locator('html')
      .evaluate((html) => html.scrollWidth - (html.ownerDocument.defaultView?.innerWidth ?? 0))
    expect(pageOverflow).toBeLessThanOrEqual(0)
    for (const id of ['sync-sources', 'sync-log']) {
      const overflow = await page
        .getByTestId(id)
        .evaluate((el) => el.scrollWidth - (el.parentElement?.clientWidth ?? 0))
      expect(overflow, id).toBeLessThanOrEqual(0)
    }
    // Each status badge on one line.
    for (const name of ['full-disk', 'limited', 'scoped'])
      expect(await linesOf(row(name).locator('.sync-badge')), name).toBe(1)
    // In the log, a short connection name, its kind and the entity each stay on one line.
    const logRows = page.getByTestId('sync-log').locator('tbody tr')
    expect(await logRows.count()).toBeGreaterThanOrEqual(15)
    for (const logRow of await logRows.all()) {
      const what = await logRow.innerText()
      expect(await linesOf(logRow.getByTestId('sync-log-name')), what).toBe(1)
      expect(await linesOf(logRow.locator('.sync-log-source > .sync-muted')), what).toBe(1)
      expect(await linesOf(logRow.locator('td:nth-child(3)')), what).toBe(1)
    }
  } finally {
    for (const sim of Object.values(sims)) await sim.close()
  }
})
