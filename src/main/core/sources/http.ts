// HTTP for every connector: timeouts, retries with exponential backoff and full jitter that honour
// Retry-After, cancellation, and errors that say what went wrong in words an operator can act on.
// Dependencies (fetch, sleep, random) are passed in so tests drive time and faults.
import { DateTime } from 'luxon'
import { USER_AGENT } from '../app-version'
import { reasonWith } from '../errors'
import { blockedPort } from '../../../shared/blocked-ports'
import {
  NETWORK_DETAIL_CODES,
  type SyncErrorReason,
  type SyncErrorReasonCode,
} from '../../../shared/ipc/sync-error-reasons'
import { redactReason, redactSecrets } from '../redact'

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** Per-attempt timeout, including reading the body. */
  timeoutMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
}

export type HttpDeps = {
  fetch: FetchLike
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
  random: () => number
  now: () => number
  /** Told about each retry (for the sync log and progress), never about secrets. */
  onRetry?: (info: RetryInfo) => void
  /** The workspace's time zone: a time in a message (a long Retry-After's end) is said in it; else UTC. */
  timeZone?: string
}

/**
 * A request that failed and is tried again: `attempt` (1-based) of `maxAttempts` failed with `reason`
 * (redacted), and the next one starts after `delayMs`.
 */
export type RetryInfo = {
  attempt: number
  maxAttempts: number
  delayMs: number
  /** The failed request's error, in English (as the sync log keeps errors). */
  reason: string
  /** The same as a code and params, for the app to word in its language. */
  why?: SyncErrorReason
  /** The next attempt asks for a smaller page: `to` rows instead of `from` (the page timed out). */
  pageRows?: PageRows
}

/** A page asked again with fewer rows: `from` rows before, `to` rows now. */
export type PageRows = { from: number; to: number }

/** Where the attempt after a retried failure goes, and the page size it asks for when it changed. */
export type RetryTarget = { url: string; pageRows?: PageRows }

export type SourceErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'certificate'
  | 'proxy'
  | 'malformed'
  | 'client'
  | 'cancelled'

const RETRYABLE: ReadonlySet<SourceErrorKind> = new Set([
  'rate_limited',
  'server',
  'timeout',
  'network',
  'malformed',
])

/** A sync failure's reason with its params (those left undefined are dropped). */
export function syncReason(
  code: SyncErrorReasonCode,
  params: Record<string, string | number | undefined> = {},
): SyncErrorReason {
  return reasonWith(code, params)
}

/**
 * A failure talking to a source; `kind` drives retries and the message the user sees. `reason` says
 * the same as a code and params the app words in its own language; the English message stays for
 * the CLI and as the fallback.
 */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    /** True when retrying now cannot help even though the kind usually can (a long Retry-After). */
    readonly final = false,
    readonly reason?: SyncErrorReason,
  ) {
    super(message)
    this.name = 'SourceError'
  }
  get retryable(): boolean {
    return !this.final && RETRYABLE.has(this.kind)
  }
}

/** A sleep that wakes early (rejecting) when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled())
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(cancelled())
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** The error a cancelled request or run ends with. */
export function cancelled(): SourceError {
  return new SourceError('cancelled', 'Cancelled', undefined, undefined, false, syncReason('cancelled'))
}

/** Real-world dependencies: global fetch, timers, Math.random, Date.now. */
export function defaultHttpDeps(overrides: Partial<HttpDeps> = {}): HttpDeps {
  return {
    fetch: (input, init) => fetch(input, init),
    sleep: abortableSleep,
    random: Math.random,
    now: Date.now,
    ...overrides,
  }
}

/**
 * Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`. An HTTP date is
 * the server's clock: measured from the answer's own Date header (`serverDate`) when it has one, so a
 * PC whose clock is some minutes off waits what the server asked, not that much more or nothing.
 */
export function parseRetryAfter(
  value: string | null,
  now: number,
  serverDate?: string | null,
): number | undefined {
  if (value === null) return undefined
  const text = value.trim()
  let ms: number
  // RFC 9110: delay-seconds is 1*DIGIT; "-5", "0x10" or "1e3" are no delay at all.
  if (/^\d+$/.test(text)) ms = Number(text) * 1000
  // Otherwise an HTTP date.
  else {
    const date = parseHttpDate(text)
    if (date === undefined) return undefined
    const sent = serverDate ? parseHttpDate(serverDate) : undefined
    ms = Math.max(0, date - (sent ?? now))
  }
  // Nor is a wait ending past the year 9999 (an epoch in milliseconds, a run of nines): no time
  // can be said for its end.
  return now + ms <= LAST_INSTANT ? ms : undefined
}

