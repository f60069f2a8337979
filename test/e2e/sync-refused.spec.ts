// E2E: a connection whose account may not read some collections (403) still syncs its SRs, and the
// Sync screen says which collections were refused: on the connection's row and in the sync log.
import type { Page } from '@playwright/test'
import { startItsmSimulator, type ItsmSimulator } from '../../src/main/simulators/itsm/server'
import { expect, openReady, test, type Harness } from './fixtures'

const TOKEN = 'e2e-itsm-token-refused-51c2'

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
  sim = await startItsmSimulator({
    seed: 12,
    srCount: 80,
    token: TOKEN,
    faults: { forbidden: ['people', 'deployments'] },
  })
})
test.afterEach(async () => {
  await sim.close()
})

test('collections refused to the account are named on the connection and in the log; the SRs are in', async ({
  page,
  harness,
}) => {
  await addSource(harness, 'limited', sim.url)
  await openSyncScreen(page)
  await page.getByRole('button', { name: 'limited 동기화', exact: true }).click()
  const row = page.getByTestId('sync-source-limited')
  await expect(row.getByTestId('source-error-message')).toHaveText(
    '이 계정에는 사용자, 배포 읽기 권한이 없어(403) 이번 동기화에서 건너뛰었습니다. 나머지 데이터는 받았으며, 다음 동기화에서 다시 요청합니다. (ITSM REST 연결 "limited") ' +
      '이 계정이 원래 읽지 않는 항목이라면 설정 → 연결에서 이 연결의 "읽을 항목" 체크를 해제하세요(명령줄: source update limited --skip people,deployments). 그러면 그 항목 없이 동기화가 성공합니다.',
  )
  await expect(row.getByTestId('source-cause')).toHaveText('권한 없음')
  // The advice offers both ways out, as the message does.
  await expect(row.getByTestId('source-advice')).toHaveText(
    'ITSM 관리자에게 이 계정이 그 항목을 읽을 수 있게 요청하거나, 원래 읽지 않는 항목이면 연결 설정의 "읽을 항목"에서 체크를 해제하세요.',
  )
  // The SRs are current as of this run: the data has an "as of" time, though the connection failed.
  await expect(page.getByTestId('sync-watermark')).not.toContainText('아직 동기화한 적 없음')
  await expect(page.getByTestId('sync-watermark')).toContainText('2026-03-18')
  // The log: the SRs were synced, people and deployments refused with their 403.
  const log = page.getByTestId('sync-log')
  await expect(log.getByRole('row').filter({ hasText: '서비스 요청' })).toContainText('80')
  const people = log.getByRole('row').filter({ hasText: '사용자' })
  await expect(people.getByTestId('sync-log-cause')).toHaveText(' · 권한 없음')
  await expect(people.getByTestId('sync-log-message')).toContainText('이 계정에는 읽기 권한이 없습니다(403)')
  await expect(people.getByTestId('sync-log-message')).toContainText('/api/v1/people')
  await page.locator('.shell-main').screenshot({ path: 'test-results/sync-screen-refused-collections.png' })
})

test('in English: a run that stops on the SRs after skipping people says both; refused collections are named as the screen labels them', async ({
  page,
  harness,
  request,
}) => {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language: 'en' } })
  // People refused (skipped), then the SRs refused too: the run stops there, for another reason.
  sim.setFaults({ forbidden: ['people', 'srs'] })
  await addSource(harness, 'limited', sim.url)
  await openSyncScreen(page)
  await page.getByRole('button', { name: 'Sync limited', exact: true }).click()
  const row = page.getByTestId('sync-source-limited')
  const message = row.getByTestId('source-error-message')
  await expect(message).toContainText(`/api/v1/srs`)
  await expect(message).toContainText('(ITSM REST connection "limited", service requests)')
  await expect(message).toHaveText(
    / Before that, this sync skipped people, a collection the account may not read \(403\)\.$/,
  )
  await page.locator('.shell-main').screenshot({ path: 'test-results/sync-refused-then-failed-en.png' })

  // SR history and feature usage refused, the rest synced: named as the screen labels them.
  sim.setFaults({ forbidden: ['sr_events', 'feature_usage'] })
  await page.getByRole('button', { name: 'Sync limited', exact: true }).click()
  await expect(message).toHaveText(
    'The account may not read SR history, feature usage (403): skipped in this sync. The other data was synced, and the next sync asks again. (ITSM REST connection "limited") ' +
      'If the account is not meant to read them, untick them under "Collections read" in Settings → Connections (command line: source update limited --skip sr_events,feature_usage): the syncs then succeed without them.',
  )
  await expect(row.getByTestId('source-cause')).toHaveText('Not allowed')
  await page.locator('.shell-main').screenshot({ path: 'test-results/sync-refused-en.png' })
})
