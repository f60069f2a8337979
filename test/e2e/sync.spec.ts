// E2E: Settings → Connections, the Sync screen and the import wizard in Chromium against the real
// core through the browser harness, with a loopback ITSM simulator started by the test.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openWorkspace } from '../../src/main/core/workspace'
import { startHarnessServer } from '../../src/main/harness/server'
import { startItsmSimulator, type ItsmSimulator } from '../../src/main/simulators/itsm/server'
import { startServiceNowSimulator } from '../../src/main/simulators/servicenow/simulator'
import type { Locator, Page } from '@playwright/test'
import { startConnectProxy } from '../helpers/connect-proxy'
import { derOf, internalCaPem, internalServerTls, TLS_FIXTURES } from '../helpers/tls-fixtures'
import { writeGeneratedCsv, writeGeneratedXlsx } from '../helpers/generated-csv'
import { writeTwoSheetWorkbook } from '../helpers/two-sheet-workbook'
import { expect, openReady, PINNED_NOW, STATIC_DIR, test } from './fixtures'
import { chooseImportFile, openImportWizard } from './import-helpers'

const TOKEN = 'e2e-itsm-token-8c1f2a'
const FIXTURES = resolve('test/fixtures/import')
let sim: ItsmSimulator
test.beforeEach(async () => {
  // Latency makes the run long enough to watch the progress bar.
  sim = await startItsmSimulator({ seed: 7, srCount: 3000, token: TOKEN, faults: { latencyMs: 120 } })
})
test.afterEach(async () => {
  await sim.close()
})

/**
 * Settings → Connections: adds an ITSM connection with the simulator's token (`more` fills the rest
 * of the form before it is saved); returns the section.
 */
async function addItsmConnection(
  page: Page,
  name: string,
  url: string,
  more?: () => Promise<void>,
): Promise<Locator> {
  const connections = page.getByTestId('admin-connections')
  await connections.getByTestId('connection-add').click()
  await page.locator('#conn-name').fill(name)
  await page.locator('#conn-url').fill(url)
  await page.getByTestId('conn-secret').fill(TOKEN)
  await more?.()
  await page.getByTestId('conn-save').click()
  return connections
}

test('add a source in Settings, sync it from the Sync screen, see a failing source explained', async ({
  page,
  harness,
  request,
}) => {
  await openReady(page, '/settings.html')
  const connections = await addItsmConnection(page, 'prod-itsm', sim.url)
  const item = connections.getByTestId('connection-prod-itsm')
  await expect(item.getByTestId('connection-secret')).toContainText('저장됨')
  // The token is never shown again, not even in the page's HTML.
  expect(await page.content()).not.toContain(TOKEN)
  await item.getByTestId('connection-test').click()
  await expect(item.getByTestId('connection-test-result')).toContainText('운영 관리자')
  await page.screenshot({ path: 'test-results/sync-connections.png', fullPage: true })

  await openReady(page, '/')
  await page.getByTestId('demo-later').click()
  await page.getByTestId('nav-sync').click()
  await expect(page.getByTestId('sync-watermark')).toContainText('아직 동기화한 적 없음')
  const row = page.getByTestId('sync-source-prod-itsm')
  await expect(row.getByTestId('source-last-success')).toContainText('없음')
  await page.getByTestId('sync-run-all').click()
  await expect(page.getByTestId('sync-progress')).toBeVisible()
  await expect(page.getByTestId('sync-progress-text')).toContainText('초당')
  // Which of the seven items is running, and its rows out of the total the server reported.
  await expect(page.getByTestId('sync-progress-step')).toHaveText(/^항목 [1-7]\/7$/)
  await expect(page.getByTestId('sync-progress-text')).toHaveText(/ · [\d,]+\/[\d,]+건 · /)
  // While the run goes on, the log already shows the entities it has finished (one entry each).
  await expect
    .poll(
      () =>
        page.locator('.shell-main').evaluate((main) => {
          const state = main.querySelector('[data-testid="sync-state"]')?.textContent
          const log = main.querySelector('[data-testid="sync-log"]')?.textContent ?? ''
          return state === '동기화 중' && /기관\s*\d+\s*성공/.test(log)
        }),
      { intervals: [50], timeout: 30_000 },
    )
    .toBe(true)
  await page.screenshot({ path: 'test-results/sync-running.png', fullPage: true })
  await expect(page.getByTestId('sync-state')).toHaveText('대기 중', { timeout: 45_000 })
  await expect(row.getByTestId('source-last-success')).toContainText('2026-03-18')
  await expect(page.getByTestId('sync-watermark')).toContainText('2026-03-18 15:00')
  await expect(page.getByTestId('watermark-failing')).toHaveCount(0)
  const srs = (await (
    await request.post(`${harness.url}/api/invoke/workspace:status`, { data: {} })
  ).json()) as {
    data: { srCount: number }
  }
  expect(srs.data.srCount).toBe(3000)

  // A source with a wrong token: its row says what failed and what to do.
  const added = await request.post(`${harness.url}/api/invoke/sources:add`, {
    data: { kind: 'itsm', name: 'wrong-token', url: sim.url, token: 'not-the-token' },
  })
  expect(await added.json()).toMatchObject({ ok: true })
  await page.reload()
  await expect(page.getByTestId('app-ready')).toBeAttached()
  await page.getByTestId('nav-sync').click()
  const bad = page.getByTestId('sync-source-wrong-token')
  await bad.getByTestId('source-run').click()
  await expect(bad.getByTestId('source-cause')).toHaveText('인증 실패')
  await expect(bad.getByTestId('source-error')).toContainText('토큰이나 비밀번호를 다시 입력하세요')
  await expect(bad.getByTestId('source-error-message')).toContainText('401')
  // The detail speaks Korean too; the server's own words, the URL and the connection stay as they are.
  await expect(bad.getByTestId('source-error-message')).toContainText(
    `서버가 인증 정보를 거부했습니다(401): ${sim.url}/api/v1/tenants 서버 응답: Missing or invalid bearer token (ITSM REST 연결 "wrong-token", 기관)`,
  )
  await expect(page.getByTestId('sync-log')).toContainText('실패')
  await expect(
    page.getByTestId('sync-log').locator('tbody tr').first().getByTestId('sync-log-message'),
  ).toContainText('서버가 인증 정보를 거부했습니다(401)')
  // Each failed entry says why, in the words of the sources table.
  await expect(
    page.getByTestId('sync-log').locator('tbody tr').first().getByTestId('sync-log-cause'),
  ).toHaveText(' · 인증 실패')
  // The log names the connection as the sources table does, its kind beneath.
  const failed = page.getByTestId('sync-log').locator('tbody tr').first().getByTestId('sync-log-source')
  await expect(failed).toContainText('wrong-token')
  await expect(failed.locator('.sync-muted')).toHaveText('ITSM REST')
  await expect(failed).not.toContainText('itsm:')
  // The header says so next to the watermark (the data of "wrong-token" is not as of it), and takes
  // the operator from any screen to this one.
  await expect(page.getByTestId('watermark-failing')).toHaveText('연결 1개 동기화 실패')
  await expect(page.getByTestId('watermark-failing')).toHaveAttribute('title', /wrong-token/)
  await page.screenshot({ path: 'test-results/sync-failed-source.png', fullPage: true })
  await page.getByTestId('nav-overview').click()
  await expect(page.getByTestId('sync-watermark')).toHaveCount(0)
  await page.getByTestId('watermark-failing').click()
  await expect(page.getByTestId('sync-source-wrong-token')).toBeVisible()

  // In the English UI the same failure is worded in the app's own English sentences (not the CLI's
  // message, which says '— the server said:'), and Settings → Connections' test says the same kind
  // of thing.
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await page.reload()
  await expect(page.getByTestId('app-ready')).toBeAttached()
  await page.getByTestId('nav-sync').click()
  await expect(bad.getByTestId('source-error-message')).toContainText(
    'The server refused the credentials (401) at',
  )
  await expect(bad.getByTestId('source-error-message')).toContainText(
    'The server said: Missing or invalid bearer token (ITSM REST connection "wrong-token", tenants)',
  )
  await expect(page.getByTestId('watermark-failing')).toHaveText('Sync failing: 1')
  await page.screenshot({ path: 'test-results/sync-failed-source-en.png', fullPage: true })
  await openReady(page, '/settings.html')
  const wrong = page.getByTestId('connection-wrong-token')
  await wrong.getByTestId('connection-test').click()
  await expect(wrong.getByTestId('connection-test-result')).toContainText(
    `The server refused the credentials (401) at ${sim.url}/api/v1/me.`,
  )
})

