// A connection's own CA certificate and proxy, end to end through the channels the Settings window
// uses: an ITSM server whose certificate an internal CA issued is refused until that CA is added to
// the connection, then tested and synced over HTTPS; removing it refuses again; a bad file is
// refused with the reason and changes nothing. A proxy set on the connection carries its test and
// sync; a proxy URL with a login is refused. A proxy that asks for a login gets the connection's
// proxy user and password, kept write-only in the secret store like the other secrets.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { startConnectProxy, type ConnectProxy } from '../../helpers/connect-proxy'
import { derOf, internalCaPem, internalServerTls, TLS_FIXTURES } from '../../helpers/tls-fixtures'
import { appContext, type AppContext } from './app-context'

const TLS = TLS_FIXTURES
const TOKEN = 'sim-token-ca-test'
const internalCa = internalCaPem()
/** The CA as a Windows .cer (DER) file picked in the Settings window: its bytes in base64. */
const internalCaDerBase64 = derOf(internalCa).toString('base64')

let app: AppContext | undefined
let sim: ItsmSimulator | undefined
let proxy: ConnectProxy | undefined
afterEach(async () => {
  await app?.dispose()
  await sim?.close()
  await proxy?.close()
  app = undefined
  sim = undefined
  proxy = undefined
})

const startInternalServer = (): Promise<ItsmSimulator> =>
  startItsmSimulator({
    seed: 9,
    srCount: 120,
    token: TOKEN,
    tls: internalServerTls(),
  })

const srCount = (ctx: AppContext): number =>
  (
    ctx.ws.store.sqlite
      .prepare("SELECT count(*) AS n FROM service_requests WHERE source = 'itsm:internal'")
      .get() as { n: number }
  ).n

