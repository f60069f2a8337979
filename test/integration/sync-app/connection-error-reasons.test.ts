// What Settings → Connections can be refused, through the channels it uses, carries a reason (a
// code and params such as the connection's name or the certificate's subject) besides the English
// message: a CA file that cannot be trusted, a name taken, a connection gone, a proxy user without
// its password, and a connection removed or moved while the sync is pulling it.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { addSource, connectorFor, envSecrets, getSource } from '../../../src/main/core/sources/registry'
import { readCaCertificates } from '../../../src/main/core/sources/trust'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { holdFetch, type FetchHold } from '../../helpers/held-fetch'
import { internalCaPem, TLS_FIXTURES } from '../../helpers/tls-fixtures'
import { appContext, type AppContext } from './app-context'

const TOKEN = 'sim-token-error-reasons-7d1e'
const NOW = Date.parse('2027-01-01T00:00:00Z')
const URL_ = 'https://itsm.example.go.kr'
const tls = (name: string): string => readFileSync(`${TLS_FIXTURES}/${name}`, 'utf8')
const EXPIRING_CA = 'CN=Ops Console Test Expiring CA, O=Ops Console test'

let app: AppContext | undefined
let sim: ItsmSimulator | undefined
let held: FetchHold | undefined
afterEach(async () => {
  held?.release()
  held = undefined
  await app?.dispose()
  await sim?.close()
  app = undefined
  sim = undefined
})

/** The reason of the error `caCertificate` is refused with, read at `now`. */
function caReason(caCertificate: string, now = NOW): unknown {
  try {
    readCaCertificates(caCertificate, now)
  } catch (err) {
    return (err as { reason?: unknown }).reason
  }
  throw new Error('expected a refusal')
}