test('a request refused for a while (429 with Retry-After) shows under the bar as a retry counted down, and the sync then goes on', async ({
  page,
}) => {
  // Every 5th request is refused with "Retry-After: 6".
  sim.setFaults({ latencyMs: 60, rateLimit: 5, retryAfterSeconds: 6 })
  await openReady(page, '/settings.html')
  await addItsmConnection(page, 'busy-itsm', sim.url)
  await expect(page.getByTestId('connection-busy-itsm')).toBeVisible()
  await openReady(page, '/')
  await page.getByTestId('demo-later').click()
  await page.getByTestId('nav-sync').click()
  await page.getByTestId('sync-run-all').click()
  const retry = page.getByTestId('sync-retry')
  await expect(retry).toBeVisible({ timeout: 20_000 })
  await expect(retry).toContainText(/요청이 실패했습니다\(1\/6회\)\. 6초 뒤 다시 시도합니다/)
  // Why, in Korean as the rest of the screen: the server's limit, its status and the address.
  await expect(page.getByTestId('sync-retry-reason')).toContainText(
    `서버가 요청 수를 제한하고 있습니다(429): ${sim.url}/api/v1/`,
  )
  // Two seconds later (the page's clock is pinned: moved by hand) the countdown shows 4 s, while a
  // screen reader was told once, "6 s", and is not told each second: the countdown is hidden from it.
  await page.clock.setFixedTime(PINNED_NOW + 2000)
  await expect(retry.locator('[aria-hidden="true"]')).toContainText('4초 뒤 다시 시도합니다')
  const spoken = await retry.ariaSnapshot()
  expect(spoken.match(/요청이 실패했습니다/g)).toHaveLength(1)
  expect(spoken).toContain('6초 뒤 다시 시도합니다')
  await page.getByTestId('sync-progress').screenshot({ path: 'test-results/sync-retry.png' })
  // Once the wait is over the next page arrives and the note goes.
  await expect(retry).toBeHidden({ timeout: 20_000 })
  const row = page.getByTestId('sync-source-busy-itsm')
  await expect(row.getByTestId('source-last-success')).toContainText('2026-03-18', { timeout: 120_000 })
  await expect(row.getByTestId('source-error')).toHaveCount(0)
})

test('in English, a page that timed out is retried with fewer rows, and the retry note says so', async ({
  page,
  harness,
  request,
}) => {
  // Pages of more than 200 rows answer after two minutes: the client gives up on the first SR page
  // after its 30 s and asks again for half the rows.
  test.setTimeout(90_000)
  sim.setFaults({ latencyMs: 0, slowPageRows: 200, slowPageMs: 120_000 })
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  await openReady(page, '/settings.html')
  await addItsmConnection(page, 'slow-itsm', sim.url)
  await expect(page.getByTestId('connection-slow-itsm')).toBeVisible()
  await openReady(page, '/')
  await page.getByTestId('demo-later').click()
  await page.getByTestId('nav-sync').click()
  await page.getByTestId('sync-run-all').click()
  const retry = page.getByTestId('sync-retry')
  await expect(retry).toBeVisible({ timeout: 45_000 })
  await expect(retry).toContainText('A request failed (attempt 1 of 6).')
  await expect(retry.getByTestId('sync-retry-page-rows')).toHaveText(
    'The page timed out: the next attempt asks for 500 rows instead of 1,000.',
  )
  await expect(page.getByTestId('sync-retry-reason')).toContainText('No answer in time')
  await page.getByTestId('sync-progress').screenshot({ path: 'test-results/sync-retry-page-rows-en.png' })
})