const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*'
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
/** asctime() ("Sun Nov  6 08:49:37 1994"): no zone written, and GMT all the same (RFC 9110 §5.6.7). */
const ASCTIME = new RegExp(
  `^${WEEKDAY} (${MONTHS.join('|')}) (\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`,
  'i',
)
/** A date that says its zone: GMT or UTC (IMF-fixdate, RFC 850), Z, or an offset such as +0900. */
const ZONED = /(?:\b(?:gmt|utc)|\dz|[+-]\d{2}:?\d{2})$/i

/**
 * An HTTP date (a Date or Retry-After header) as epoch milliseconds, or undefined. RFC 9110 asks for
 * its three forms, all in GMT: IMF-fixdate and RFC 850 say so, asctime does not and is GMT anyway.
 * Date.parse alone read asctime in the PC's own zone (nine hours early in Seoul) and took text that
 * is no date at all ("1.5", "3600 (1 hour)") for a day in 2001 or the year 3599: only a date that
 * says its zone is handed to it.
 */
export function parseHttpDate(value: string): number | undefined {
  const text = value.trim().replace(/\s+/g, ' ')
  const asctime = ASCTIME.exec(text)
  if (asctime) {
    const [, month, day, hour, minute, second, year] = asctime
    const m = MONTHS.indexOf(month!.toLowerCase())
    const ms = Date.UTC(Number(year), m, Number(day), Number(hour), Number(minute), Number(second))
    const d = new Date(ms)
    // Date.UTC rolls over (Feb 30 → Mar 2, 25:00 → the next day): such a date is none.
    return d.getUTCMonth() === m && d.getUTCDate() === Number(day) && d.getUTCHours() === Number(hour)
      ? ms
      : undefined
  }
  if (!/[a-z]/i.test(text) || !ZONED.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

/** The last instant a message can name (9999-12-31 23:59:59.999 UTC). */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/** The longest Retry-After a request waits out; a longer one ends the run (see requestJson). */
export function maxRetryAfterMs(policy: RetryPolicy): number {
  return policy.maxDelayMs * 4
}

/** The wait before retry number `attempt` (1-based): full jitter over an exponential ceiling, or Retry-After. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxRetryAfterMs(policy))
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(random() * ceiling)
}

/**
 * Separates our message from the server's own words about an error ("Invalid table incidnet"):
 * what follows it is the server's text, which causes.ts must not read as our wording.
 */
export const SERVER_SAID = ' — the server said: '

function classifyStatus(status: number, url: string, retryAfterMs?: number, detail?: string): SourceError {
  const where = safeUrl(url)
  const said = detail ? `${SERVER_SAID}${detail}` : ''
  // The server's own words travel as they are, in `said`, with every code.
  const why = (code: SyncErrorReasonCode): SyncErrorReason =>
    syncReason(code, { status, url: where, said: detail })
  if (status === 401)
    return new SourceError(
      'auth',
      `The server refused the credentials (401) at ${where}: check the user, password or token${said}`,
      status,
      undefined,
      false,
      why('http_auth'),
    )
  if (status === 403)
    return new SourceError(
      'forbidden',
      `The account may not read ${where} (403)${said}`,
      status,
      undefined,
      false,
      why('http_forbidden'),
    )
  if (status === 404)
    return new SourceError(
      'not_found',
      `${where} does not exist on the server (404): check the URL or table name${said}`,
      status,
      undefined,
      false,
      why('http_not_found'),
    )
  if (status === 429)
    return new SourceError(
      'rate_limited',
      `The server is rate limiting requests (429) at ${where}${said}`,
      status,
      retryAfterMs,
      false,
      why('http_rate_limited'),
    )
  // 408: the server (or a gateway before it) gave up waiting for the request, or closed a kept-alive
  // connection just as it was reused; RFC 9110 lets a client repeat it, and the same GET usually
  // goes through at once. It was refused at once as a rejected request, failing the whole sync.
  if (status === 408)
    return new SourceError(
      'server',
      `The server gave up waiting for the request (408) at ${where}${said}`,
      status,
      retryAfterMs,
      false,
      why('http_server'),
    )
  if (status >= 500)
    return new SourceError(
      'server',
      `The server failed (${status}) at ${where}${said}`,
      status,
      retryAfterMs,
      false,
      why('http_server'),
    )
  return new SourceError(
    'client',
    `The server rejected the request (${status}) at ${where}${said}`,
    status,
    undefined,
    false,
    why('http_rejected'),
  )
}

const DETAIL_MAX = 200

/**
 * The server's own explanation in an error answer, one line and short: `error.message` (and
 * `error.detail`) as ServiceNow and our ITSM protocol write it, `error` or `message` as many APIs do,
 * or a plain-text body's first line. HTML pages (a proxy's, a login page) say nothing useful here.
 * `secrets` (the request's credentials) are redacted before the words are put on one line and cut:
 * afterwards a secret with a run of spaces or a tab no longer matches, and one cut by the length
 * limit would leave its first characters behind.
 */
export function errorDetail(
  body: string,
  contentType: string | null,
  secrets: readonly string[] = [],
): string | undefined {
  const text = body.trim()
  const oneLine = (words: string): string | undefined => flatten(redactSecrets(words, secrets, '[redacted]'))
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as unknown
      const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined)
      const obj = (v: unknown): Record<string, unknown> | undefined =>
        v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
      const root = obj(json)
      const error = obj(root?.['error'])
      const message = str(error?.['message']) ?? str(root?.['error']) ?? str(root?.['message'])
      const extra = str(error?.['detail'])
      return message ? oneLine(extra && extra !== message ? `${message} (${extra})` : message) : undefined
    } catch {
      return undefined
    }
  }
  if (contentType?.toLowerCase().startsWith('text/plain')) return oneLine(text.split('\n')[0] ?? '')
  // A proxy's or gateway's error page ("502 Bad Gateway"): its title is what it says.
  if (isHtml(text, contentType)) return htmlTitle(text, secrets)
  return undefined
}

