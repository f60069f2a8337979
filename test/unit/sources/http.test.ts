import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  parseRetryAfter,
  requestJson,
  SourceError,
  type HttpDeps,
  type RetryPolicy,
} from '../../../src/main/core/sources/http'

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, timeoutMs: 1_000 }
const NOW = Date.parse('2026-03-18T06:00:00Z')

/** A fetch that answers from a script of responses, and a sleep that records instead of waiting. */
function scripted(responses: (() => Response | Promise<Response>)[]) {
  const delays: number[] = []
  let i = 0
  const deps: HttpDeps = {
    fetch: async () => {
      const next = responses[Math.min(i++, responses.length - 1)]
      if (!next) throw new Error('no response scripted')
      return next()
    },
    sleep: async (ms) => {
      delays.push(ms)
    },
    random: () => 0.5,
    now: () => NOW,
  }
  return { deps, delays, calls: () => i }
}
const json = (body: unknown) => () => new Response(JSON.stringify(body), { status: 200 })
const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    new Response('x', { status: code, headers })

describe('Retry-After and backoff', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7_000)
    expect(parseRetryAfter('Wed, 18 Mar 2026 06:00:30 GMT', NOW)).toBe(30_000)
    expect(parseRetryAfter(null, NOW)).toBeUndefined()
    expect(parseRetryAfter('soon', NOW)).toBeUndefined()
  })

  it('uses full jitter under an exponential ceiling capped at maxDelay', () => {
    // ceilings 100, 200, 400, 800, 1000 (cap); random 0.5 → half of each
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy, () => 0.5))).toEqual([50, 100, 200, 400, 500])
    expect(backoffDelay(1, policy, () => 0.5, 7_000)).toBe(4_000) // Retry-After, bounded at 4× maxDelay
    expect(backoffDelay(1, policy, () => 0.5, 2_000)).toBe(2_000)
  })
})

describe('requestJson', () => {
  it('waits what Retry-After asks on 429, then succeeds', async () => {
    const s = scripted([status(429, { 'retry-after': '2' }), json({ ok: 1 })])
    const res = await requestJson(
      'http://127.0.0.1/x',
      { signal: new AbortController().signal },
      policy,
      s.deps,
    )
    expect(res.body).toEqual({ ok: 1 })
    expect(s.delays).toEqual([2_000])
  })

  it('retries 500s and malformed JSON with backoff, and gives up with the count', async () => {
    const s = scripted([
      status(500),
      () => new Response('{"items": [1, 2', { status: 200 }),
      status(503),
      status(502),
    ])
    const failure = requestJson(
      'http://127.0.0.1/api/v1/srs?token=secret',
      { signal: new AbortController().signal },
      policy,
      s.deps,
    )
    await expect(failure).rejects.toMatchObject({ kind: 'server', status: 502 })
    await expect(failure).rejects.toThrow(/gave up after 4 attempts/)
    await expect(failure).rejects.not.toThrow(/secret/) // the query string never reaches messages
    expect(s.delays).toEqual([50, 100, 200])
  })

  it('does not retry a refused credential', async () => {
    const s = scripted([status(401), json({})])
    await expect(
      requestJson('http://127.0.0.1/x', { signal: new AbortController().signal }, policy, s.deps),
    ).rejects.toMatchObject({
      kind: 'auth',
    })
    expect(s.calls()).toBe(1)
  })

  it('turns a refused connection into an offline-style network error', async () => {
    const deps: HttpDeps = {
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') })
      },
      sleep: async () => {},
      random: () => 0,
      now: () => NOW,
    }
    const failure = requestJson(
      'http://127.0.0.1:9/x',
      { signal: new AbortController().signal },
      policy,
      deps,
    )
    await expect(failure).rejects.toBeInstanceOf(SourceError)
    await expect(failure).rejects.toMatchObject({ kind: 'network' })
    await expect(failure).rejects.toThrow(/ECONNREFUSED/)
  })

  it('stops at once when cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const s = scripted([json({})])
    await expect(
      requestJson('http://127.0.0.1/x', { signal: controller.signal }, policy, s.deps),
    ).rejects.toMatchObject({
      kind: 'cancelled',
    })
    expect(s.calls()).toBe(0)
  })
})