test('a ServiceNow connection with its own state codes: a mistyped code is shown under the field, the saved map is listed and the sync reads the state', async ({
  page,
  harness,
  request,
}) => {
  const sn = await startServiceNowSimulator({
    seed: 4,
    count: 30,
    user: 'integration',
    password: 'sn-pw-e2e',
  })
  try {
    const awaiting = sn.records[3]!
    sn.update(awaiting, { state: { value: '4', display_value: 'Awaiting User Info' } })
    await openReady(page, '/settings.html')
    const connections = page.getByTestId('admin-connections')
    await connections.getByTestId('connection-add').click()
    await page.locator('#conn-kind').selectOption('servicenow')
    await page.locator('#conn-name').fill('sn')
    await page.locator('#conn-url').fill(sn.url)
    await page.locator('#conn-user').fill('integration')
    await page.getByTestId('conn-secret').fill('sn-pw-e2e')
    await page.getByTestId('conn-state-map').fill('4=WAITING')
    await page.getByTestId('conn-save').click()
    // Refused in the form, under the field, before anything is saved.
    const form = page.getByTestId('connection-form')
    await expect(form.getByRole('alert')).toContainText('코드=상태 형식으로 적어 주세요')
    await expect(form.getByRole('alert')).toContainText('"4=WAITING": "WAITING"은(는) 상태가 아닙니다')
    await form.screenshot({ path: 'test-results/connection-state-map-error.png' })
    const syncSn = async (): Promise<unknown> => {
      await request.post(`${harness.url}/api/invoke/sync:run`, { data: { source: 'sn' } })
      let outcome: unknown
      await expect
        .poll(async () => {
          const res = await request.post(`${harness.url}/api/invoke/sync:status`, { data: {} })
          const status = (await res.json()) as {
            data: { state: string; lastRun: { outcomes: { status: string }[] } | null }
          }
          outcome = status.data.state === 'idle' ? status.data.lastRun?.outcomes[0]?.status : 'running'
          return outcome
        })
        .not.toBe('running')
      return outcome
    }

    // Saved without a map, the sync stops at the incident in state 4, and the Sync screen says
    // which record, which state and how to map it, in Korean.
    await page.getByTestId('conn-state-map').fill('')
    await page.getByTestId('conn-save').click()
    const item = connections.getByTestId('connection-sn')
    await expect(item).toBeVisible()
    expect(await syncSn()).toBe('failed')
    await openReady(page, '/')
    await page.getByTestId('demo-later').click()
    await page.getByTestId('nav-sync').click()
    const failed = page.getByTestId('sync-source-sn').getByTestId('source-error-message')
    await expect(failed).toContainText(
      `레코드 ${awaiting['sys_id']?.value}(${awaiting['number']?.value}), 필드 state: 알 수 없는 상태 "4"(Awaiting User Info)`,
    )
    await expect(failed).toContainText('설정 → 연결 → 편집 → 상태 코드')
    // Its cause is the connection's map, not the server: said so, with where to fix it.
    await expect(page.getByTestId('sync-source-sn').getByTestId('source-cause')).toHaveText(
      '알 수 없는 상태 코드',
    )
    const cause = page.getByTestId('sync-source-sn').getByTestId('source-error')
    await expect(cause).toContainText('상태 코드에서 그 코드를 상태에 연결한 뒤 다시 동기화하세요')
    await page
      .getByTestId('sync-source-sn')
      .screenshot({ path: 'test-results/sync-servicenow-unknown-state.png' })

    // Mapped in the connection, the incident in state 4 arrives as PENDING: the sync goes on.
    await openReady(page, '/settings.html')
    await item.getByRole('button', { name: /sn 수정/ }).click()
    await page.getByTestId('conn-state-map').fill('4=pending')
    await page.getByTestId('conn-save').click()
    await expect(item.getByTestId('connection-state-map')).toHaveText('상태 코드: 4=PENDING')
    await item.screenshot({ path: 'test-results/connection-state-map-item.png' })
    expect(await syncSn()).toBe('ok')
    const ws = openWorkspace({ dataDir: harness.dataDir })
    try {
      const row = ws.store.sqlite
        .prepare("SELECT status FROM service_requests WHERE source = 'servicenow:sn' AND source_id = ?")
        .get(awaiting['sys_id']?.value) as { status: string }
      expect(row.status).toBe('PENDING')
    } finally {
      ws.close()
    }
  } finally {
    await sn.close()
  }
})

test('a ServiceNow page with unknown state codes and unknown priority codes: the Sync screen names both and both maps to set', async ({
  page,
  harness,
  request,
}) => {
  const sn = await startServiceNowSimulator({
    seed: 4,
    count: 30,
    user: 'integration',
    password: 'sn-pw-e2e',
  })
  try {
    sn.update(sn.records[3]!, {
      state: { value: '4', display_value: 'Awaiting User Info' },
      priority: { value: '0', display_value: '0 - Emergency' },
    })
    const invoke = async (channel: string, data: unknown): Promise<void> => {
      const res = await request.post(`${harness.url}/api/invoke/${channel}`, { data })
      expect(res.ok(), channel).toBe(true)
    }
    await invoke('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: sn.url,
      user: 'integration',
      password: 'sn-pw-e2e',
    })
    await invoke('sync:run', { source: 'sn' })
    await expect
      .poll(async () => {
        const res = await request.post(`${harness.url}/api/invoke/sync:status`, { data: {} })
        const status = (await res.json()) as {
          data: { state: string; lastRun: { outcomes: { status: string }[] } | null }
        }
        return status.data.state === 'idle' ? status.data.lastRun?.outcomes[0]?.status : 'running'
      })
      .toBe('failed')
    await openReady(page, '/')
    await page.getByTestId('demo-later').click()
    await page.getByTestId('nav-sync').click()
    const row = page.getByTestId('sync-source-sn')
    const failed = row.getByTestId('source-error-message')
    await expect(failed).toContainText(
      '알 수 없는 상태 코드 4 (Awaiting User Info)와 우선순위 코드 0 (0 - Emergency)가 있어',
    )
    await expect(failed).toContainText('npm run cli -- source state-map sn 4=STATUS')
    await expect(failed).toContainText('npm run cli -- source priority-map sn 0=PRIORITY')
    await expect(row.getByTestId('source-cause')).toHaveText('알 수 없는 상태·우선순위 코드')
    const cause = row.getByTestId('source-error')
    await expect(cause).toContainText('상태 코드는 상태에, 우선순위 코드는 P1~P4 중 하나에 연결한 뒤')
    await row.screenshot({ path: 'test-results/sync-servicenow-unknown-codes.png' })
  } finally {
    await sn.close()
  }
})