/** `text` on one line, without control characters, cut to DETAIL_MAX; undefined when empty. */
function flatten(text: string): string | undefined {
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (clean === '') return undefined
  return clean.length > DETAIL_MAX ? `${clean.slice(0, DETAIL_MAX - 1)}…` : clean
}

/** Whether an answer is an HTML page (by its type, or its first tag when the type says nothing). */
function isHtml(text: string, contentType: string | null): boolean {
  const type = contentType?.toLowerCase() ?? ''
  if (type.includes('html')) return true
  return !type.includes('json') && /^\s*<(!doctype html|html|head|body)\b/i.test(text)
}

/** The entities a page title is decoded from (nbsp as a plain space). */
const TITLE_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: ' ',
}

/** The page's <title>, `secrets` redacted, on one line and cut to DETAIL_MAX; undefined when it has none. */
function htmlTitle(html: string, secrets: readonly string[]): string | undefined {
  const inner = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html.slice(0, 65_536))?.[1]
  if (!inner) return undefined
  return flatten(
    redactSecrets(
      inner.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => TITLE_ENTITIES[e] ?? ' '),
      secrets,
      '[redacted]',
    ),
  )
}

/** The URL without query string or credentials, for messages and logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return '(invalid URL)'
  }
}

export type JsonResponse = { body: unknown; headers: Headers; status: number }

/** Strict: bytes that are not UTF-8 throw instead of becoming U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** `deps` that also tell `opts.onRetry` (a page's caller) about each retry. */
export function withRetryNotice(deps: HttpDeps, opts: { onRetry?: (info: RetryInfo) => void }): HttpDeps {
  const notify = opts.onRetry
  if (!notify) return deps
  return {
    ...deps,
    onRetry: (info) => {
      deps.onRetry?.(info)
      notify(info)
    },
  }
}

/** What requestJson sends, and which error answers its caller reads as answers. */
export type JsonRequest = {
  method?: string
  headers?: Record<string, string>
  body?: string
  signal: AbortSignal
  /**
   * An error answer (status not 2xx) whose JSON body the caller reads as an answer rather than a
   * failure: true returns it as a JsonResponse with its status (ServiceNow's 404 "No Record found"
   * for a query that matches nothing). Not asked about answers whose body is not JSON.
   */
  answers?: (status: number, body: unknown) => boolean
  /**
   * Where the attempt after a failure that is retried goes: called with that failure and the URL it
   * met; undefined asks the same URL again. (The ITSM connector asks for a smaller page after a
   * timeout, and says so: the retry's notice carries the page's rows before and now.)
   */
  retryUrl?: (error: SourceError, url: string) => RetryTarget | undefined
}

