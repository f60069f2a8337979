// A source reached through an HTTP proxy (CONNECT tunnels, as corporate proxies work): its requests
// go through the proxy, with or without its own CA; a proxy that refuses the tunnel (403, 407) fails
// at once with that cause; a proxy that is down is "offline" with the proxy named; bad proxy URLs are
// refused when the source is added. A proxy that asks for a login gets the connection's proxy user
// and password (Basic) with every tunnel request, and a wrong or missing login fails at once.
import { createServer, type AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { addSource, connectorFor, type SecretResolver } from '../../../src/main/core/sources/registry'
import { readCaCertificates } from '../../../src/main/core/sources/trust'
import { causeOf } from '../../../src/main/core/sync/causes'
import { syncSource } from '../../../src/main/core/sync/engine'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { startConnectProxy, type ConnectProxy } from '../../helpers/connect-proxy'
import { internalCaPem, internalServerTls } from '../../helpers/tls-fixtures'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const TOKEN = 'sim-token-proxy'
let ws: TempWorkspace | undefined
let sim: ItsmSimulator | undefined
let proxy: ConnectProxy | undefined
afterEach(async () => {
  ws?.dispose()
  await sim?.close()
  await proxy?.close()
  ws = sim = proxy = undefined
})

/** Syncs a source with `config` from the simulator (its secrets: the token, `proxyPassword`); retry waits skipped. */
async function syncWith(config: Record<string, unknown>, proxyPassword: string | null = null) {
  ws = tempWorkspace()
  const record = addSource(ws.store, { name: 'behind-proxy', kind: 'itsm', config }, Date.now())
  const deps = defaultHttpDeps({ sleep: () => Promise.resolve() })
  const secrets: SecretResolver = (_source, kind) =>
    Promise.resolve(kind === 'token' ? TOKEN : kind === 'proxyPassword' ? proxyPassword : null)
  const connector = await connectorFor(record, secrets, deps)
  return syncSource(ws.store, connector, { entities: ['tenants', 'categories', 'people', 'srs'] })
}
const srCount = (): number =>
  (ws?.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n

describe('a source behind an HTTP proxy', () => {
  it('syncs an http server through CONNECT tunnels of the proxy', async () => {
    sim = await startItsmSimulator({ seed: 2, srCount: 60, token: TOKEN, events: false })
    proxy = await startConnectProxy()
    const outcome = await syncWith({ url: sim.url, proxy: proxy.url })
    expect(outcome).toMatchObject({ status: 'ok', error: null })
    expect(srCount()).toBe(60)
    const target = new URL(sim.url).host
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    expect(new Set(proxy.tunnels)).toEqual(new Set([target]))
  })

  it('syncs an HTTPS server an internal CA issued for, with the CA and the proxy together', async () => {
    sim = await startItsmSimulator({
      seed: 2,
      srCount: 40,
      token: TOKEN,
      events: false,
      tls: internalServerTls(),
    })
    proxy = await startConnectProxy()
    const ca = readCaCertificates(internalCaPem(), Date.now()).pem
    const outcome = await syncWith({ url: sim.url, proxy: proxy.url, ca })
    expect(outcome).toMatchObject({ status: 'ok', error: null })
    expect(srCount()).toBe(40)
    expect(proxy.tunnels).toContain(new URL(sim.url).host)
  })

  it('without the CA, the tunnelled HTTPS server is still refused as untrusted', async () => {
    sim = await startItsmSimulator({
      seed: 2,
      srCount: 10,
      token: TOKEN,
      tls: internalServerTls(),
    })
    proxy = await startConnectProxy()
    const outcome = await syncWith({ url: sim.url, proxy: proxy.url })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain("The server's TLS certificate was not accepted")
    expect(proxy.tunnels).toHaveLength(1)
  })

  it.each([
    [403, 'answered 403 to the tunnel request'],
    [407, 'asks for a login (407); give the connection the proxy user and password'],
  ] as const)('a proxy refusing the tunnel with %i fails at once with that cause', async (status, words) => {
    sim = await startItsmSimulator({ seed: 2, srCount: 10, token: TOKEN })
    proxy = await startConnectProxy({ refuse: status })
    const outcome = await syncWith({ url: sim.url, proxy: proxy.url })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain(`The proxy refused to connect to ${sim.url}/api/v1/`)
    expect(outcome.error).toContain(`${proxy.url} ${words}`)
    expect(causeOf(outcome.status, outcome.error ?? '')).toBe(status === 407 ? 'proxy_auth' : 'proxy')
    // Not retried: the proxy says the same every time.
    expect(proxy.tunnels).toHaveLength(1)
    expect(sim.requests.length).toBe(0)
  })

  it('gives a proxy that asks for a login the proxy user and password with every tunnel request', async () => {
    // A non-ASCII password: Basic credentials are UTF-8 (RFC 7617).
    const login = { user: 'ops-sync', password: 'Prx-비밀-9f3k' }
    sim = await startItsmSimulator({ seed: 2, srCount: 50, token: TOKEN, events: false })
    proxy = await startConnectProxy({ login })
    const outcome = await syncWith({ url: sim.url, proxy: proxy.url, proxyUser: login.user }, login.password)
    expect(outcome).toMatchObject({ status: 'ok', error: null })
    expect(srCount()).toBe(50)
    expect(proxy.logins.length).toBeGreaterThan(0)
    expect(new Set(proxy.logins)).toEqual(new Set([`${login.user}:${login.password}`]))
    // Inside the tunnel the server still gets the source's own token.
    expect(sim.requests.every((r) => r.auth === 'ok')).toBe(true)
  })

  it('a wrong proxy password fails at once, naming the user and never the password', async () => {
    sim = await startItsmSimulator({ seed: 2, srCount: 10, token: TOKEN })
    proxy = await startConnectProxy({ login: { user: 'ops-sync', password: 'right-password' } })
    const outcome = await syncWith(
      { url: sim.url, proxy: proxy.url, proxyUser: 'ops-sync' },
      'wrong-password',
    )
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain(
      `${proxy.url} did not accept the login of "ops-sync" (407); check the proxy user and password`,
    )
    expect(outcome.error).not.toContain('wrong-password')
    expect(causeOf(outcome.status, outcome.error ?? '')).toBe('proxy_auth')
    expect(proxy.logins).toEqual(['ops-sync:wrong-password'])
    expect(sim.requests.length).toBe(0)
  })

  it('a proxy user without its password stops before any request, saying where the password goes', async () => {
    sim = await startItsmSimulator({ seed: 2, srCount: 10, token: TOKEN })
    proxy = await startConnectProxy({ login: { user: 'ops-sync', password: 'pw' } })
    await expect(
      syncWith({ url: sim.url, proxy: proxy.url, proxyUser: 'ops-sync', proxyPasswordEnv: 'OPS_PROXY_PW' }),
    ).rejects.toThrow('No proxy password for ITSM REST connection "behind-proxy": set OPS_PROXY_PW')
    await expect(syncWith({ url: sim.url, proxy: proxy.url, proxyUser: 'ops-sync' })).rejects.toThrow(
      'No proxy password for ITSM REST connection "behind-proxy": add it in Settings → Connections',
    )
    expect(
      causeOf('failed', 'No proxy password for ITSM REST connection "behind-proxy": set OPS_PROXY_PW'),
    ).toBe('secret_missing')
    expect(proxy.tunnels).toHaveLength(0)
  })

  it('a proxy that is not running makes the source offline, naming the proxy', async () => {
    sim = await startItsmSimulator({ seed: 2, srCount: 10, token: TOKEN })
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer()
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
    const port = (probe.address() as AddressInfo).port
    await new Promise((done) => probe.close(done))
    const outcome = await syncWith({ url: sim.url, proxy: `http://127.0.0.1:${port}` })
    expect(outcome.status).toBe('offline')
    expect(outcome.error).toContain(`through the proxy http://127.0.0.1:${port}`)
    expect(outcome.error).toContain('ECONNREFUSED')
    expect(sim.requests.length).toBe(0)
  })

  it('refuses a proxy URL with a login, a path or another scheme when the source is added', () => {
    ws = tempWorkspace()
    const add = (proxyUrl: string) => () =>
      addSource(
        ws!.store,
        { name: 'p', kind: 'itsm', config: { url: 'https://itsm.example.go.kr', proxy: proxyUrl } },
        0,
      )
    expect(add('http://user:secret@proxy.example.go.kr:8080')).toThrow(
      "proxy: Give the proxy without a login: its user and password are the connection's proxy user and password",
    )
    expect(add('http://proxy.example.go.kr:8080/path')).toThrow(
      "proxy: Give only the proxy's scheme, host and port",
    )
    expect(add('socks5://proxy.example.go.kr:1080')).toThrow('proxy: Give the proxy as http://host:port')
    expect(add('proxy.example.go.kr:8080')).toThrow('proxy: Give the proxy as http://host:port')
    expect(() =>
      addSource(
        ws!.store,
        {
          name: 'ok',
          kind: 'itsm',
          config: { url: 'https://itsm.example.go.kr', proxy: 'http://proxy.example.go.kr:8080' },
        },
        0,
      ),
    ).not.toThrow()
  })

  it('refuses a proxy login without a proxy, a user name with ":" and a password variable without a user', () => {
    ws = tempWorkspace()
    const add = (config: Record<string, unknown>) => () =>
      addSource(
        ws!.store,
        { name: 'p', kind: 'servicenow', config: { url: 'https://sn.example.com', ...config } },
        0,
      )
    expect(add({ proxyUser: 'ops' })).toThrow('proxyUser: A proxy user needs a proxy')
    expect(add({ proxy: 'http://proxy.example.go.kr:8080', proxyUser: 'corp:ops' })).toThrow(
      'proxyUser: A proxy user name cannot contain ":"',
    )
    expect(add({ proxy: 'http://proxy.example.go.kr:8080', proxyPasswordEnv: 'PW' })).toThrow(
      'proxyPasswordEnv: A proxy password needs the proxy user it belongs to',
    )
    expect(ws.store.sqlite.prepare('SELECT count(*) AS n FROM sources').get()).toEqual({ n: 0 })
  })
})