test('a ServiceNow connection with its own priority codes: a mistyped code is shown under the field, the saved map is listed and the sync reads the priority', async ({
  page,
  harness,
  request,
}) => {
  const sn = await startServiceNowSimulator({
    seed: 4,
    count: 30,
    user: 'integration',
    password: 'sn-pw-e2e',
  })
  try {
    const emergency = sn.records[3]!
    sn.update(emergency, { priority: { value: '0', display_value: '0 - Emergency' } })
    await openReady(page, '/settings.html')
    const connections = page.getByTestId('admin-connections')
    await connections.getByTestId('connection-add').click()
    await page.locator('#conn-kind').selectOption('servicenow')
    await page.locator('#conn-name').fill('sn')
    await page.locator('#conn-url').fill(sn.url)
    await page.locator('#conn-user').fill('integration')
    await page.getByTestId('conn-secret').fill('sn-pw-e2e')
    await page.getByTestId('conn-priority-map').fill('0=P0')
    await page.getByTestId('conn-save').click()
    // Refused in the form, under its own field (the state codes field keeps its hint), nothing saved.
    const form = page.getByTestId('connection-form')
    const alert = form.getByRole('alert')
    await expect(alert).toHaveCount(1)
    await expect(alert).toContainText('코드=우선순위 형식으로 적어 주세요')
    await expect(alert).toContainText(
      '"0=P0": "P0"은(는) 우선순위가 아닙니다. 다음 중 하나를 쓰세요: P1, P2, P3, P4',
    )
    await expect(page.getByTestId('conn-priority-map')).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByTestId('conn-priority-map')).toBeFocused()
    await expect(connections.getByTestId('connection-sn')).toHaveCount(0)
    await form.screenshot({ path: 'test-results/connection-priority-map-error.png' })
    const syncSn = async (): Promise<unknown> => {
      await request.post(`${harness.url}/api/invoke/sync:run`, { data: { source: 'sn' } })
      let outcome: unknown
      await expect
        .poll(async () => {
          const res = await request.post(`${harness.url}/api/invoke/sync:status`, { data: {} })
          const status = (await res.json()) as {
            data: { state: string; lastRun: { outcomes: { status: string }[] } | null }
          }
          outcome = status.data.state === 'idle' ? status.data.lastRun?.outcomes[0]?.status : 'running'
          return outcome
        })
        .not.toBe('running')
      return outcome
    }

    // Saved without a map, the sync stops at the incident with priority 0, and the Sync screen says
    // which record, which code and how to map it, in Korean.
    await page.getByTestId('conn-priority-map').fill('')
    await page.getByTestId('conn-save').click()
    const item = connections.getByTestId('connection-sn')
    await expect(item).toBeVisible()
    await expect(item.getByTestId('connection-priority-map')).toHaveCount(0)
    expect(await syncSn()).toBe('failed')
    await openReady(page, '/')
    await page.getByTestId('demo-later').click()
    await page.getByTestId('nav-sync').click()
    const failed = page.getByTestId('sync-source-sn').getByTestId('source-error-message')
    await expect(failed).toContainText(
      `레코드 ${emergency['sys_id']?.value}(${emergency['number']?.value}), 필드 priority: 알 수 없는 우선순위 "0"(0 - Emergency)`,
    )
    await expect(failed).toContainText('설정 → 연결 → 편집 → 우선순위 코드')
    await expect(failed).toContainText('npm run cli -- source priority-map sn 0=PRIORITY')
    await expect(page.getByTestId('sync-source-sn').getByTestId('source-cause')).toHaveText(
      '알 수 없는 우선순위 코드',
    )
    const cause = page.getByTestId('sync-source-sn').getByTestId('source-error')
    await expect(cause).toContainText(
      '우선순위 코드에서 그 코드를 P1~P4 중 하나에 연결한 뒤 다시 동기화하세요',
    )
    await page
      .getByTestId('sync-source-sn')
      .screenshot({ path: 'test-results/sync-servicenow-unknown-priority.png' })

    // Mapped in the connection, the incident arrives as P1: the sync goes on.
    await openReady(page, '/settings.html')
    await item.getByRole('button', { name: /sn 수정/ }).click()
    await page.getByTestId('conn-priority-map').fill('6=P4, 0=p1')
    await page.getByTestId('conn-save').click()
    await expect(item.getByTestId('connection-priority-map')).toHaveText('우선순위 코드: 0=P1, 6=P4')
    await expect(item.getByTestId('connection-state-map')).toHaveCount(0)
    await page.screenshot({ path: 'test-results/connection-priority-map-item.png', fullPage: true })
    // Opened again, the form shows the saved map.
    await item.getByRole('button', { name: /sn 수정/ }).click()
    await expect(page.getByTestId('conn-priority-map')).toHaveValue('0=P1,6=P4')
    await page.getByRole('button', { name: '취소' }).click()
    expect(await syncSn()).toBe('ok')
    const ws = openWorkspace({ dataDir: harness.dataDir })
    try {
      const row = ws.store.sqlite
        .prepare("SELECT priority FROM service_requests WHERE source = 'servicenow:sn' AND source_id = ?")
        .get(emergency['sys_id']?.value) as { priority: string }
      expect(row.priority).toBe('P1')
    } finally {
      ws.close()
    }
  } finally {
    await sn.close()
  }
})