/** GETs (or sends) `url` and parses JSON, retrying what is worth retrying; throws SourceError. */
export async function requestJson(
  url: string,
  init: JsonRequest,
  policy: RetryPolicy,
  deps: HttpDeps,
): Promise<JsonResponse> {
  const redact = redactor(init.headers ?? {})
  checkHeaderValues(init.headers ?? {})
  let last: SourceError | undefined
  let current = url
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (init.signal.aborted) throw cancelled()
    try {
      return await attemptOnce(current, init, policy, deps)
    } catch (err) {
      const error = redact(toSourceError(err, current, init.signal))
      // Asked to wait longer than a run waits: said with the time to sync again, on the last attempt
      // too (where "gave up after N attempts" left out when the server would answer again).
      if (error.retryable && error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs(policy))
        throw waitTooLong(error, deps.now(), deps.timeZone)
      if (!error.retryable || attempt === policy.maxAttempts) throw withAttempts(error, attempt)
      last = error
      const target = init.retryUrl?.(error, current)
      current = target?.url ?? current
      const delayMs = backoffDelay(attempt, policy, deps.random, error.retryAfterMs)
      deps.onRetry?.({
        attempt,
        maxAttempts: policy.maxAttempts,
        delayMs,
        reason: error.message,
        ...(error.reason ? { why: error.reason } : {}),
        ...(target?.pageRows ? { pageRows: target.pageRows } : {}),
      })
      await deps.sleep(delayMs, init.signal)
    }
  }
  throw (
    last ??
    new SourceError(
      'network',
      `No attempt was made to reach ${safeUrl(url)}`,
      undefined,
      undefined,
      false,
      syncReason('no_attempt', { url: safeUrl(url) }),
    )
  )
}

/**
 * A Retry-After longer than a run waits (ServiceNow's rate limits are per hour): retrying sooner
 * would only spend the attempts on more 429s, so the run ends now and says when to try again.
 */
function waitTooLong(error: SourceError, now: number, timeZone: string | undefined): SourceError {
  const ms = error.retryAfterMs ?? 0
  const local = timeZone ? DateTime.fromMillis(now + ms, { zone: timeZone }) : null
  const until =
    local?.isValid === true
      ? `${local.toFormat('yyyy-MM-dd HH:mm:ss')} (${timeZone})`
      : `${new Date(now + ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`
  const wait = ms >= 120_000 ? `${Math.ceil(ms / 60_000)} minutes` : `${Math.ceil(ms / 1000)} seconds`
  const [ours, said] = error.message.split(SERVER_SAID)
  return new SourceError(
    error.kind,
    `${ours}; it asks to wait ${wait} (Retry-After), until ${until}, longer than a sync waits: ` +
      `sync again after that time${said !== undefined ? `${SERVER_SAID}${said}` : ''}`,
    error.status,
    error.retryAfterMs,
    true,
    syncReason('wait_too_long', { ...error.reason?.params, until }),
  )
}

/** Header values that carry credentials: the Authorization schemes' tokens and a Basic password. */
function credentialsIn(headers: Record<string, string>): string[] {
  const found: string[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (!/^(proxy-)?authorization$/i.test(name)) continue
    const [scheme, ...rest] = value.split(' ')
    const credential = rest.join(' ')
    found.push(value, credential)
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(credential, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon >= 0) found.push(decoded, decoded.slice(colon + 1))
    }
  }
  // Longest first, so a whole header goes before the token inside it.
  return [...new Set(found)].sort((a, b) => b.length - a.length)
}

/**
 * Removes the request's credentials from an error's message. Our own messages never hold them, but
 * a runtime's (fetch naming an invalid header value) or a server's (echoing a token back) may, and
 * messages go to the sync log on disk and to the Sync screen.
 */