describe('connection errors with their reason', () => {
  it('a CA file that cannot be trusted, added through sources:add, says why as a code', async () => {
    app = appContext({ now: () => NOW })
    const add = (caCertificate: string) =>
      app!.invoke('sources:add', { kind: 'itsm', name: 'internal', url: URL_, token: TOKEN, caCertificate })
    expect(await add(tls('internal-server.key'))).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/^This file holds a private key/),
        reason: { code: 'ca_private_key' },
      },
    })
    expect(await add(tls('expiring-ca.crt'))).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: `${EXPIRING_CA} expired on 2026-04-01; it cannot verify any server. Ask for the current one`,
        reason: { code: 'ca_expired', params: { subject: EXPIRING_CA, day: '2026-04-01' } },
      },
    })
    expect(await add(`${internalCaPem()}\n${tls('expiring-ca.crt')}`)).toMatchObject({
      ok: false,
      error: {
        reason: {
          code: 'ca_expired_of',
          params: { index: 2, count: 2, subject: EXPIRING_CA, day: '2026-04-01' },
        },
      },
    })
    expect(await add('hello')).toMatchObject({ ok: false, error: { reason: { code: 'ca_not_certificate' } } })
    // Nothing was added by any of them.
    expect(await app.ok('sources:list', {})).toEqual([])
  })

  it('the rest of the CA file checks', () => {
    expect(caReason('')).toEqual({ code: 'ca_empty' })
    expect(caReason('x'.repeat(65 * 1024))).toEqual({ code: 'ca_too_large', params: { size: 65, limit: 64 } })
    const publicKey = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'
    expect(caReason(publicKey)).toEqual({ code: 'ca_no_certificate', params: { found: 'PUBLIC KEY' } })
    expect(caReason(internalCaPem().repeat(21))).toEqual({
      code: 'ca_too_many',
      params: { count: 21, limit: 20 },
    })
    const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'
    expect(caReason(broken)).toMatchObject({ code: 'ca_unreadable', params: { detail: expect.any(String) } })
    expect(caReason(`${internalCaPem()}${broken}`)).toMatchObject({
      code: 'ca_unreadable_of',
      params: { index: 2, count: 2 },
    })
    // The self-signed fixture is valid from 2026-11-22.
    expect(caReason(tls('self-signed.crt'), Date.parse('2026-01-01T00:00:00Z'))).toEqual({
      code: 'ca_not_yet_valid',
      params: { subject: 'CN=127.0.0.1, O=Ops Console test', day: '2026-11-22' },
    })
  })

  it('a name taken, a connection gone, a proxy user without a password', async () => {
    app = appContext()
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: URL_, token: TOKEN })
    expect(await app.invoke('sources:add', { kind: 'itsm', name: 'prod', url: URL_, token: TOKEN })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'A connection named "prod" exists already',
        reason: { code: 'source_exists', params: { name: 'prod' } },
      },
    })
    expect(await app.invoke('sources:update', { name: 'gone', url: URL_ })).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'No connection named "gone"',
        reason: { code: 'source_not_found', params: { name: 'gone' } },
      },
    })
    expect(await app.invoke('sources:test', { name: 'gone' })).toMatchObject({
      ok: false,
      error: { reason: { code: 'source_not_found', params: { name: 'gone' } } },
    })
    expect(
      await app.invoke('sources:update', {
        name: 'prod',
        proxy: 'http://proxy.example.go.kr:8080',
        proxyUser: 'ops',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        message: 'The proxy user "ops" needs the proxy password',
        reason: { code: 'proxy_password_needed', params: { user: 'ops' } },
      },
    })
  })

  it('a connection without the secret it needs, stored or in the CLI variable it names', async () => {
    app = appContext()
    const noSecret = async (): Promise<null> => null
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: URL_, token: TOKEN })
    await expect(
      connectorFor(getSource(app.ws.store, 'prod')!, noSecret, defaultHttpDeps()),
    ).rejects.toMatchObject({
      message: 'No token for ITSM REST connection "prod": add it in Settings → Connections',
      reason: { code: 'secret_missing', params: { name: 'prod', secret: 'token' } },
    })
    const cli = addSource(
      app.ws.store,
      { name: 'cli', kind: 'itsm', config: { url: URL_, tokenEnv: 'ITSM_TOKEN' } },
      NOW,
    )
    await expect(connectorFor(cli, envSecrets({}), defaultHttpDeps())).rejects.toMatchObject({
      message: 'No token for ITSM REST connection "cli": set ITSM_TOKEN',
      reason: { code: 'secret_missing_env', params: { name: 'cli', secret: 'token', env: 'ITSM_TOKEN' } },
    })
  })

  it('a connection removed or moved while the sync pulls it', async () => {
    sim = await startItsmSimulator({ seed: 5, srCount: 3000, token: TOKEN, faults: { latencyMs: 60 } })
    // Its first request for SRs waits until the test is done: the sync is still pulling 'prod' when
    // the test edits it, however slowly the test runs.
    const srs = `${sim.url}/api/v1/srs`
    held = holdFetch((url) => url.startsWith(srs))
    app = appContext({
      runtime: { httpDeps: defaultHttpDeps({ sleep: () => Promise.resolve(), fetch: held.fetch }) },
    })
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    expect((await app.ok('sync:run', {})).started).toBe(true)
    await held.reached
    expect(app.sync.scheduler.status().progress?.entity).toBe('srs')
    expect(app.sync.scheduler.syncing()).toBe('prod')
    const removed = await app.invoke('sources:remove', { name: 'prod' })
    expect(removed).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: { code: 'source_syncing_remove', params: { name: 'prod' } } },
    })
    expect(removed.ok ? '' : removed.error.message).toBe(
      'The connection "prod" is syncing now: cancel the sync on the Sync screen, or wait until it has finished, then remove it',
    )
    expect(
      await app.invoke('sources:update', { name: 'prod', url: 'https://other.example.go.kr' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/then change its URL or table$/),
        reason: { code: 'source_syncing_change', params: { name: 'prod' } },
      },
    })
    app.sync.scheduler.cancel()
    await app.sync.scheduler.idle()
  })
})