describe("a connection's own CA certificate", () => {
  it('is what lets the app test and sync a server an internal CA issued for, and removing it refuses again', async () => {
    sim = await startInternalServer()
    expect(sim.url).toMatch(/^https:\/\//)
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'internal', url: sim.url, token: TOKEN })
    const refused = await app.ok('sources:test', { name: 'internal' })
    expect(refused.ok).toBe(false)
    expect(refused.error?.cause).toBe('certificate')
    expect(refused.error?.message).toContain('Settings → Connections → CA certificate')

    const view = await app.ok('sources:update', { name: 'internal', caCertificate: internalCaDerBase64 })
    expect(view.caCertificates).toEqual([
      expect.objectContaining({
        subject: 'CN=Ops Console Test Internal CA, O=Ops Console test',
        isAuthority: true,
      }),
    ])
    // Kept as PEM in the source's config (public data; the token is still only in the secret store).
    const config = JSON.parse(
      (
        app.ws.store.sqlite.prepare("SELECT config FROM sources WHERE name = 'internal'").get() as {
          config: string
        }
      ).config,
    ) as { ca?: string }
    expect(config.ca).toMatch(/^-----BEGIN CERTIFICATE-----\n/)
    expect(JSON.stringify(config)).not.toContain(TOKEN)

    const tested = await app.ok('sources:test', { name: 'internal' })
    expect(tested).toMatchObject({ ok: true, account: { role: 'admin' } })
    await app.ok('sync:run', {})
    await app.sync.scheduler.idle()
    const status = await app.ok('sync:status', {})
    expect(status.lastRun?.outcomes).toEqual([expect.objectContaining({ source: 'internal', status: 'ok' })])
    expect(srCount(app)).toBe(120)
    const [listed] = await app.ok('sources:list', {})
    expect(listed?.caCertificates.map((c) => c.subject)).toEqual([
      'CN=Ops Console Test Internal CA, O=Ops Console test',
    ])

    const removed = await app.ok('sources:update', { name: 'internal', caCertificate: null })
    expect(removed.caCertificates).toEqual([])
    expect((await app.ok('sources:test', { name: 'internal' })).error?.cause).toBe('certificate')
  })

  it('trusting another authority does not let the server through', async () => {
    sim = await startInternalServer()
    app = appContext()
    const selfSigned = readFileSync(`${TLS}/self-signed.crt`, 'utf8')
    await app.ok('sources:add', {
      kind: 'itsm',
      name: 'internal',
      url: sim.url,
      token: TOKEN,
      caCertificate: selfSigned,
    })
    const result = await app.ok('sources:test', { name: 'internal' })
    expect(result.ok).toBe(false)
    expect(result.error?.cause).toBe('certificate')
  })

  it('refuses a key, an expired or unreadable file with the reason, and keeps the connection as it was', async () => {
    app = appContext()
    await app.ok('sources:add', {
      kind: 'itsm',
      name: 'internal',
      url: 'https://127.0.0.1:2',
      token: TOKEN,
      caCertificate: internalCa,
    })
    const key = readFileSync(`${TLS}/internal-server.key`, 'utf8')
    const asKey = await app.invoke('sources:update', { name: 'internal', caCertificate: key })
    expect(asKey).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/private key/) },
    })
    const garbage = await app.invoke('sources:update', {
      name: 'internal',
      url: 'https://127.0.0.1:10',
      caCertificate: 'not a certificate at all',
    })
    expect(garbage).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^This is not a certificate/) },
    })
    // Neither the CA nor the URL sent with the bad file changed.
    const [listed] = await app.ok('sources:list', {})
    expect(listed?.url).toBe('https://127.0.0.1:2')
    expect(listed?.caCertificates.map((c) => c.subject)).toEqual([
      'CN=Ops Console Test Internal CA, O=Ops Console test',
    ])
    expect(JSON.stringify(app.ws.store.sqlite.prepare('SELECT config FROM sources').all())).not.toContain(
      'PRIVATE KEY',
    )
    // A new source with a bad file is not added at all.
    const added = await app.invoke('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: 'https://sn.example.com',
      token: 't',
      caCertificate: key,
    })
    expect(added).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect((await app.ok('sources:list', {})).map((s) => s.name)).toEqual(['internal'])
  })

  it('a proxy on the connection carries its test and sync; null connects directly; a login in the URL is refused', async () => {
    sim = await startItsmSimulator({ seed: 4, srCount: 30, token: TOKEN })
    proxy = await startConnectProxy()
    app = appContext()
    const added = await app.ok('sources:add', {
      kind: 'itsm',
      name: 'internal',
      url: sim.url,
      token: TOKEN,
      proxy: proxy.url,
    })
    expect(added.proxy).toBe(proxy.url)
    expect(await app.ok('sources:test', { name: 'internal' })).toMatchObject({ ok: true })
    await app.ok('sync:run', {})
    await app.sync.scheduler.idle()
    expect((await app.ok('sync:status', {})).lastRun?.outcomes).toEqual([
      expect.objectContaining({ source: 'internal', status: 'ok' }),
    ])
    expect(srCount(app)).toBe(30)
    const tunnels = proxy.tunnels.length
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(sim.url).host]))

    const withLogin = await app.invoke('sources:update', {
      name: 'internal',
      proxy: 'http://me:pw@127.0.0.1:3128',
    })
    expect(withLogin).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: expect.stringContaining('Give the proxy without a login'),
      },
    })
    expect((await app.ok('sources:list', {}))[0]?.proxy).toBe(proxy.url)

    const direct = await app.ok('sources:update', { name: 'internal', proxy: null })
    expect(direct.proxy).toBeNull()
    expect(await app.ok('sources:test', { name: 'internal' })).toMatchObject({ ok: true })
    expect(proxy.tunnels.length).toBe(tunnels)
  })

  it('a proxy login is stored write-only, carries test and sync, and goes with the proxy', async () => {
    const login = { user: 'ops-sync', password: 'Prx-pw-7c1d' }
    sim = await startItsmSimulator({ seed: 4, srCount: 30, token: TOKEN })
    proxy = await startConnectProxy({ login })
    app = appContext()
    const base = { kind: 'itsm', name: 'internal', url: sim.url, token: TOKEN, proxy: proxy.url } as const
    // A user without its password is refused and nothing is added.
    expect(await app.invoke('sources:add', { ...base, proxyUser: login.user })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'The proxy user "ops-sync" needs the proxy password' },
    })
    expect(await app.ok('sources:list', {})).toEqual([])

    const added = await app.ok('sources:add', {
      ...base,
      proxyUser: login.user,
      proxyPassword: login.password,
    })
    expect(added).toMatchObject({ proxy: proxy.url, proxyUser: login.user, proxySecret: 'stored' })
    expect(app.secrets.values.get(app.secretKey('internal', 'proxyPassword'))).toBe(login.password)
    // Write-only: neither the view nor the list carries the password.
    expect(JSON.stringify(await app.ok('sources:list', {}))).not.toContain(login.password)
    expect(await app.ok('sources:test', { name: 'internal' })).toMatchObject({ ok: true })
    await app.ok('sync:run', {})
    await app.sync.scheduler.idle()
    expect(srCount(app)).toBe(30)
    expect(new Set(proxy.logins)).toEqual(new Set([`${login.user}:${login.password}`]))

    // A wrong password: the test says the proxy refused the login, in words, without the password.
    await app.ok('sources:update', { name: 'internal', proxyPassword: 'not-the-password' })
    const wrong = await app.ok('sources:test', { name: 'internal' })
    expect(wrong).toMatchObject({ ok: false, error: { cause: 'proxy_auth' } })
    expect(wrong.error?.message).toContain('did not accept the login of "ops-sync" (407)')
    expect(wrong.error?.message).not.toContain('not-the-password')

    // Another user needs its own password; refused, the connection stays as it was.
    expect(await app.invoke('sources:update', { name: 'internal', proxyUser: 'someone-else' })).toMatchObject(
      {
        ok: false,
        error: { message: 'The proxy user "someone-else" needs the proxy password' },
      },
    )
    expect((await app.ok('sources:list', {}))[0]).toMatchObject({ proxyUser: login.user })
    await app.ok('sources:update', { name: 'internal', proxyPassword: login.password })
    expect(await app.ok('sources:test', { name: 'internal' })).toMatchObject({ ok: true })

    // Removing the login forgets its password; the proxy then asks for one.
    const noLogin = await app.ok('sources:update', { name: 'internal', proxyUser: null })
    expect(noLogin).toMatchObject({ proxy: proxy.url, proxyUser: null, proxySecret: null })
    expect(app.secrets.values.has(app.secretKey('internal', 'proxyPassword'))).toBe(false)
    const asks = await app.ok('sources:test', { name: 'internal' })
    expect(asks).toMatchObject({ ok: false, error: { cause: 'proxy_auth' } })
    expect(asks.error?.message).toContain('asks for a login (407)')

    // The login goes with the proxy: removing the proxy removes both.
    await app.ok('sources:update', {
      name: 'internal',
      proxyUser: login.user,
      proxyPassword: login.password,
    })
    const direct = await app.ok('sources:update', { name: 'internal', proxy: null })
    expect(direct).toMatchObject({ proxy: null, proxyUser: null, proxySecret: null })
    expect(app.secrets.values.has(app.secretKey('internal', 'proxyPassword'))).toBe(false)
    expect(await app.ok('sources:test', { name: 'internal' })).toMatchObject({ ok: true })
  })
})
