// E2E: an ITSM REST connection whose token is meant to read only some collections. The admin unticks
// them under "읽을 항목" in Settings → Connections; the syncs then succeed without them, the Sync
// screen says quietly what the connection does not read, and ticking one again keeps every cursor.
import { mkdir } from 'node:fs/promises'
import type { APIRequestContext } from '@playwright/test'
import { startItsmSimulator, type ItsmSimulator } from '../../src/main/simulators/itsm/server'
import { expect, openReady, test, type Harness } from './fixtures'

const TOKEN = 'e2e-itsm-token-skip-7a13'

type Listed = { name: string; skip: string[] | null; cursors: { entity: string; position: string | null }[] }

async function listed(
  request: APIRequestContext,
  harness: Harness,
  name: string,
): Promise<Listed | undefined> {
  const r = await request.post(`${harness.url}/api/invoke/sources:list`, { data: {} })
  return ((await r.json()) as { data: Listed[] }).data.find((s) => s.name === name)
}

let sim: ItsmSimulator
test.beforeAll(async () => {
  await mkdir('test-results', { recursive: true })
})
test.beforeEach(async () => {
  sim = await startItsmSimulator({
    seed: 14,
    srCount: 60,
    token: TOKEN,
    faults: { forbidden: ['people', 'deployments'] },
  })
})
test.afterEach(async () => {
  await sim.close()
})

test('collections unticked in the form are not read: the sync is OK, the Sync screen says so, ticking one again keeps the cursors', async ({
  page,
  request,
  harness,
}) => {
  await openReady(page, '/settings.html')
  await page.getByTestId('connection-add').click()
  await page.locator('#conn-name').fill('scoped')
  await page.locator('#conn-url').fill(sim.url)
  await page.getByTestId('conn-secret').fill(TOKEN)
  const group = page.getByRole('group', { name: '읽을 항목' })
  // The SRs are always read: ticked and fixed; every other collection ticked by default.
  await expect(group.getByRole('checkbox', { name: '서비스 요청(항상 읽음)' })).toBeChecked()
  await expect(group.getByRole('checkbox', { name: '서비스 요청(항상 읽음)' })).toBeDisabled()
  for (const label of ['기관', '분류', '사용자', 'SR 이력', '배포', '기능 사용'])
    await expect(group.getByRole('checkbox', { name: label, exact: true })).toBeChecked()
  await group.getByRole('checkbox', { name: '사용자', exact: true }).uncheck()
  await group.getByRole('checkbox', { name: '배포', exact: true }).uncheck()
  await page.getByTestId('connection-form').screenshot({ path: 'test-results/connections-skip-form-ko.png' })
  await page.getByTestId('conn-save').click()
  await expect(page.getByTestId('connection-form')).toHaveCount(0)
  await expect(page.getByTestId('connection-scoped').getByTestId('connection-not-read')).toHaveText(
    '읽지 않음: 사용자, 배포',
  )
  expect((await listed(request, harness, 'scoped'))?.skip).toEqual(['people', 'deployments'])

  // The Sync screen: the run is a success, and the row says what the connection does not read.
  await openReady(page, '/')
  await page.getByTestId('demo-later').click()
  await page.getByTestId('nav-sync').click()
  const row = page.getByTestId('sync-source-scoped')
  await expect(row.getByTestId('source-not-read')).toHaveText('읽지 않음: 사용자, 배포')
  await page.getByRole('button', { name: 'scoped 동기화', exact: true }).click()
  await expect(row.getByTestId('source-last-success')).toContainText(/[\d,]+건 반영/)
  await expect(row.getByText('정상', { exact: true })).toBeVisible()
  await expect(row.getByTestId('source-error')).toHaveCount(0)
  await row.screenshot({ path: 'test-results/sync-skip-row-ko.png' })
  expect(sim.requests.some((r) => r.path === '/api/v1/people' || r.path === '/api/v1/deployments')).toBe(
    false,
  )

  // People ticked again: saved as reading them, and no collection's cursor is cleared by the change.
  const before = await listed(request, harness, 'scoped')
  expect(before?.cursors.map((c) => c.entity).sort()).toEqual([
    'categories',
    'feature_usage',
    'sr_events',
    'srs',
    'tenants',
  ])
  await openReady(page, '/settings.html')
  await page.getByRole('button', { name: 'scoped 수정', exact: true }).click()
  const editGroup = page.getByRole('group', { name: '읽을 항목' })
  await expect(editGroup.getByRole('checkbox', { name: '사용자', exact: true })).not.toBeChecked()
  await expect(editGroup.getByRole('checkbox', { name: '배포', exact: true })).not.toBeChecked()
  await editGroup.getByRole('checkbox', { name: '사용자', exact: true }).check()
  await page.getByTestId('conn-save').click()
  await expect(page.getByTestId('connection-form')).toHaveCount(0)
  await expect(page.getByTestId('connection-scoped').getByTestId('connection-not-read')).toHaveText(
    '읽지 않음: 배포',
  )
  const after = await listed(request, harness, 'scoped')
  expect(after?.skip).toEqual(['deployments'])
  expect(after?.cursors).toEqual(before?.cursors)
})