function redactor(headers: Record<string, string>): (error: SourceError) => SourceError {
  const secrets = credentialsIn(headers)
  return (error) => {
    const message = redactSecrets(error.message, secrets, '[redacted]')
    const why = error.reason && redactReason(error.reason, secrets, '[redacted]')
    if (message === error.message && why === error.reason) return error
    return new SourceError(error.kind, message, error.status, error.retryAfterMs, !error.retryable, why)
  }
}

/**
 * Refuses header values HTTP cannot carry (a token pasted with its line break, a control character,
 * a Korean letter in a bearer token) before fetch does, whose own error would quote the value.
 */
function checkHeaderValues(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!/[^\t\x20-\x7e\x80-\xff]/.test(value)) continue
    const secret = /authorization/i.test(name)
    throw new SourceError(
      'client',
      secret
        ? 'The token or password cannot be sent: it holds a line break, another control character or a ' +
            'letter HTTP headers cannot carry. Enter it again (Settings → Connections, or the variable ' +
            'the command line reads)'
        : `The request header ${name} holds a character HTTP headers cannot carry`,
      undefined,
      undefined,
      false,
      secret ? syncReason('secret_unsendable') : syncReason('header_unsendable', { header: name }),
    )
  }
}

async function attemptOnce(
  url: string,
  init: JsonRequest,
  policy: RetryPolicy,
  deps: HttpDeps,
): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(policy.timeoutMs)
  const signal = AbortSignal.any([init.signal, timeout])
  const response = await deps.fetch(url, {
    method: init.method ?? 'GET',
    headers: { accept: 'application/json', 'user-agent': USER_AGENT, ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
    signal,
  })
  // fetch follows redirects, but not with the Authorization header to another origin (scheme, host
  // or port): http:// to an instance that forces https://, or a host name sent on to another one,
  // then answered 401 and the user was told the password was wrong. Say where it leads instead.
  if (
    response.redirected &&
    response.url !== '' &&
    URL.parse(response.url)?.origin !== URL.parse(url)?.origin
  ) {
    // Read whole, which also frees the connection for reuse.
    const body = await response.arrayBuffer().catch(() => new ArrayBuffer(0))
    const from = safeUrl(url)
    const to = safeUrl(response.url)
    // Sent on to a web page on another host: a single sign-on gateway in front of the API sending an
    // unknown client to its sign-in page. The URL is not what is wrong, so it is not said to be.
    if (URL.parse(response.url)?.hostname !== URL.parse(url)?.hostname) {
      const text = new TextDecoder().decode(body.slice(0, 65_536))
      if (isHtml(text, response.headers.get('content-type'))) {
        const title = htmlTitle(text, credentialsIn(init.headers ?? {}))
        throw new SourceError(
          'malformed',
          `The server answered ${from} with a web page, not JSON: it sent the request on to ${to}` +
            `${title ? ` ("${title}")` : ''}, a sign-in page? A single sign-on gateway in front of the API ` +
            'lets no program through with a token or password: ask its administrators to let this ' +
            "connection's requests through, and open the URL in a browser to see the page",
          response.status,
          undefined,
          true,
          syncReason('html_page', { url: from, ...(title ? { title } : {}) }),
        )
      }
    }
    throw new SourceError(
      'client',
      `${from} redirected to ${to}, another address, where the credentials are not sent: set the ` +
        "connection's URL to the server's own address (https:// instead of http://?)",
      undefined,
      undefined,
      false,
      syncReason('http_redirected', { url: from, to }),
    )
  }
  if (!response.ok) {
    // Read the body (which also frees the connection for reuse) for the server's own explanation.
    const body = await response.arrayBuffer().catch(() => new ArrayBuffer(0))
    if (init.answers) {
      const answer = jsonOrUndefined(body)
      if (answer !== undefined && init.answers(response.status, answer))
        return { body: answer, headers: response.headers, status: response.status }
    }
    const detail = errorDetail(
      new TextDecoder().decode(body.slice(0, 16_384)),
      response.headers.get('content-type'),
      credentialsIn(init.headers ?? {}),
    )
    throw classifyStatus(
      response.status,
      url,
      parseRetryAfter(response.headers.get('retry-after'), deps.now(), response.headers.get('date')),
      detail,
    )
  }
  let bytes: ArrayBuffer
  try {
    bytes = await response.arrayBuffer()
  } catch (err) {
    // The time limit or a cancel: toSourceError says which.
    if (signal.aborted) throw err
    throw brokenOff(url, err)
  }
  let text: string
  try {
    text = UTF8.decode(bytes)
  } catch {
    // Decoding leniently would store U+FFFD for every Korean name a legacy server writes in
    // EUC-KR, and names key tenants, people and categories: refuse the page instead.
    throw new SourceError(
      'malformed',
      `The server sent a response that is not UTF-8 text at ${safeUrl(url)}: JSON must be UTF-8 ` +
        '(is the server writing EUC-KR or another legacy encoding?)',
      response.status,
      undefined,
      true,
      syncReason('not_utf8', { url: safeUrl(url) }),
    )
  }
  try {
    return { body: JSON.parse(text) as unknown, headers: response.headers, status: response.status }
  } catch {
    // A web page where JSON belongs: a sign-in portal, a gateway's error page, a hibernating
    // ServiceNow instance. Trying again brings the same page, so it fails at once and says so.
    if (isHtml(text, response.headers.get('content-type'))) {
      const title = htmlTitle(text, credentialsIn(init.headers ?? {}))
      throw new SourceError(
        'malformed',
        `The server answered ${safeUrl(url)} with a web page, not JSON${title ? ` ("${title}")` : ''}: ` +
          "a sign-in page, a proxy's or gateway's error page, or a ServiceNow instance that is " +
          'hibernating? Check the URL, and open it in a browser',
        response.status,
        undefined,
        true,
        syncReason('html_page', { url: safeUrl(url), ...(title ? { title } : {}) }),
      )
    }
    throw new SourceError(
      'malformed',
      `The server sent a response that is not valid JSON (${text.length} bytes) at ${safeUrl(url)}`,
      undefined,
      undefined,
      false,
      syncReason('not_json', { url: safeUrl(url), bytes: text.length }),
    )
  }
}

