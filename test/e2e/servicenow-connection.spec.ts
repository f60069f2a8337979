// E2E: a ServiceNow connection in Settings → Connections, against the real core and the loopback
// ServiceNow simulator, in Korean and English.
import { mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { APIRequestContext } from '@playwright/test'
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