test('a ServiceNow connection with a wider re-read margin: a wrong value is said under the field, the saved one is listed and can be put back to the default', async ({
  page,
  harness,
  request,
}) => {
  await openReady(page, '/settings.html')
  const connections = page.getByTestId('admin-connections')
  await connections.getByTestId('connection-add').click()
  await page.locator('#conn-kind').selectOption('servicenow')
  await page.locator('#conn-name').fill('sn-late')
  await page.locator('#conn-url').fill('http://127.0.0.1:2')
  await page.locator('#conn-user').fill('integration')
  await page.getByTestId('conn-secret').fill('sn-pw-e2e')
  const margin = page.getByTestId('conn-margin')
  await expect(margin).toHaveAttribute('placeholder', '60')
  await margin.fill('10분')
  await page.getByTestId('conn-save').click()
  const form = page.getByTestId('connection-form')
  await expect(form.getByRole('alert')).toHaveText(
    '60에서 86400 사이의 정수(초)를 입력하세요. 비워 두면 60초입니다',
  )
  await expect(margin).toBeFocused()
  await form.screenshot({ path: 'test-results/connection-margin-error.png' })
  await margin.fill('600')
  await page.getByTestId('conn-save').click()
  const item = connections.getByTestId('connection-sn-late')
  await expect(item.getByTestId('connection-margin')).toHaveText('재읽기 여유: 10분')
  await item.screenshot({ path: 'test-results/connection-margin-item.png' })
  const marginOf = async (): Promise<unknown> => {
    const res = await request.post(`${harness.url}/api/invoke/sources:list`, { data: {} })
    const list = (await res.json()) as { data: { name: string; resumeMarginSeconds: number | null }[] }
    return list.data.find((s) => s.name === 'sn-late')?.resumeMarginSeconds
  }
  expect(await marginOf()).toBe(600)

  // Edited: the form shows the margin; emptied, it is the default minute again and no longer listed.
  await item.getByRole('button', { name: /sn-late 수정/ }).click()
  await expect(page.getByTestId('conn-margin')).toHaveValue('600')
  await page.getByTestId('conn-margin').fill('')
  await page.getByTestId('conn-save').click()
  await expect(item.getByTestId('connection-margin')).toHaveCount(0)
  expect(await marginOf()).toBe(60)
})

