// A connection that cannot be reached says why in words the UI can translate: the OS's or the TLS
// library's code travels with the reason (detailCode), with the host name DNS did not know or the
// names a certificate was issued for. A URL on a port fetch refuses (the Fetch standard's blocked
// ports) fails at once and says so, instead of being retried as "offline"; saving such a URL is
// refused.
import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer, type Server } from 'node:https'
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  defaultHttpDeps,
  requestJson,
  SourceError,
  type FetchLike,
} from '../../../src/main/core/sources/http'
import { addSource, listSources } from '../../../src/main/core/sources/registry'
import { connectionFetch, throughProxy } from '../../../src/main/core/sources/transport'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const TLS = resolve('test/fixtures/tls')
const POLICY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5_000 }

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function listen<S extends TcpServer | Server>(server: S): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  closers.push(() => new Promise((done) => server.close(() => done())))
  return (server.address() as AddressInfo).port
}

/** The failure of one request to `url`, and the reasons of the retries before it. */
async function failure(url: string, fetch?: FetchLike): Promise<{ error: SourceError; retries: string[] }> {
  const retries: string[] = []
  const deps = defaultHttpDeps({ onRetry: (r) => retries.push(r.reason) })
  const error = await requestJson(url, { signal: new AbortController().signal }, POLICY, {
    ...deps,
    ...(fetch ? { fetch } : {}),
  }).then(
    () => null,
    (err: unknown) => err,
  )
  expect(error).toBeInstanceOf(SourceError)
  return { error: error as SourceError, retries }
}

describe('the detail of a network or certificate failure', () => {
  it('names a refused connection by its code', async () => {
    // A port that was just free: nothing listens there now.
    const port = await listen(createTcpServer())
    await closers.pop()?.()
    const { error, retries } = await failure(`http://127.0.0.1:${port}/api/v1/me`)
    expect(error.reason).toEqual({
      code: 'unreachable',
      params: {
        url: `http://127.0.0.1:${port}/api/v1/me`,
        detail: `connect ECONNREFUSED 127.0.0.1:${port}`,
        detailCode: 'ECONNREFUSED',
        attempts: 3,
      },
    })
    // It is network trouble that may pass: retried as before.
    expect(retries).toHaveLength(2)
  })

  it('names a connection the server closed mid-answer by its code', async () => {
    const port = await listen(createTcpServer((socket) => socket.destroy()))
    const { error } = await failure(`http://127.0.0.1:${port}/api/v1/me`)
    expect(error.reason?.code).toBe('unreachable')
    expect(error.reason?.params?.['detailCode']).toBe('UND_ERR_SOCKET')
    expect(error.reason?.params?.['detail']).toBe('other side closed')
  })

  it('names an unknown host and the name DNS did not know', async () => {
    // fetch's failure as undici reports it, for a name no DNS knows (no resolver is assumed here).
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND itsm.example.invalid'), {
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname: 'itsm.example.invalid',
    })
    const { error } = await failure('https://itsm.example.invalid/api/v1/me', () =>
      Promise.reject(new TypeError('fetch failed', { cause: notFound })),
    )
    expect(error.reason?.params).toMatchObject({
      detail: 'getaddrinfo ENOTFOUND itsm.example.invalid',
      detailCode: 'ENOTFOUND',
      hostname: 'itsm.example.invalid',
    })
  })

  it("names the proxy's host when DNS does not know it", async () => {
    // fetch's failure through a connection's proxy whose name no DNS knows, as undici reports it
    // (the proxy's host on the innermost error), wrapped by the connection's transport.
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND proxy.example.invalid'), {
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname: 'proxy.example.invalid',
    })
    const wrapped = throughProxy(
      new TypeError('fetch failed', { cause: notFound }),
      'http://proxy.example.invalid:3128',
      undefined,
    )
    const { error } = await failure('https://dev1.service-now.com/api/now/table/incident', () =>
      Promise.reject(wrapped),
    )
    expect(error.reason?.params).toMatchObject({
      detail:
        'through the proxy http://proxy.example.invalid:3128: getaddrinfo ENOTFOUND proxy.example.invalid',
      detailCode: 'ENOTFOUND',
      hostname: 'proxy.example.invalid',
    })
  })

  it('names a certificate issued for another name, with the names it was issued for', async () => {
    const server = createHttpsServer(
      { key: readFileSync(`${TLS}/internal-server.key`), cert: readFileSync(`${TLS}/internal-server.crt`) },
      (_req, res) => res.end('{}'),
    )
    const port = await listen(server)
    // Trusted through the connection's own CA, but asked for by another name than 127.0.0.1.
    const fetch = connectionFetch({ ca: readFileSync(`${TLS}/internal-ca.crt`, 'utf8') })
    const { error, retries } = await failure(`https://localhost:${port}/api/v1/me`, fetch ?? undefined)
    expect(error.kind).toBe('certificate')
    expect(error.reason?.params).toMatchObject({
      detailCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
      host: 'localhost',
      altnames: 'IP Address:127.0.0.1',
    })
    expect(retries).toEqual([])
  })

  it('names a certificate from an authority this computer does not know', async () => {
    const server = createHttpsServer(
      { key: readFileSync(`${TLS}/internal-server.key`), cert: readFileSync(`${TLS}/internal-server.crt`) },
      (_req, res) => res.end('{}'),
    )
    const port = await listen(server)
    const { error } = await failure(`https://127.0.0.1:${port}/api/v1/me`)
    expect(error.reason?.code).toBe('certificate')
    expect(error.reason?.params?.['detailCode']).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE')
  })

  it('leaves a failure whose code it does not know with its English detail only', async () => {
    const odd = Object.assign(new Error('something new'), { code: 'E_SOMETHING_NEW' })
    const { error } = await failure('http://127.0.0.1:1234/api/v1/me', () =>
      Promise.reject(new TypeError('fetch failed', { cause: odd })),
    )
    expect(error.reason?.params).toMatchObject({ detail: 'something new' })
    expect(error.reason?.params).not.toHaveProperty('detailCode')
  })
})

