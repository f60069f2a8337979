// E2E: a ServiceNow connection in Settings → Connections, against the real core and the loopback
// ServiceNow simulator, in Korean and English.
import { mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { APIRequestContext, Page } from '@playwright/test'
import { startServiceNowSimulator } from '../../src/main/simulators/servicenow/simulator'
import { expect, openReady, test, type Harness } from './fixtures'

const MIN = { width: 720, height: 520 }

test.beforeAll(async () => {
  await mkdir('test-results', { recursive: true })
})

/** `target` behind a policy that answers 403 to sys_user (the account may not read user records). */
async function userTableRefused(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const front: Server = createServer((req, res) => {
    const path = req.url ?? '/'
    if (path.startsWith('/api/now/table/sys_user')) {
      res.writeHead(403, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: 'Insufficient rights', detail: null }, status: 'failure' }))
      return
    }
    void fetch(`${target}${path}`, { headers: { authorization: req.headers.authorization ?? '' } }).then(
      async (answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' })
        res.end(await answer.text())
      },
    )
  })
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => front.close(() => resolve())),
  }
}

/** The note under a field of the form (its hint, when it says no error). */
const hintOf = (page: Page, id: string) =>
  page.getByTestId('connection-form').locator(`#${id}`).locator('xpath=..').locator('.field-note')

async function stored(request: APIRequestContext, harness: Harness) {
  const r = await request.post(`${harness.url}/api/invoke/sources:list`, { data: {} })
  return ((await r.json()) as { data: { name: string; url: string; table: string | null }[] }).data.map(
    (s) => [s.name, s.url, s.table],
  )
}

async function setLanguage(request: APIRequestContext, harness: Harness, language: 'ko' | 'en') {
  await request.post(`${harness.url}/api/invoke/settings:set`, { data: { language } })
}

test("testing a token whose account may not read sys_user says 'the token's account' in the UI's language", async ({
  page,
  request,
  harness,
}) => {
  const sim = await startServiceNowSimulator({ seed: 2, count: 3 })
  const front = await userTableRefused(sim.url)
  try {
    const added = await request.post(`${harness.url}/api/invoke/sources:add`, {
      data: { kind: 'servicenow', name: 'sn-token', url: front.url, token: 'sn-test-token' },
    })
    expect(added.ok()).toBe(true)
    await page.setViewportSize(MIN)
    await openReady(page, '/settings.html')
    const item = page.getByTestId('connection-sn-token')
    await item.getByTestId('connection-test').click()
    await expect(item.getByTestId('connection-test-result')).toHaveText(
      '연결됨: 토큰의 계정(sys_user를 읽을 수 없어 이름을 알 수 없음)',
    )
    await item.screenshot({ path: 'test-results/servicenow-token-account-ko.png' })

    await setLanguage(request, harness, 'en')
    await openReady(page, '/settings.html')
    await item.getByTestId('connection-test').click()
    await expect(item.getByTestId('connection-test-result')).toHaveText(
      "Connected as the token's account (its name is not known: it may not read sys_user)",
    )
    await item.screenshot({ path: 'test-results/servicenow-token-account-en.png' })
  } finally {
    await front.close()
    await sim.close()
  }
})

