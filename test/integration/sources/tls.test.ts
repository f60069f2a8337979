// A source behind HTTPS whose certificate the client does not trust (an internal CA, a self-signed
// or expired certificate): the sync fails at once with that cause and what to do, instead of being
// retried and shown as "offline" (the server does answer).
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps, requestJson, SourceError } from '../../../src/main/core/sources/http'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import { causeOf } from '../../../src/main/core/sync/causes'
import { syncSource } from '../../../src/main/core/sync/engine'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const TLS = resolve('test/fixtures/tls')
const POLICY = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5_000 }

let server: Server
let url: string
let connections: number
let ws: TempWorkspace
beforeEach(async () => {
  connections = 0
  server = createServer(
    { key: readFileSync(`${TLS}/self-signed.key`), cert: readFileSync(`${TLS}/self-signed.crt`) },
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"data":[],"next_cursor":null,"has_more":false}')
    },
  )
  server.on('connection', () => connections++)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  ws = tempWorkspace()
})
afterEach(async () => {
  ws.dispose()
  await new Promise((done) => server.close(done))
})

describe('an HTTPS source whose certificate is not trusted', () => {
  it('fails on the first attempt with the certificate as the cause and what to do', async () => {
    const retries: string[] = []
    const error = await requestJson(
      `${url}/api/v1/me`,
      { signal: new AbortController().signal },
      POLICY,
      defaultHttpDeps({ onRetry: (r) => retries.push(r.reason) }),
    ).then(
      () => null,
      (err: unknown) => err,
    )
    expect(error).toBeInstanceOf(SourceError)
    expect((error as SourceError).kind).toBe('certificate')
    const message = (error as SourceError).message
    expect(message).toMatch(
      /^The server's TLS certificate was not accepted at https:\/\/127\.0\.0\.1:\d+\/api\/v1\/me/,
    )
    expect(message).toMatch(/self[- ]signed/i)
    expect(message).toContain('Settings → Connections → CA certificate')
    expect(message).toContain('`source ca NAME FILE`')
    expect(retries).toEqual([])
    expect(connections).toBe(1)
    expect(causeOf('failed', message)).toBe('certificate')
  })

  it('a sync of that source fails (it is not offline) and says why', async () => {
    const connector = createItsmConnector(
      { name: 'internal', url, token: 't', retry: POLICY },
      defaultHttpDeps(),
    )
    const outcome = await syncSource(ws.store, connector)
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain("The server's TLS certificate was not accepted")
    expect(connections).toBe(1)
  })
})

describe('https:// to a port that speaks plain HTTP', () => {
  it('fails on the first attempt saying to check the scheme, without OpenSSL internals', async () => {
    const plain = createHttpServer((_req, res) => res.end('{}'))
    await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done))
    try {
      const port = (plain.address() as AddressInfo).port
      const retries: string[] = []
      const error = await requestJson(
        `https://127.0.0.1:${port}/api/v1/me`,
        { signal: new AbortController().signal },
        POLICY,
        defaultHttpDeps({ onRetry: (r) => retries.push(r.reason) }),
      ).then(
        () => null,
        (err: unknown) => err,
      )
      expect(error).toBeInstanceOf(SourceError)
      expect((error as SourceError).message).toBe(
        `The server at https://127.0.0.1:${port}/api/v1/me did not answer HTTPS: this port seems to speak ` +
          'plain HTTP. Check the URL (http:// instead of https://, or the HTTPS port)',
      )
      expect(retries).toEqual([])
    } finally {
      await new Promise((done) => plain.close(done))
    }
  })
})