/**
 * A 200 whose body stopped before its end: the connection closed after the headers (a server whose
 * serializer fails on a row once the answer has begun, a proxy cutting long answers). The server was
 * reached and answered, so this is no network that is down (which the app waits out quietly as
 * 'offline'): it is retried as a server failure, and said as one when it keeps happening.
 */
function brokenOff(url: string, err: unknown): SourceError {
  const where = safeUrl(url)
  const detail =
    err instanceof Error && err.cause instanceof Error
      ? err.cause.message
      : err instanceof Error
        ? err.message
        : String(err)
  return new SourceError(
    'server',
    `The server's answer from ${where} broke off before its end (${detail}): it closed the connection ` +
      "while sending the page. Check the server's log, and any proxy between it and this PC",
    200,
    undefined,
    false,
    syncReason('body_cut', { url: where, detail }),
  )
}

/** An error answer's body as JSON; undefined when it is not UTF-8 JSON. */
function jsonOrUndefined(bytes: ArrayBuffer): unknown {
  try {
    return JSON.parse(UTF8.decode(bytes)) as unknown
  } catch {
    return undefined
  }
}

function toSourceError(err: unknown, url: string, signal: AbortSignal): SourceError {
  if (err instanceof SourceError) return err
  if (signal.aborted) return cancelled()
  const where = safeUrl(url)
  /** A failure without status or wait: `kind`, `message`, and its reason. */
  const failure = (kind: SourceErrorKind, message: string, why: SyncErrorReason): SourceError =>
    new SourceError(kind, message, undefined, undefined, false, why)
  const name = err instanceof Error ? err.name : ''
  if (name === 'TimeoutError' || name === 'AbortError')
    return failure('timeout', `No answer in time from ${where}`, syncReason('timeout', { url: where }))
  const cause =
    err instanceof Error && err.cause instanceof Error
      ? err.cause.message
      : err instanceof Error
        ? err.message
        : String(err)
  // fetch refuses the Fetch standard's blocked ports before connecting: no retry will ever reach it.
  const parsed = URL.parse(url)
  const port = parsed && blockedPort(parsed)
  if (port && saysBadPort(err))
    return failure(
      'client',
      `Cannot connect to ${where}: port ${port} is one that HTTP clients refuse to use (the Fetch ` +
        `standard's blocked ports). Serve the API on another port, or behind a reverse proxy on one`,
      syncReason('blocked_port', { url: where, port }),
    )
  const detail = { detail: cause, ...detailParams(err) }
  // A server whose certificate is not trusted answers every time, so this is no network trouble to
  // wait out: it fails at once and says what to do.
  if (isCertificateError(err))
    return failure(
      'certificate',
      `The server's TLS certificate was not accepted at ${where} (${cause}). If the server uses ` +
        `a certificate from your organisation's own authority, add that CA certificate (a PEM or .cer ` +
        `file) to the connection: Settings → Connections → CA certificate, or \`source ca NAME FILE\` ` +
        `on the command line; otherwise the server's certificate needs renewing or its address does ` +
        `not match the URL`,
      syncReason('certificate', { url: where, ...detail }),
    )
  // https:// to a port that speaks plain HTTP: OpenSSL's "wrong version number", quoted with its
  // source file and a line break, was retried six times as if the network were down.
  if (codesOf(err).some((code) => PLAIN_HTTP_CODES.includes(code)))
    return failure(
      'client',
      `The server at ${where} did not answer HTTPS: this port seems to speak plain HTTP. ` +
        'Check the URL (http:// instead of https://, or the HTTPS port)',
      syncReason('plain_http', { url: where }),
    )
  // A proxy that refuses the tunnel (403, a login it asks for) says so every time.
  if (codesOf(err).includes(PROXY_REFUSED))
    return failure(
      'proxy',
      `The proxy refused to connect to ${where}: ${cause}`,
      syncReason('proxy_refused', { url: where, detail: cause }),
    )
  return failure(
    'network',
    `Cannot reach ${where} (${cause})`,
    syncReason('unreachable', { url: where, ...detail }),
  )
}