test("a browser's address of a list is saved as the instance's address, as the form says in Korean and English", async ({
  page,
  request,
  harness,
}) => {
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  const form = page.getByTestId('connection-form')
  // In Korean: the page's table fills the Table field, and the address to be saved is said under the URL.
  await page.getByTestId('connection-add').click()
  await page.locator('#conn-kind').selectOption('servicenow')
  await page.locator('#conn-name').fill('sn-list')
  // A Service Portal page is a browser's address too: its table parameter fills the Table field.
  await page
    .locator('#conn-url')
    .fill('https://acme.service-now.com/esc?id=ticket&table=sc_req_item&sys_id=9d38')
  await expect(page.locator('#conn-table')).toHaveValue('sc_req_item')
  await expect(hintOf(page, 'conn-url')).toHaveText(
    '브라우저 주소입니다. 인스턴스 주소 https://acme.service-now.com(으)로 저장하고, 주소가 가리키는 sc_req_item 테이블을 읽습니다',
  )
  await form.screenshot({ path: 'test-results/servicenow-portal-url-ko.png' })
  await page
    .locator('#conn-url')
    .fill(
      'https://acme.service-now.com/now/nav/ui/classic/params/target/problem_list.do%3Fsysparm_query%3Dactive%253Dtrue',
    )
  await expect(page.locator('#conn-table')).toHaveValue('problem')
  await expect(hintOf(page, 'conn-url')).toHaveText(
    '브라우저 주소입니다. 인스턴스 주소 https://acme.service-now.com(으)로 저장하고, 주소가 가리키는 problem 테이블을 읽습니다',
  )
  await page.locator('#conn-user').fill('integration')
  await page.getByTestId('conn-secret').fill('secret')
  await form.screenshot({ path: 'test-results/servicenow-browser-url-ko.png' })
  await page.getByTestId('conn-save').click()
  const item = page.getByTestId('connection-sn-list')
  await expect(item).toContainText('https://acme.service-now.com')
  await expect(item).not.toContainText('problem_list.do')
  expect(await stored(request, harness)).toEqual([['sn-list', 'https://acme.service-now.com', 'problem']])

  // In English: a table typed first is kept, and the form says the page showed another.
  await setLanguage(request, harness, 'en')
  await openReady(page, '/settings.html')
  await page.getByTestId('connection-add').click()
  await page.locator('#conn-kind').selectOption('servicenow')
  await page.locator('#conn-name').fill('sn-typed')
  await page.locator('#conn-table').fill('sc_req_item')
  await page
    .locator('#conn-url')
    .fill('https://acme.service-now.com/incident_list.do?sysparm_query=active=true')
  await expect(page.locator('#conn-table')).toHaveValue('sc_req_item')
  await expect(hintOf(page, 'conn-url')).toHaveText(
    "A browser's address: saved as the instance's address https://acme.service-now.com. It shows the table incident, but the one in the Table field, sc_req_item, is read",
  )
  await page.locator('#conn-user').fill('integration')
  await page.getByTestId('conn-secret').fill('secret')
  await form.screenshot({ path: 'test-results/servicenow-browser-url-en.png' })
  await page.getByTestId('conn-save').click()
  await expect(page.getByTestId('connection-sn-typed')).toContainText('https://acme.service-now.com')
  expect(await stored(request, harness)).toEqual([
    ['sn-list', 'https://acme.service-now.com', 'problem'],
    ['sn-typed', 'https://acme.service-now.com', 'sc_req_item'],
  ])
})

test("a Table API address pasted as the URL fills the Table field and is saved as the instance's address", async ({
  page,
  request,
  harness,
}) => {
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  await page.getByTestId('connection-add').click()
  await page.locator('#conn-kind').selectOption('servicenow')
  await page.locator('#conn-name').fill('sn-api')
  // The form's Table field holds "incident" until told otherwise: the address's table replaces it,
  // where before the form refused the address for naming another table than the field's.
  await page
    .locator('#conn-url')
    .fill('https://acme.service-now.com/api/now/table/sc_req_item?sysparm_limit=10')
  await expect(page.locator('#conn-table')).toHaveValue('sc_req_item')
  await expect(hintOf(page, 'conn-url')).toHaveText(
    'API 주소입니다. 인스턴스 주소 https://acme.service-now.com(으)로 저장하고, 주소의 sc_req_item 테이블을 읽습니다',
  )
  await page.locator('#conn-user').fill('integration')
  await page.getByTestId('conn-secret').fill('secret')
  await page.getByTestId('connection-form').screenshot({ path: 'test-results/servicenow-api-url-ko.png' })
  await page.getByTestId('conn-save').click()
  await expect(page.getByTestId('connection-sn-api')).toContainText('https://acme.service-now.com')
  expect(await stored(request, harness)).toEqual([['sn-api', 'https://acme.service-now.com', 'sc_req_item']])
})

test("in English at the minimum size, a Service Portal address's note fits under the URL field and the form scrolls only down", async ({
  page,
  request,
  harness,
}) => {
  await setLanguage(request, harness, 'en')
  await page.setViewportSize(MIN)
  await openReady(page, '/settings.html')
  await page.getByTestId('connection-add').click()
  await page.locator('#conn-kind').selectOption('servicenow')
  await page.locator('#conn-name').fill('sn-portal')
  await page
    .locator('#conn-url')
    .fill('https://seoul-metropolitan-government.service-now.com/esc?id=ticket&table=sc_req_item&sys_id=9d38')
  await expect(page.locator('#conn-table')).toHaveValue('sc_req_item')
  const hint = hintOf(page, 'conn-url')
  await expect(hint).toHaveText(
    "A browser's address: saved as the instance's address https://seoul-metropolitan-government.service-now.com, reading the table it shows, sc_req_item",
  )
  await page.locator('#conn-url').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/servicenow-portal-url-en-720.png' })
  await page
    .getByTestId('connection-form')
    .screenshot({ path: 'test-results/servicenow-portal-url-en-720-form.png' })
  const html = page.locator('html')
  expect(
    await html.evaluate((h) => h.scrollWidth - (h.ownerDocument.defaultView?.innerWidth ?? 0)),
  ).toBeLessThanOrEqual(0)
  // The note (with its long address) stays within the form, not clipped.
  const form = await page.getByTestId('connection-form').boundingBox()
  const note = await hint.boundingBox()
  expect((note?.x ?? 0) + (note?.width ?? 0)).toBeLessThanOrEqual((form?.x ?? 0) + (form?.width ?? 0))
  expect(await hint.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
})
