import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  parseRetryAfter,
  requestJson,
  SourceError,
  type HttpDeps,
  type RetryPolicy,
} from '../../../src/main/core/sources/http'
import { causeOf } from '../../../src/main/core/sync/causes'
import { serviceNowTime } from '../../../src/main/core/sources/servicenow/connector'

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
    // delay-seconds is digits only (RFC 9110): no sign, hex or exponent.
    expect(parseRetryAfter(' 12 ', NOW)).toBe(12_000)
    expect(parseRetryAfter('-5', NOW)).toBeUndefined()
    expect(parseRetryAfter('0x10', NOW)).toBeUndefined()
    expect(parseRetryAfter('1e3', NOW)).toBeUndefined()
  })

  it("measures an HTTP date from the answer's Date header, not from a PC clock that is off", () => {
    // The server's clock says 06:05:00 and asks to come back at 06:05:10: 10 s, whatever the PC's clock.
    const date = 'Wed, 18 Mar 2026 06:05:00 GMT'
    expect(parseRetryAfter('Wed, 18 Mar 2026 06:05:10 GMT', NOW, date)).toBe(10_000)
    // PC 5 minutes ahead of the server: still 10 s, not nothing.
    const behind = 'Wed, 18 Mar 2026 05:55:00 GMT'
    expect(parseRetryAfter('Wed, 18 Mar 2026 05:55:10 GMT', NOW, behind)).toBe(10_000)
    // Delta seconds need no clock; without a (readable) Date header the PC's clock is all there is.
    expect(parseRetryAfter('7', NOW, date)).toBe(7_000)
    expect(parseRetryAfter('Wed, 18 Mar 2026 06:00:30 GMT', NOW, null)).toBe(30_000)
    expect(parseRetryAfter('Wed, 18 Mar 2026 06:00:30 GMT', NOW, 'yesterday')).toBe(30_000)
  })

  it("reads HTTP's three date forms as GMT on a PC in Seoul, and takes no zoneless text for a date", () => {
    const zone = process.env['TZ']
    process.env['TZ'] = 'Asia/Seoul' // Node reads the zone again when TZ changes
    try {
      // RFC 9110 §5.6.7: IMF-fixdate, RFC 850 and asctime are all GMT; asctime just does not say so.
      expect(parseRetryAfter('Wed, 18 Mar 2026 06:00:30 GMT', NOW)).toBe(30_000)
      expect(parseRetryAfter('Wednesday, 18-Mar-26 06:00:30 GMT', NOW)).toBe(30_000)
      expect(parseRetryAfter('Wed Mar 18 06:00:30 2026', NOW)).toBe(30_000)
      expect(parseRetryAfter('Wed Mar  8 06:00:30 2026', Date.parse('2026-03-08T06:00:00Z'))).toBe(30_000)
      // …and so is the Date header a Retry-After date is measured from.
      expect(parseRetryAfter('Wed, 18 Mar 2026 06:05:10 GMT', NOW, 'Wed Mar 18 06:05:00 2026')).toBe(10_000)
      // A date with its own offset is read with it.
      expect(parseRetryAfter('Wed, 18 Mar 2026 15:00:30 +0900', NOW)).toBe(30_000)
      // Text that names no zone is no HTTP date: not a day in 2001 (no wait) nor the year 3599.
      expect(parseRetryAfter('1.5', NOW)).toBeUndefined()
      expect(parseRetryAfter('3600 (1 hour)', NOW)).toBeUndefined()
      expect(parseRetryAfter('Wed, 18 Mar 2026 06:00:30', NOW)).toBeUndefined()
      expect(parseRetryAfter('Wed Feb 30 06:00:30 2026', NOW)).toBeUndefined()
      // A ServiceNow instance's clock (its Date header) bounds a sync run: in UTC, as sys_updated_on.
      expect(serviceNowTime('Wed Mar 18 06:00:30 2026')).toBe('2026-03-18 06:00:30')
      expect(serviceNowTime('Wed, 18 Mar 2026 06:00:30')).toBeUndefined()
    } finally {
      if (zone === undefined) delete process.env['TZ']
      else process.env['TZ'] = zone
    }
  })

  it('takes no wait whose end is past the year 9999 (an epoch in milliseconds, a run of nines)', () => {
    expect(parseRetryAfter('1773813600000', NOW)).toBeUndefined() // 2026-03-18 06:00 UTC in ms, read as s
    expect(parseRetryAfter('99999999999999999999', NOW)).toBeUndefined()
    // A year is long but can be said: it is kept (and ends the run, saying until when).
    expect(parseRetryAfter('31536000', NOW)).toBe(31_536_000_000)
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

  it("waits what a Retry-After date asks by the server's clock when the PC's clock is off", async () => {
    // The PC (NOW, 06:00:00) is 5 minutes behind the server. Measured on the PC's clock the 10 s the
    // server asks for looked like 5 min 10 s, longer than a sync waits (4 s here), and ended the run.
    const slowPc = scripted([
      status(429, { date: 'Wed, 18 Mar 2026 06:05:00 GMT', 'retry-after': 'Wed, 18 Mar 2026 06:05:03 GMT' }),
      json({ ok: 1 }),
    ])
    const res = await requestJson(
      'http://127.0.0.1/x',
      { signal: new AbortController().signal },
      policy,
      slowPc.deps,
    )
    expect(res.body).toEqual({ ok: 1 })
    expect(slowPc.delays).toEqual([3_000])
    // The PC 5 minutes ahead: the date looked long past, and every attempt went at once.
    const fastPc = scripted([
      status(429, { date: 'Wed, 18 Mar 2026 05:55:00 GMT', 'retry-after': 'Wed, 18 Mar 2026 05:55:02 GMT' }),
      json({ ok: 1 }),
    ])
    await requestJson('http://127.0.0.1/x', { signal: new AbortController().signal }, policy, fastPc.deps)
    expect(fastPc.delays).toEqual([2_000])
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

  it('retries a 408 (the server or a gateway gave up waiting for the request), as HTTP allows', async () => {
    const s = scripted([status(408), json({ items: [] })])
    const answer = await requestJson(
      'http://127.0.0.1/api/v1/srs',
      { signal: new AbortController().signal },
      policy,
      s.deps,
    )
    expect(answer.body).toEqual({ items: [] })
    expect(s.calls()).toBe(2)
    expect(s.delays).toEqual([50])
    // One that keeps coming gives up after the attempts, naming the status.
    const again = scripted([status(408)])
    const failure = requestJson(
      'http://127.0.0.1/api/v1/srs',
      { signal: new AbortController().signal },
      policy,
      again.deps,
    )
    await expect(failure).rejects.toMatchObject({
      kind: 'server',
      status: 408,
      reason: { code: 'http_server' },
    })
    await expect(failure).rejects.toThrow(
      /waiting for the request \(408\) at http:\/\/127\.0\.0\.1\/api\/v1\/srs.* — gave up after 4 attempts$/,
    )
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
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:2') })
      },
      sleep: async () => {},
      random: () => 0,
      now: () => NOW,
    }
    const failure = requestJson(
      'http://127.0.0.1:2/x',
      { signal: new AbortController().signal },
      policy,
      deps,
    )
    await expect(failure).rejects.toBeInstanceOf(SourceError)
    await expect(failure).rejects.toMatchObject({ kind: 'network' })
    await expect(failure).rejects.toThrow(/ECONNREFUSED/)
  })

  it('ends at once, saying until when, when Retry-After asks for longer than a run waits', async () => {
    // policy.maxDelayMs 1 s: a run waits out at most 4 s; this server asks for an hour.
    const s = scripted([status(429, { 'retry-after': '3600' }), json({ ok: 1 })])
    const failure = requestJson(
      'http://127.0.0.1/x',
      { signal: new AbortController().signal },
      policy,
      s.deps,
    )
    await expect(failure).rejects.toMatchObject({ kind: 'rate_limited', retryable: false })
    // NOW is 06:00:00 UTC; an hour later:
    await expect(failure).rejects.toThrow(
      'The server is rate limiting requests (429) at http://127.0.0.1/x; it asks to wait 60 minutes ' +
        '(Retry-After), until 2026-03-18 07:00:00 UTC, longer than a sync waits: sync again after that time' +
        ' — the server said: x',
    )
    expect(s.calls()).toBe(1)
    expect(s.delays).toEqual([])
  })

  it('says until when to sync again when the last attempt is asked to wait longer than a sync waits', async () => {
    // Three 503s, then a 429 asking for an hour on the fourth and last attempt (policy: 4).
    const s = scripted([status(503), status(503), status(503), status(429, { 'retry-after': '3600' })])
    const failure = requestJson(
      'http://127.0.0.1/x',
      { signal: new AbortController().signal },
      policy,
      s.deps,
    )
    await expect(failure).rejects.toMatchObject({
      kind: 'rate_limited',
      retryable: false,
      reason: { code: 'wait_too_long', params: { until: '2026-03-18 07:00:00 UTC' } },
    })
    await expect(failure).rejects.toThrow('until 2026-03-18 07:00:00 UTC, longer than a sync waits')
    expect(s.calls()).toBe(4)
  })

  it('retries with its own backoff when Retry-After is too large to end at any date', async () => {
    // Its end cannot be said: the message's "until" threw RangeError 'Invalid time value' (the run
    // failed with those words alone), or named the year 58178 and ended the run.
    for (const value of ['99999999999999999999', '1773813600000']) {
      const s = scripted([status(429, { 'retry-after': value }), json({ ok: 1 })])
      const res = await requestJson(
        'http://127.0.0.1/x',
        { signal: new AbortController().signal },
        policy,
        s.deps,
      )
      expect(res.body).toEqual({ ok: 1 })
      expect(s.delays).toEqual([50]) // first retry: half (random 0.5) of baseDelayMs 100
    }
  })

  it("says that time in the workspace's zone when it knows it", async () => {
    const s = scripted([status(429, { 'retry-after': '3600' })])
    const failure = requestJson('http://127.0.0.1/x', { signal: new AbortController().signal }, policy, {
      ...s.deps,
      timeZone: 'Asia/Seoul',
    })
    // NOW is 06:00:00 UTC, 15:00 in Seoul; an hour later, 16:00 there.
    await expect(failure).rejects.toThrow(
      'it asks to wait 60 minutes (Retry-After), until 2026-03-18 16:00:00 (Asia/Seoul), longer than a sync waits',
    )
  })

  it("quotes the server's own explanation of an error, and only ours decides the cause", async () => {
    const sn = scripted([
      () =>
        new Response(
          JSON.stringify({ error: { message: 'Invalid table incidnet', detail: null }, status: 'failure' }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
    ])
    await expect(
      requestJson(
        'https://acme.example/api/now/table/incidnet?sysparm_limit=1',
        { signal: new AbortController().signal },
        policy,
        sn.deps,
      ),
    ).rejects.toThrow(
      'The server rejected the request (400) at https://acme.example/api/now/table/incidnet — the server said: Invalid table incidnet',
    )
    const forbidden = scripted([
      () =>
        new Response(
          JSON.stringify({
            error: { message: 'Insufficient rights', detail: 'ACL denies read\non incident' },
          }),
          { status: 403 },
        ),
    ])
    await expect(
      requestJson('https://acme.example/t', { signal: new AbortController().signal }, policy, forbidden.deps),
    ).rejects.toThrow('(403) — the server said: Insufficient rights (ACL denies read on incident)')
    // Plain text: its first line; HTML (a proxy's page): its title, nothing else of it.
    const text = scripted([
      () => new Response('quota spent\nmore', { status: 402, headers: { 'content-type': 'text/plain' } }),
    ])
    await expect(
      requestJson('https://acme.example/t', { signal: new AbortController().signal }, policy, text.deps),
    ).rejects.toThrow(/\(402\) at https:\/\/acme\.example\/t — the server said: quota spent$/)
    const html = scripted([
      () =>
        new Response('<html><title>Bad</title><body><script>var x = "noise"</script></body></html>', {
          status: 400,
          headers: { 'content-type': 'text/html' },
        }),
    ])
    await expect(
      requestJson('https://acme.example/t', { signal: new AbortController().signal }, policy, html.deps),
    ).rejects.toThrow(
      /^The server rejected the request \(400\) at https:\/\/acme\.example\/t — the server said: Bad$/,
    )
    // A server's words cannot pass for our wording: "Cannot reach" in a 500's body is no offline.
    expect(
      causeOf(
        'failed',
        'The server failed (500) at https://a/x — the server said: Cannot reach the database',
      ),
    ).toBe('server')
    expect(causeOf('failed', 'The server failed (500) at https://a/x')).toBe('server')
  })

  it('refuses a body that is not UTF-8 instead of storing replacement characters, without retrying', async () => {
    // "서울" in EUC-KR: B C0 AD BF EF is not UTF-8.
    const eucKr = Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xbc, 0xad, 0xbf, 0xef, 0x22, 0x7d])
    const s = scripted([() => new Response(eucKr, { status: 200 }), json({ n: 'ok' })])
    const failure = requestJson(
      'http://127.0.0.1/api/v1/tenants',
      { signal: new AbortController().signal },
      policy,
      s.deps,
    )
    await expect(failure).rejects.toMatchObject({ kind: 'malformed', retryable: false })
    await expect(failure).rejects.toThrow(/not UTF-8 text at http:\/\/127\.0\.0\.1\/api\/v1\/tenants/)
    expect(s.calls()).toBe(1)
    // UTF-8 (with or without a BOM) reads as before.
    const ok = scripted([
      () => new Response(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"n":"서울"}')])),
    ])
    expect(
      (await requestJson('http://127.0.0.1/x', { signal: new AbortController().signal }, policy, ok.deps))
        .body,
    ).toEqual({ n: '서울' })
  })

  it('says a web page came where JSON belongs, with its title, without retrying', async () => {
    const page =
      (body: string, type = 'text/html; charset=utf-8') =>
      () =>
        new Response(body, { status: 200, headers: { 'content-type': type } })
    const hibernating =
      '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>\n  Instance Hibernating page\n</title></head>' +
      '<body><h1>Your instance is hibernating</h1></body></html>'
    const s = scripted([page(hibernating), json({ ok: true })])
    const url = 'https://dev1.service-now.com/api/now/table/incident?sysparm_limit=1'
    const error = await requestJson(url, { signal: new AbortController().signal }, policy, s.deps).then(
      () => null,
      (e: unknown) => e as SourceError,
    )
    expect(error?.message).toBe(
      'The server answered https://dev1.service-now.com/api/now/table/incident with a web page, not JSON ' +
        '("Instance Hibernating page"): a sign-in page, a proxy\'s or gateway\'s error page, or a ServiceNow ' +
        'instance that is hibernating? Check the URL, and open it in a browser',
    )
    expect(error?.reason).toEqual({
      code: 'html_page',
      params: {
        url: 'https://dev1.service-now.com/api/now/table/incident',
        title: 'Instance Hibernating page',
      },
    })
    expect(error?.retryable).toBe(false)
    expect(s.calls()).toBe(1)
    expect(causeOf('failed', error?.message ?? '')).toBe('address')
    // A sign-in page sent as text/plain still starts with its tag; no title: none is made up.
    const untitled = scripted([page('  <html><body>Sign in &amp; go</body></html>', 'text/plain')])
    const bare = await requestJson(
      url,
      { signal: new AbortController().signal },
      policy,
      untitled.deps,
    ).catch((e: unknown) => e as SourceError)
    expect(bare).toMatchObject({ reason: { code: 'html_page', params: { url: expect.any(String) } } })
    expect((bare as SourceError).reason?.params).not.toHaveProperty('title')
    // Text that is neither (a cut-off JSON body) stays "not valid JSON", which is retried.
    const cut = scripted([page('{"result": [', 'application/json'), json({ ok: true })])
    expect((await requestJson(url, { signal: new AbortController().signal }, policy, cut.deps)).body).toEqual(
      { ok: true },
    )
    expect(cut.calls()).toBe(2)
  })

  it("quotes a gateway's HTML error page by its title", async () => {
    const s = scripted([
      () =>
        new Response('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    ])
    const error = await requestJson(
      'http://127.0.0.1/api/v1/srs',
      { signal: new AbortController().signal },
      { ...policy, maxAttempts: 1 },
      s.deps,
    ).catch((e: unknown) => e as SourceError)
    expect((error as SourceError).reason?.params).toMatchObject({ status: 502, said: '502 Bad Gateway' })
  })

  it('never puts a credential into a message: a token fetch cannot send is refused before fetch names it', async () => {
    let fetched = 0
    const deps: HttpDeps = {
      fetch: async (_url, init) => {
        fetched += 1
        // What undici does with such a value: its message quotes the header.
        new Headers(init.headers as Record<string, string>)
        return new Response('{}')
      },
      sleep: async () => {},
      random: () => 0,
      now: () => NOW,
    }
    const failure = requestJson(
      'http://127.0.0.1/x',
      {
        headers: { authorization: 'Bearer sim-token\nSUPERSECRET-abc123' },
        signal: new AbortController().signal,
      },
      policy,
      deps,
    )
    await expect(failure).rejects.toMatchObject({ kind: 'client', retryable: false })
    await expect(failure).rejects.toThrow(/^The token or password cannot be sent: it holds a line break/)
    await expect(failure).rejects.not.toThrow(/SUPERSECRET|sim-token/)
    expect(fetched).toBe(0)
    expect(
      causeOf(
        'failed',
        'The token or password cannot be sent: it holds a line break … (ITSM REST connection "x", tenants)',
      ),
    ).toBe('auth')

    // A server (or runtime) that echoes the credential back: the message has it redacted.
    const echo = scripted([
      () =>
        new Response(JSON.stringify({ error: { message: 'unknown user ops:pa55word!' } }), { status: 401 }),
    ])
    const basic = `Basic ${Buffer.from('ops:pa55word!').toString('base64')}`
    const refused = requestJson(
      'http://127.0.0.1/x',
      { headers: { authorization: basic }, signal: new AbortController().signal },
      policy,
      echo.deps,
    )
    await expect(refused).rejects.toThrow('— the server said: unknown user [redacted]')
    await expect(refused).rejects.not.toThrow(/pa55word/)
  })

  it("an echoed credential cut short by the server's words' length limit leaves none of its characters behind", async () => {
    // A server quoting the request line, then the header: the detail is cut at 200 characters, in
    // the middle of the token. Redacting after the cut left the token's first 23 characters.
    const token = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa99887766554433221100'
    const said =
      'Authentication failed for GET /api/now/table/incident?sysparm_query=ORDERBYsys_updated_on%5E' +
      `sys_updated_on%3E%3D2026-01-01&sysparm_limit=1000 with header Authorization: Bearer ${token}`
    const echo = scripted([
      () =>
        new Response(JSON.stringify({ error: { message: said } }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        }),
    ])
    const error = await requestJson(
      'http://127.0.0.1/x',
      { headers: { authorization: `Bearer ${token}` }, signal: new AbortController().signal },
      policy,
      echo.deps,
    ).catch((e: unknown) => e as SourceError)
    expect(error).toBeInstanceOf(SourceError)
    const text = JSON.stringify({
      message: (error as SourceError).message,
      reason: (error as SourceError).reason,
    })
    expect(text).toContain('Authorization: [redacted]')
    // Not one stretch of 8 of the token's characters in the message or its params.
    for (let i = 0; i + 8 <= token.length; i++) expect(text).not.toContain(token.slice(i, i + 8))
  })

  it('an echoed password with a run of spaces or a tab is redacted before the text is put on one line', async () => {
    const password = 'correct  horse\tbattery staple'
    const basic = `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`
    for (const contentType of ['text/plain', 'application/json', 'text/html']) {
      const body =
        contentType === 'text/plain'
          ? `bad login for ops with password ${password}`
          : contentType === 'text/html'
            ? `<html><head><title>Login failed for ${password}</title></head></html>`
            : JSON.stringify({ error: { message: 'bad login', detail: `password was ${password}` } })
      const echo = scripted([
        () => new Response(body, { status: 401, headers: { 'content-type': contentType } }),
      ])
      const error = await requestJson(
        'http://127.0.0.1/x',
        { headers: { authorization: basic }, signal: new AbortController().signal },
        policy,
        echo.deps,
      ).catch((e: unknown) => e as SourceError)
      const text = JSON.stringify({
        message: (error as SourceError).message,
        reason: (error as SourceError).reason,
      })
      expect(text, contentType).toContain('[redacted]')
      expect(text, contentType).not.toMatch(/horse|battery/)
    }
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