test('a server an internal CA issued for: refused until the CA file is added to the connection, then trusted, shown and removable', async ({
  page,
  harness,
  request,
}) => {
  const tls = TLS_FIXTURES
  const internal = await startItsmSimulator({
    seed: 3,
    srCount: 50,
    token: TOKEN,
    tls: internalServerTls(),
  })
  try {
    await openReady(page, '/settings.html')
    const connections = await addItsmConnection(page, 'internal', internal.url)
    const item = connections.getByTestId('connection-internal')
    await item.getByTestId('connection-test').click()
    // The cause and what to do in the app's language, the technical message under it.
    const result = item.getByTestId('connection-test-result')
    await expect(result).toContainText('인증서를 신뢰할 수 없음')
    await expect(result).toContainText('설정 → 연결에서 이 연결에 그 CA 인증서')
    await expect(result).toContainText('서버의 TLS 인증서를 받아들일 수 없습니다')
    // The TLS library's reason in Korean too, its code kept for support.
    await expect(result).toContainText(
      '인증서를 발급한 기관을 확인할 수 없습니다. 조직 내부 CA이거나 서버가 중간 인증서를 보내지 않습니다 · UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    )
    await page.screenshot({ path: 'test-results/connection-ca-refused.png', fullPage: true })

    // The CA as Windows exports it (a binary .cer), picked in the connection's form.
    const der = derOf(internalCaPem())
    await item.getByRole('button', { name: '수정' }).click()
    await page
      .getByTestId('conn-ca-file')
      .setInputFiles({ name: 'internal-ca.cer', mimeType: 'application/pkix-cert', buffer: der })
    await expect(page.getByTestId('conn-ca-pending')).toContainText('internal-ca.cer')
    await page.getByTestId('connection-form').screenshot({ path: 'test-results/connection-ca-form.png' })
    await page.getByTestId('conn-save').click()
    await expect(page.getByTestId('connection-form')).toHaveCount(0)
    await expect(item.getByTestId('connection-ca')).toContainText(
      'CN=Ops Console Test Internal CA, O=Ops Console test',
    )
    await expect(item.getByTestId('connection-ca')).toContainText('2120-01-01까지')
    await item.getByTestId('connection-test').click()
    await expect(result).toContainText('운영 관리자')
    await page.screenshot({ path: 'test-results/connection-ca-trusted.png', fullPage: true })
    await item.screenshot({ path: 'test-results/connection-ca-item.png' })

    // A private key picked by mistake is refused with the reason; the connection keeps its CA.
    await item.getByRole('button', { name: '수정' }).click()
    await page.getByTestId('conn-ca-file').setInputFiles(join(tls, 'internal-server.key'))
    await page.getByTestId('conn-save').click()
    await expect(page.getByTestId('connection-form').getByTestId('error-banner')).toContainText(
      '이 파일에는 개인 키가 들어 있습니다',
    )
    await page.getByRole('button', { name: '취소' }).click()
    await expect(item.getByTestId('connection-ca')).toContainText('CN=Ops Console Test Internal CA')

    // Removing it: only the system authorities again, and the server is refused again.
    await item.getByRole('button', { name: '수정' }).click()
    await page.getByTestId('conn-ca-remove').click()
    await page.getByTestId('conn-save').click()
    await expect(page.getByTestId('connection-form')).toHaveCount(0)
    await expect(item.getByTestId('connection-ca')).toHaveCount(0)
    await item.getByTestId('connection-test').click()
    await expect(result).toContainText('인증서를 신뢰할 수 없음')

    // A CA that ends within 30 days of the (pinned) clock is flagged, so it is replaced in time.
    const added = await request.post(`${harness.url}/api/invoke/sources:add`, {
      data: {
        kind: 'itsm',
        name: 'expiring',
        url: internal.url,
        token: TOKEN,
        caCertificate: await readFile(join(tls, 'expiring-ca.crt'), 'utf8'),
      },
    })
    expect(await added.json()).toMatchObject({ ok: true })
    await page.reload()
    const expiring = connections.getByTestId('connection-expiring').getByTestId('connection-ca')
    // 2026-03-18T06:00Z to 2026-04-01T00:00Z: 13 days and 18 hours, whole days left 13.
    await expect(expiring).toContainText('2026-04-01까지 · 13일 뒤 만료')
    await expect(expiring.locator('.ca-soon')).toHaveCount(1)
    await connections
      .getByTestId('connection-expiring')
      .screenshot({ path: 'test-results/connection-ca-expiring.png' })
  } finally {
    await internal.close()
  }
})

test('a connection through a proxy: set in the form, shown in the list, its test goes through the proxy; a proxy refusing it is explained', async ({
  page,
}) => {
  const proxy = await startConnectProxy()
  const blocking = await startConnectProxy({ refuse: 403 })
  try {
    await openReady(page, '/settings.html')
    const connections = await addItsmConnection(page, 'via-proxy', sim.url, () =>
      page.getByTestId('conn-proxy').fill(proxy.url),
    )
    const item = connections.getByTestId('connection-via-proxy')
    await expect(item.getByTestId('connection-proxy')).toHaveText(`프록시: ${proxy.url}`)
    await item.getByTestId('connection-test').click()
    await expect(item.getByTestId('connection-test-result')).toContainText('운영 관리자')
    expect(proxy.tunnels).toContain(new URL(sim.url).host)

    await item.getByRole('button', { name: '수정' }).click()
    await expect(page.getByTestId('conn-proxy')).toHaveValue(proxy.url)
    await page.getByTestId('conn-proxy').fill(blocking.url)
    await page.getByTestId('conn-save').click()
    await expect(item.getByTestId('connection-proxy')).toHaveText(`프록시: ${blocking.url}`)
    await item.getByTestId('connection-test').click()
    const result = item.getByTestId('connection-test-result')
    await expect(result).toContainText('프록시가 연결을 거부함')
    await expect(result).toContainText('answered 403 to the tunnel request')
    await item.screenshot({ path: 'test-results/connection-proxy-refused.png' })

    // Emptying the field connects directly again.
    await item.getByRole('button', { name: '수정' }).click()
    await page.getByTestId('conn-proxy').fill('')
    await page.getByTestId('conn-save').click()
    await expect(item.getByTestId('connection-proxy')).toHaveCount(0)
    await item.getByTestId('connection-test').click()
    await expect(result).toContainText('운영 관리자')
  } finally {
    await proxy.close()
    await blocking.close()
  }
})

test('a URL that leads to a web page instead of the API: the test says to check the address, in Korean, naming the page', async ({
  page,
}) => {
  // A sign-in portal in front of the intranet answers every path with its page.
  const portal = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!DOCTYPE html><html><head><title>통합 로그인 - SSO</title></head><body>로그인</body></html>')
  })
  await new Promise<void>((done) => portal.listen(0, '127.0.0.1', done))
  try {
    const url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`
    await openReady(page, '/settings.html')
    const connections = await addItsmConnection(page, 'behind-sso', url)
    const item = connections.getByTestId('connection-behind-sso')
    await item.getByTestId('connection-test').click()
    const result = item.getByTestId('connection-test-result')
    await expect(result).toContainText('주소 확인 필요')
    await expect(result).toContainText(
      `서버가 JSON 대신 웹 페이지를 보냈습니다: ${url}/api/v1/me (제목 "통합 로그인 - SSO")`,
    )
    await item.screenshot({ path: 'test-results/connection-web-page.png' })
  } finally {
    await new Promise((done) => portal.close(done))
  }
})

test('a proxy that asks for a login: the failed test says so, the proxy user and password are set in the form, the password stays write-only', async ({
  page,
}) => {
  const login = { user: 'ops-sync', password: 'Prx-e2e-5b7d' }
  const proxy = await startConnectProxy({ login })
  try {
    await openReady(page, '/settings.html')
    const connections = await addItsmConnection(page, 'login-proxy', sim.url, async () => {
      // The login fields appear once there is a proxy, the password once there is a user.
      await expect(page.getByTestId('conn-proxy-user')).toHaveCount(0)
      await page.getByTestId('conn-proxy').fill(proxy.url)
      await expect(page.getByTestId('conn-proxy-password')).toHaveCount(0)
    })
    const item = connections.getByTestId('connection-login-proxy')
    await item.getByTestId('connection-test').click()
    const result = item.getByTestId('connection-test-result')
    await expect(result).toContainText('프록시 로그인 실패')
    await expect(result).toContainText('프록시 사용자와 비밀번호를 확인하세요')
    await expect(result).toContainText('asks for a login (407)')
    await item.screenshot({ path: 'test-results/connection-proxy-login-asked.png' })

    await item.getByRole('button', { name: '수정' }).click()
    await page.getByTestId('conn-proxy-user').fill(login.user)
    await page.getByTestId('conn-proxy-password').fill(login.password)
    await page
      .getByTestId('connection-form')
      .screenshot({ path: 'test-results/connection-proxy-login-form.png' })
    await page.getByTestId('conn-save').click()
    await expect(item.getByTestId('connection-proxy')).toHaveText(`프록시: ${proxy.url} · 사용자 ops-sync`)
    await item.getByTestId('connection-test').click()
    await expect(result).toContainText('운영 관리자')
    expect(proxy.logins.at(-1)).toBe(`${login.user}:${login.password}`)
    await item.screenshot({ path: 'test-results/connection-proxy-login-ok.png' })

    // Editing again shows the password as stored, never its value, and keeps it when left empty.
    await item.getByRole('button', { name: '수정' }).click()
    const password = page.getByTestId('conn-proxy-password')
    await expect(password).toHaveValue('')
    await expect(password).toHaveAttribute('placeholder', '•••••• (저장됨)')
    expect(await page.content()).not.toContain(login.password)
    await page.getByTestId('conn-save').click()
    await expect(page.getByTestId('connection-form')).toHaveCount(0)
    await item.getByTestId('connection-test').click()
    await expect(result).toContainText('운영 관리자')
  } finally {
    await proxy.close()
  }
})

test('import wizard: map a custom layout, translate a value, import; a file with row errors writes nothing', async ({
  page,
}) => {
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'custom-layout.csv'))
  await expect(page.getByTestId('import-map')).toBeVisible()
  // Aliases were matched automatically; the three others are chosen by hand.
  await expect(page.getByTestId('map-id')).toHaveValue('Ticket No')
  // Canonical columns are named in the UI's language, the canonical name beneath; so are the
  // required ones still unmapped.
  await expect(page.getByTestId('import-map')).toContainText('생성 일시')
  await expect(page.getByTestId('import-map').getByRole('alert')).toHaveText(
    '필수 열이 연결되지 않았습니다: 기관 (tenant), 우선순위 (priority), 생성 일시 (created_at)',
  )
  await page.getByTestId('map-tenant').selectOption('Customer')
  await page.getByTestId('map-priority').selectOption('Urgency')
  await page.getByTestId('map-created_at').selectOption('Opened')
  // The resolved row's time is in "Solved": unmapped, the row would be an error (a finished SR
  // with no time it finished).
  await page.getByTestId('map-resolved_at').selectOption('Solved')
  await page.screenshot({ path: 'test-results/import-map.png', fullPage: true })
  await page.getByTestId('import-check').click()
  await expect(page.getByTestId('import-summary')).toContainText('오류 1행')
  await expect(page.getByTestId('import-run')).toBeDisabled()
  await page.getByTestId('value-status-해결됨').selectOption('RESOLVED')
  await page.getByTestId('import-recheck').click()
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-result')).toContainText('2행을 가져왔습니다')
  // The import moved the data watermark (the harness clock is pinned).
  await expect(page.getByTestId('sync-watermark')).toContainText('2026-03-18 15:00')
  // The sync log under the wizard says where the data came from.
  const logged = page.getByTestId('sync-log').locator('tbody tr').first()
  await expect(logged).toContainText('파일 가져오기')
  await expect(logged.getByTestId('sync-log-file')).toHaveText('custom-layout.csv')
  await expect(logged).toContainText('서비스 요청')
  await expect(logged).toContainText('성공')
  await page.screenshot({ path: 'test-results/import-result.png', fullPage: true })

  await page.getByText('다른 파일 가져오기').click()
  await chooseImportFile(page, join(FIXTURES, 'bad-dates.csv'))
  await expect(page.getByTestId('import-errors')).toBeVisible()
  await expect(page.getByTestId('import-summary')).toContainText('오류 4행')
  await expect(page.getByTestId('import-errors')).toContainText('2026-13-45 25:00')
  await expect(page.getByTestId('import-run')).toBeDisabled()
  await page.screenshot({ path: 'test-results/import-errors.png', fullPage: true })
})

test('import wizard: an automatic match turned off with "(연결 안 함)" stays off through the import', async ({
  page,
  harness,
}) => {
  await openImportWizard(page)
  await chooseImportFile(page, join(FIXTURES, 'canonical-utf8.csv'))
  // Every column matched by name: straight to the preview. Back to the mapping to leave category out.
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  await page.getByRole('button', { name: '열 연결' }).click()
  await expect(page.getByTestId('map-category')).toHaveValue('category')
  await page.getByTestId('map-category').selectOption({ label: '(연결 안 함)' })
  await page.getByTestId('import-check').click()
  await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-result')).toContainText('행을 가져왔습니다')
  const ws = openWorkspace({ dataDir: harness.dataDir })
  try {
    const count = (sql: string) => (ws.store.sqlite.prepare(sql).get() as { n: number }).n
    expect(count('SELECT count(*) AS n FROM service_requests')).toBeGreaterThan(0)
    expect(count('SELECT count(*) AS n FROM service_requests WHERE category_id IS NOT NULL')).toBe(0)
  } finally {
    ws.close()
  }
})

test('import wizard: a workbook with its SRs on the second sheet is read from the sheet chosen', async ({
  page,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'ops-console-e2e-sheets-'))
  try {
    const path = join(dir, '3월-운영-보고서.xlsx')
    await writeTwoSheetWorkbook(path)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    // The first sheet is a cover page: nothing matches, and the sheet can be changed.
    await expect(page.getByTestId('import-map')).toBeVisible()
    await expect(page.getByTestId('import-file')).toContainText('시트 “요약”')
    await expect(page.getByTestId('map-id')).toHaveValue('')
    await page.getByTestId('import-sheet').selectOption('SR 목록')
    await expect(page.getByTestId('import-file')).toContainText('시트 “SR 목록”')
    await expect(page.getByTestId('import-summary')).toContainText('오류 0행')
    await page.screenshot({ path: 'test-results/import-sheet.png', fullPage: true })
    await page.getByTestId('import-run').click()
    await expect(page.getByTestId('import-result')).toContainText('2행을 가져왔습니다')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('import wizard: a large file shows its progress while checked and imported, and the import can be cancelled', async ({
  page,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'ops-console-e2e-large-'))
  try {
    const path = join(dir, 'sr-export-2025.csv')
    await writeGeneratedCsv(path, 300_000)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    // The check reads the whole file: the rows read so far, no total yet.
    await expect(page.getByTestId('import-progress-text')).toContainText(/읽는 중: [\d,]+행/)
    await expect(page.getByRole('progressbar', { name: '파일 확인 중' })).toBeVisible()
    await page.screenshot({ path: 'test-results/import-checking.png', fullPage: true })
    await expect(page.getByTestId('import-summary')).toContainText('300,000행', { timeout: 60_000 })
    await expect(page.getByTestId('import-progress')).toHaveCount(0)

    // The import reads the file again, now against the total the check found; Cancel stops it.
    await page.getByTestId('import-run').click()
    await expect(page.getByTestId('import-progress-text')).toContainText(/읽는 중: [\d,]+ \/ 300,000행/)
    await expect(page.getByRole('progressbar', { name: '가져오는 중' })).toHaveAttribute(
      'aria-valuenow',
      /\d+/,
    )
    await page.screenshot({ path: 'test-results/import-progress.png', fullPage: true })
    await page.getByTestId('import-cancel').click()
    await expect(page.getByTestId('import-notice')).toHaveText(
      '가져오기를 취소했습니다. 아무것도 쓰지 않았습니다.',
      {
        timeout: 30_000,
      },
    )
    await expect(page.getByTestId('import-progress')).toHaveCount(0)
    // Still on the preview, ready to import again; the workspace got no data.
    await expect(page.getByTestId('import-run')).toBeEnabled()
    await expect(page.getByTestId('import-result')).toHaveCount(0)
    // The cancelled run is in the sync log at once (nothing changed, so no data event brought it).
    const logged = page.getByTestId('sync-log').locator('tbody tr').first()
    await expect(logged.getByTestId('sync-log-file')).toHaveText('sr-export-2025.csv')
    await expect(logged).toContainText('취소')
    await page.screenshot({ path: 'test-results/import-cancelled.png', fullPage: true })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test("import wizard: a large workbook's first pass shows the rows it has seen and can be cancelled", async ({
  page,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'ops-console-e2e-workbook-'))
  try {
    const path = join(dir, 'sr-export-2025.xlsx')
    await writeGeneratedXlsx(path, 150_000)
    await openImportWizard(page)
    await chooseImportFile(page, path)
    // Before its first row, the reader goes through the whole sheet (merged cells are listed last).
    await expect(page.getByTestId('import-progress-text')).toContainText(/통합 문서 여는 중: [\d,]+행 확인/)
    await page.screenshot({ path: 'test-results/import-opening.png', fullPage: true })
    await page.getByTestId('import-cancel').click()
    await expect(page.getByTestId('import-notice')).toHaveText('파일 확인을 취소했습니다.', {
      timeout: 30_000,
    })
    await expect(page.getByTestId('import-progress')).toHaveCount(0)
    await expect(page.getByTestId('import-summary')).toHaveCount(0)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('while a large import writes, a KPI target saved in Settings is refused as busy and stays in the form; saved once the import is over', async ({
  page,
  context,
  request,
  harness,
}) => {
  test.setTimeout(180_000)
  const applied = await request.post(`${harness.url}/api/invoke/kpi:apply`, {
    data: { template_names: ['MTTR'] },
  })
  expect(await applied.json()).toMatchObject({ ok: true })
  const dir = await mkdtemp(join(tmpdir(), 'ops-console-e2e-busy-'))
  try {
    const path = join(dir, 'sr-export-2025.csv')
    await writeGeneratedCsv(path, 300_000)
    // Settings beside the console, MTTR's form open with a new target typed in.
    const settings = await context.newPage()
    await openReady(settings, '/settings.html')
    const section = settings.getByTestId('admin-kpi')
    const item = section.getByTestId('kpi-setting-MTTR')
    await item.getByTestId('kpi-edit').click()
    await item.getByTestId('kpi-field-target').fill('7')

    await openImportWizard(page)
    await chooseImportFile(page, path)
    await expect(page.getByTestId('import-summary')).toContainText('300,000행', { timeout: 60_000 })
    await page.getByTestId('import-run').click()
    await expect(page.getByTestId('import-progress-text')).toContainText('쓰는 중', { timeout: 60_000 })
    // The import's one transaction holds the workspace's write lock: the save is refused, in words.
    await item.getByTestId('kpi-save').click()
    await expect(item.getByTestId('kpi-server-error')).toHaveText(
      '다른 작업(파일 가져오기, 동기화 또는 계산)이 작업공간에 쓰고 있어 저장하지 못했습니다. 작업이 끝난 뒤 다시 시도하세요.',
    )
    await expect(item.getByTestId('kpi-field-target')).toHaveValue('7')
    await settings.screenshot({ path: 'test-results/kpi-save-busy.png', fullPage: true })

    await expect(page.getByTestId('import-result')).toContainText('300,000행을 가져왔습니다', {
      timeout: 90_000,
    })
    const kpi = async (): Promise<{ target: number; version: number }> => {
      const r = await request.post(`${harness.url}/api/invoke/kpi:get`, { data: { kpi: 'MTTR' } })
      const body = (await r.json()) as { data: { definition: { target: number; version: number } } }
      return body.data.definition
    }
    expect((await kpi()).target).not.toBe(7)
    // The same save goes through now (the form may have been reloaded by the import's data change).
    if (!(await item.getByTestId('kpi-field-target').isVisible())) {
      await item.getByTestId('kpi-edit').click()
      await item.getByTestId('kpi-field-target').fill('7')
    }
    await item.getByTestId('kpi-save').click()
    await expect(section.getByTestId('kpi-settings-status')).toContainText('(v2)')
    expect((await kpi()).target).toBe(7)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

/** A harness of its own whose role is operator (the shared fixture's is admin), removed afterwards. */
async function withOperatorHarness(fn: (url: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ops-console-e2e-operator-'))
  const server = await startHarnessServer({
    dataDir,
    staticDir: STATIC_DIR,
    now: () => PINNED_NOW,
    role: 'operator',
  })
  try {
    await fn(server.url)
  } finally {
    await server.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

const PASSPHRASE = '관리자암호-2026'

/** First use: sets the admin passphrase, which also unlocks. */
async function setPassphrase(page: Page): Promise<void> {
  await page.getByTestId('unlock-passphrase').fill(PASSPHRASE)
  await page.getByTestId('unlock-confirm').fill(PASSPHRASE)
  await page.getByTestId('unlock-submit').click()
}

test('an operator unlocks the admin sections with the passphrase', async ({ page }) => {
  await withOperatorHarness(async (url) => {
    await openReady(page, `${url}/settings.html`)
    await expect(page.getByTestId('admin-connections')).toHaveCount(0)
    // First time: set the passphrase (it unlocks), then lock and unlock again.
    await setPassphrase(page)
    await expect(page.getByTestId('admin-connections')).toBeVisible()
    await page.getByTestId('admin-lock').click()
    await page.getByTestId('unlock-passphrase').fill('틀린 암호')
    await page.getByTestId('unlock-submit').click()
    await expect(page.getByTestId('unlock-error')).toContainText('암호가 틀렸습니다. 4번 더')
    await page.screenshot({ path: 'test-results/admin-unlock.png', fullPage: true })
    await page.getByTestId('unlock-passphrase').fill(PASSPHRASE)
    await page.getByTestId('unlock-submit').click()
    await expect(page.getByTestId('admin-connections')).toBeVisible()
  })
})

test('a connection whose ITSM account is not admin decides the role: the passphrase no longer opens admin settings', async ({
  page,
}) => {
  const operatorSim = await startItsmSimulator({
    seed: 3,
    srCount: 50,
    token: TOKEN,
    me: { name: '운영 담당', role: 'operator' },
  })
  try {
    await withOperatorHarness(async (url) => {
      await openReady(page, `${url}/settings.html`)
      // No ITSM account yet: the local passphrase opens the admin sections.
      await setPassphrase(page)
      const connections = await addItsmConnection(page, 'ops-itsm', operatorSim.url)
      await connections.getByTestId('connection-ops-itsm').getByTestId('connection-test').click()

      // /me reports operator: the admin sections close and say why; there is no passphrase field.
      const panel = page.getByTestId('itsm-role-panel')
      await expect(panel).toBeVisible()
      await expect(panel).toContainText('운영 담당')
      await expect(panel).toContainText('ops-itsm')
      await expect(panel).toContainText('operator')
      await expect(page.getByTestId('admin-connections')).toHaveCount(0)
      await expect(page.getByTestId('unlock-passphrase')).toHaveCount(0)
      await page.screenshot({ path: 'test-results/admin-itsm-role.png', fullPage: true })
      // The core refuses the passphrase too, not only the screen.
      const refused = await page.evaluate(async (passphrase) => {
        const r = await fetch('/api/invoke/auth:unlock', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ passphrase }),
        })
        return (await r.json()) as { ok: boolean; error?: { code: string } }
      }, PASSPHRASE)
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  } finally {
    await operatorSim.close()
  }
})
