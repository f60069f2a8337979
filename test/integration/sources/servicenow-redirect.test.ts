// An instance URL that redirects elsewhere — typically http:// to an instance that forces https://, or
// a host name the load balancer sends on to another one. fetch follows the redirect but drops the
// Authorization header on the way to another origin (scheme, host or port), so the instance answers
// 401: the admin was told the password was wrong when the URL was. The redirect itself is said now.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps, requestJson, SourceError } from '../../../src/main/core/sources/http'
import { createServiceNowConnector } from '../../../src/main/core/sources/servicenow/connector'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'

const signal = new AbortController().signal
const deps = defaultHttpDeps({ sleep: async () => undefined, random: () => 0.5 })

let sim: SnSimulator | undefined
const servers: Server[] = []
afterEach(async () => {
  await sim?.close()
  sim = undefined
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve))
})

/** A server on 127.0.0.1 answering every request with `handle`; its base URL. */
async function serve(
  handle: (
    path: string,
    auth: string | undefined,
  ) => { status: number; headers?: Record<string, string>; body?: string },
): Promise<string> {
  const server = createServer((req, res) => {
    const { status, headers, body } = handle(req.url ?? '/', req.headers.authorization)
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(body ?? '')
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('a ServiceNow URL that redirects to another address', () => {
  it('says where it redirects instead of calling the credentials wrong, in a test and in a sync', async () => {
    sim = await startServiceNowSimulator({ seed: 1, count: 3 })
    const target = sim.url
    // The address the admin typed: every request is sent on to the instance, which is elsewhere.
    const typed = await serve((path) => ({ status: 301, headers: { location: `${target}${path}` } }))
    const connector = createServiceNowConnector(
      { name: 'sn', url: typed, auth: { kind: 'basic', user: 'integration', password: 'secret' } },
      deps,
    )

    const test = await connector.whoAmI(signal).catch((e: unknown) => e)
    expect(test).toBeInstanceOf(SourceError)
    const error = test as SourceError
    expect(error.kind).not.toBe('auth')
    expect(error.retryable).toBe(false)
    expect(error.reason).toEqual({
      code: 'http_redirected',
      params: { url: `${typed}/api/now/table/sys_user`, to: `${target}/api/now/table/sys_user` },
    })
    expect(error.message).toContain(`redirected to ${target}/api/now/table/sys_user`)
    expect(error.message).not.toContain('refused the credentials')

    const sync = await connector.fetchPage('srs', null, { signal, pageSize: 10 }).catch((e: unknown) => e)
    expect(sync).toBeInstanceOf(SourceError)
    expect((sync as SourceError).reason).toEqual({
      code: 'http_redirected',
      params: { url: `${typed}/api/now/table/incident`, to: `${target}/api/now/table/incident` },
    })
    // Tried once each: trying again cannot help.
    expect(sim.requests.map((r) => r.path)).toEqual(['/api/now/table/sys_user', '/api/now/table/incident'])
  })

  it('still follows a redirect within the same address (the credentials go along)', async () => {
    const base = await serve((path, auth) => {
      if (path.startsWith('/old/'))
        return { status: 302, headers: { location: path.replace('/old/', '/new/') } }
      if (auth !== 'Bearer t') return { status: 401, body: '{}' }
      return { status: 200, body: JSON.stringify({ result: [] }) }
    })
    const answer = await requestJson(
      `${base}/old/api`,
      { headers: { authorization: 'Bearer t' }, signal },
      { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 5_000 },
      deps,
    )
    expect(answer.body).toEqual({ result: [] })
  })

  it('says a sign-in page on another host (a single sign-on gateway), not a wrong URL, when sent on to one', async () => {
    // The gateway's sign-in page, on another host name than the API's.
    const login = await serve(() => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!doctype html><html><head><title>통합 로그인 (SSO)</title></head><body><form></form></body></html>',
    }))
    const sso = login.replace('127.0.0.1', 'localhost')
    const api = await serve((path) => ({
      status: 302,
      headers: { location: `${sso}/sso/login?returnUrl=${encodeURIComponent(path)}` },
    }))
    const answer = await requestJson(
      `${api}/api/now/table/incident?sysparm_limit=1`,
      { headers: { authorization: 'Bearer secret-token' }, signal },
      { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 5_000 },
      deps,
    ).catch((e: unknown) => e)
    expect(answer).toBeInstanceOf(SourceError)
    const error = answer as SourceError
    expect(error.retryable).toBe(false) // the same page comes back every time
    expect(error.reason).toEqual({
      code: 'html_page',
      params: { url: `${api}/api/now/table/incident`, title: '통합 로그인 (SSO)' },
    })
    expect(error.message).toContain(
      `sent the request on to ${sso}/sso/login ("통합 로그인 (SSO)"), a sign-in page?`,
    )
    expect(error.message).not.toContain("set the connection's URL")
    expect(error.message).not.toContain('secret-token')
  })
})