describe('a URL on a port fetch refuses', () => {
  it('fails on the first attempt saying the port is blocked, not that the server is offline', async () => {
    // Port 6000 (X11) is on the Fetch standard's list: fetch refuses it before connecting.
    const { error, retries } = await failure('http://127.0.0.1:6000/api/v1/me')
    expect(error.kind).toBe('client')
    expect(error.message).toBe(
      "Cannot connect to http://127.0.0.1:6000/api/v1/me: port 6000 is one that HTTP clients refuse to use (the Fetch standard's blocked ports). Serve the API on another port, or behind a reverse proxy on one",
    )
    expect(error.reason).toEqual({
      code: 'blocked_port',
      params: { url: 'http://127.0.0.1:6000/api/v1/me', port: 6000 },
    })
    expect(retries).toEqual([])
    // Through a proxy the same (fetch refuses before the proxy is asked).
    const viaProxy = connectionFetch({ proxy: 'http://127.0.0.1:3128' })
    const proxied = await failure('http://127.0.0.1:6000/api/v1/me', viaProxy ?? undefined)
    expect(proxied.error.reason?.code).toBe('blocked_port')
    expect(proxied.retries).toEqual([])
  })

  it('is refused when a connection is saved with it; one stored before still lists', () => {
    const ws: TempWorkspace = tempWorkspace()
    const add = (name: string, url: string): unknown =>
      addSource(ws.store, { kind: 'itsm', name, config: { url, tokenEnv: 'T' } }, 0)
    try {
      expect(() => add('x11', 'https://itsm.example.go.kr:6000')).toThrow(
        /^url: port 6000 is one HTTP clients refuse to use/,
      )
      // The default ports and the usual alternatives are fine.
      add('a', 'https://itsm.example.go.kr')
      add('b', 'http://itsm.example.go.kr:8080')
      add('c', 'https://itsm.example.go.kr:8443')
      // A connection stored before the check is still listed (its sync says what is wrong).
      ws.store.sqlite
        .prepare("INSERT INTO sources (name, kind, config, created_at) VALUES ('old', 'itsm', ?, 0)")
        .run(JSON.stringify({ url: 'http://itsm.example.go.kr:10080', tokenEnv: 'T' }))
      expect(listSources(ws.store).map((s) => s.name)).toEqual(['a', 'b', 'c', 'old'])
    } finally {
      ws.dispose()
    }
  })
})
