// A source reached through an HTTP proxy (CONNECT tunnels, as corporate proxies work): its requests
// go through the proxy, with or without its own CA; a proxy that refuses the tunnel (403, 407) fails
// at once with that cause; a proxy that is down is "offline" with the proxy named; bad proxy URLs are
// refused when the source is added.
import { createServer, type AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { addSource, connectorFor } from '../../../src/main/core/sources/registry'
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

/** Syncs a source with `config` from the simulator; retry waits skipped. */
async function syncWith(config: Record<string, unknown>) {
  ws = tempWorkspace()
  const record = addSource(ws.store, { name: 'behind-proxy', kind: 'itsm', config }, Date.now())
  const deps = defaultHttpDeps({ sleep: () => Promise.resolve() })
  const connector = await connectorFor(record, () => Promise.resolve(TOKEN), deps)
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
    [407, 'asks for a login (407), which is not supported'],
  ] as const)('a proxy refusing the tunnel with %i fails at once with that cause', async (status, words) => {
    sim = await startItsmSimulator({ seed: 2, srCount: 10, token: TOKEN })
    proxy = await startConnectProxy({ refuse: status })
    const outcome = await syncWith({ url: sim.url, proxy: proxy.url })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain(`The proxy refused to connect to ${sim.url}/api/v1/`)
    expect(outcome.error).toContain(`${proxy.url} ${words}`)
    expect(causeOf(outcome.status, outcome.error ?? '')).toBe('proxy')
    // Not retried: the proxy says the same every time.
    expect(proxy.tunnels).toHaveLength(1)
    expect(sim.requests.length).toBe(0)
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
      'proxy: A proxy that asks for a login is not supported; give it without user and password',
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
})