function withAttempts(error: SourceError, attempts: number): SourceError {
  if (attempts <= 1 || !error.retryable) return error
  return new SourceError(
    error.kind,
    `${error.message} — gave up after ${attempts} attempts`,
    error.status,
    error.retryAfterMs,
    false,
    error.reason && { ...error.reason, params: { ...error.reason.params, attempts } },
  )
}

/** OpenSSL's and Node's codes for a certificate that does not verify (untrusted, expired, wrong name). */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT/

function isCertificateError(err: unknown): boolean {
  return codesOf(err).some((code) => CERTIFICATE_CODE.test(code))
}

/** OpenSSL's codes for a TLS handshake answered in plain HTTP. */
const PLAIN_HTTP_CODES: readonly string[] = ['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']

/** Code of the failure a connection's proxy reports when it refuses the tunnel (transport.ts). */
export const PROXY_REFUSED = 'ERR_OPS_PROXY_REFUSED'

const DETAIL_CODES: ReadonlySet<string> = new Set(NETWORK_DETAIL_CODES)

/**
 * The params that let the UI word a network or certificate failure's detail: the first code along
 * `err`'s cause chain it knows (`detailCode`), with the host name DNS did not find, or the host and
 * the names a certificate was issued for. Nothing when no code is known (the English detail shows).
 */
function detailParams(err: unknown): Record<string, string> {
  for (const e of causeChain(err)) {
    const { code, hostname, host, cert } = e as {
      code?: unknown
      hostname?: unknown
      host?: unknown
      cert?: { subjectaltname?: unknown; subject?: { CN?: unknown } }
    }
    if (typeof code !== 'string' || !DETAIL_CODES.has(code)) continue
    const params: Record<string, string> = { detailCode: code }
    if (code === 'ENOTFOUND' && typeof hostname === 'string') params['hostname'] = hostname
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      if (typeof host === 'string') params['host'] = host
      const names = cert?.subjectaltname ?? cert?.subject?.CN
      if (typeof names === 'string' && names !== '') params['altnames'] = names.slice(0, 500)
    }
    return params
  }
  return {}
}

/** Whether fetch refused the port (its "bad port" network error, through a proxy's wrapping too). */
function saysBadPort(err: unknown): boolean {
  return causeChain(err).some((e) => e.message === 'bad port')
}

/** `err` and its causes, four deep at most (fetch's TypeError, the socket's or TLS error, …). */
function causeChain(err: unknown): Error[] {
  const chain: Error[] = []
  for (let e: unknown = err; e instanceof Error && chain.length < 4; e = e.cause) chain.push(e)
  return chain
}

/** The error codes along `err`'s cause chain. */
function codesOf(err: unknown): string[] {
  return causeChain(err)
    .map((e) => (e as { code?: unknown }).code)
    .filter((code): code is string => typeof code === 'string')
}
