// "Test connection" of a ServiceNow source asks sys_user who the account is, then reads one row of the
// table the sync reads. An instance may refuse sys_user alone with 401: a REST API Access Policy on
// that table (user records are personal data) that allows only another way of signing in, or not
// this address. The sync never reads sys_user, so that must not fail the test as "wrong password"
// while the table answers; a password that really is wrong still fails it.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps, SourceError } from '../../../src/main/core/sources/http'
import { createServiceNowConnector } from '../../../src/main/core/sources/servicenow/connector'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'

const signal = new AbortController().signal
const deps = defaultHttpDeps({ sleep: async () => undefined, random: () => 0.5 })

let sim: SnSimulator | undefined
let front: Server | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
  await new Promise((resolve) => (front ? front.close(resolve) : resolve(undefined)))
  front = undefined
})

/** The instance behind a policy that answers 401 to every sys_user request; its base URL. */
async function withUserTableRefused(target: string): Promise<string> {
  front = createServer((req, res) => {
    const path = req.url ?? '/'
    if (path.startsWith('/api/now/table/sys_user')) {
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({ error: { message: 'User Not Authenticated', detail: null }, status: 'failure' }),
      )
      return
    }
    const headers: Record<string, string> = {}
    if (req.headers.authorization) headers['authorization'] = req.headers.authorization
    void fetch(`${target}${path}`, { headers }).then(async (answer) => {
      res.writeHead(answer.status, { 'content-type': 'application/json' })
      res.end(await answer.text())
    })
  })
  await new Promise<void>((resolve) => front!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(front.address() as AddressInfo).port}`
}

describe('a ServiceNow connection test where sys_user answers 401', () => {
  it('passes when the table the sync reads answers, naming the configured user without a role', async () => {
    sim = await startServiceNowSimulator({ seed: 1, count: 3, roles: 'admin' })
    const url = await withUserTableRefused(sim.url)
    const connector = createServiceNowConnector(
      { name: 'sn', url, auth: { kind: 'basic', user: 'integration', password: 'secret' } },
      deps,
    )
    expect(await connector.whoAmI(signal)).toEqual({ name: 'integration', role: null })
    // The table was read with the same credentials (one row's sys_id).
    expect(sim.requests.map((r) => [r.path, r.status])).toEqual([['/api/now/table/incident', 200]])
  })

  it('passes for a bearer token too, naming no account: each front end words that in its language', async () => {
    sim = await startServiceNowSimulator({ seed: 1, count: 3, roles: 'admin' })
    const url = await withUserTableRefused(sim.url)
    const connector = createServiceNowConnector(
      { name: 'sn', url, auth: { kind: 'bearer', token: 'sn-test-token' } },
      deps,
    )
    // Not an English name the Korean screen would show as it is.
    expect(await connector.whoAmI(signal)).toEqual({ name: null, role: null })
    expect(sim.requests.map((r) => [r.path, r.status])).toEqual([['/api/now/table/incident', 200]])
  })

  it('still fails as refused credentials when the table refuses them too', async () => {
    sim = await startServiceNowSimulator({ seed: 1, count: 3 })
    const url = await withUserTableRefused(sim.url)
    const connector = createServiceNowConnector(
      { name: 'sn', url, auth: { kind: 'basic', user: 'integration', password: 'wrong' } },
      deps,
    )
    const error = await connector.whoAmI(signal).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SourceError)
    expect((error as SourceError).kind).toBe('auth')
    expect((error as SourceError).reason).toMatchObject({
      code: 'http_auth',
      params: { url: `${url}/api/now/table/incident` },
    })
  })
})
