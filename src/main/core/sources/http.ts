// HTTP for every connector: timeouts, retries with exponential backoff and full jitter that honour
// Retry-After, cancellation, and errors that say what went wrong in words an operator can act on.
// Dependencies (fetch, sleep, random) are passed in so tests drive time and faults.

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
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void
}

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

/** A failure talking to a source; `kind` drives retries and the message the user sees. */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message)
    this.name = 'SourceError'
  }
  get retryable(): boolean {
    return RETRYABLE.has(this.kind)
  }
}

/** A sleep that wakes early (rejecting) when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new SourceError('cancelled', 'Cancelled'))
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new SourceError('cancelled', 'Cancelled'))
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
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

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** The wait before retry number `attempt` (1-based): full jitter over an exponential ceiling, or Retry-After. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs * 4)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(random() * ceiling)
}

function classifyStatus(status: number, url: string, retryAfterMs?: number): SourceError {
  const where = safeUrl(url)
  if (status === 401)
    return new SourceError(
      'auth',
      `The server refused the credentials (401) at ${where}: check the user, password or token`,
      status,
    )
  if (status === 403) return new SourceError('forbidden', `The account may not read ${where} (403)`, status)
  if (status === 404)
    return new SourceError(
      'not_found',
      `${where} does not exist on the server (404): check the URL or table name`,
      status,
    )
  if (status === 429)
    return new SourceError(
      'rate_limited',
      `The server is rate limiting requests (429) at ${where}`,
      status,
      retryAfterMs,
    )
  if (status >= 500)
    return new SourceError('server', `The server failed (${status}) at ${where}`, status, retryAfterMs)
  return new SourceError('client', `The server rejected the request (${status}) at ${where}`, status)
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

/** GETs (or sends) `url` and parses JSON, retrying what is worth retrying; throws SourceError. */
export async function requestJson(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal: AbortSignal },
  policy: RetryPolicy,
  deps: HttpDeps,
): Promise<JsonResponse> {
  let last: SourceError | undefined
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (init.signal.aborted) throw new SourceError('cancelled', 'Cancelled')
    try {
      return await attemptOnce(url, init, policy, deps)
    } catch (err) {
      const error = toSourceError(err, url, init.signal)
      if (!error.retryable || attempt === policy.maxAttempts) throw withAttempts(error, attempt)
      last = error
      const delayMs = backoffDelay(attempt, policy, deps.random, error.retryAfterMs)
      deps.onRetry?.({ attempt, delayMs, reason: error.message })
      await deps.sleep(delayMs, init.signal)
    }
  }
  throw last ?? new SourceError('network', `No attempt was made to reach ${safeUrl(url)}`)
}

async function attemptOnce(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal: AbortSignal },
  policy: RetryPolicy,
  deps: HttpDeps,
): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(policy.timeoutMs)
  const signal = AbortSignal.any([init.signal, timeout])
  const response = await deps.fetch(url, {
    method: init.method ?? 'GET',
    headers: { accept: 'application/json', ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
    signal,
  })
  if (!response.ok) {
    // Drain the body so the connection can be reused; its content is not needed.
    await response.arrayBuffer().catch(() => undefined)
    throw classifyStatus(
      response.status,
      url,
      parseRetryAfter(response.headers.get('retry-after'), deps.now()),
    )
  }
  const text = await response.text()
  try {
    return { body: JSON.parse(text) as unknown, headers: response.headers, status: response.status }
  } catch {
    throw new SourceError(
      'malformed',
      `The server sent a response that is not valid JSON (${text.length} bytes) at ${safeUrl(url)}`,
    )
  }
}

function toSourceError(err: unknown, url: string, signal: AbortSignal): SourceError {
  if (err instanceof SourceError) return err
  if (signal.aborted) return new SourceError('cancelled', 'Cancelled')
  const name = err instanceof Error ? err.name : ''
  if (name === 'TimeoutError' || name === 'AbortError')
    return new SourceError('timeout', `No answer in time from ${safeUrl(url)}`)
  const cause =
    err instanceof Error && err.cause instanceof Error
      ? err.cause.message
      : err instanceof Error
        ? err.message
        : String(err)
  // A server whose certificate is not trusted answers every time, so this is no network trouble to
  // wait out: it fails at once and says what to do.
  if (isCertificateError(err))
    return new SourceError(
      'certificate',
      `The server's TLS certificate was not accepted at ${safeUrl(url)} (${cause}). If the server uses ` +
        `a certificate from your organisation's own authority, add that CA certificate (a PEM or .cer ` +
        `file) to the connection: Settings → Connections → CA certificate, or \`source ca NAME FILE\` ` +
        `on the command line; otherwise the server's certificate needs renewing or its address does ` +
        `not match the URL`,
    )
  // A proxy that refuses the tunnel (403, a login it asks for) says so every time.
  if (codesOf(err).includes(PROXY_REFUSED))
    return new SourceError('proxy', `The proxy refused to connect to ${safeUrl(url)}: ${cause}`)
  return new SourceError('network', `Cannot reach ${safeUrl(url)} (${cause})`)
}

function withAttempts(error: SourceError, attempts: number): SourceError {
  if (attempts <= 1 || !error.retryable) return error
  return new SourceError(
    error.kind,
    `${error.message} — gave up after ${attempts} attempts`,
    error.status,
    error.retryAfterMs,
  )
}

/** OpenSSL's and Node's codes for a certificate that does not verify (untrusted, expired, wrong name). */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT/

function isCertificateError(err: unknown): boolean {
  return codesOf(err).some((code) => CERTIFICATE_CODE.test(code))
}

/** Code of the failure a connection's proxy reports when it refuses the tunnel (transport.ts). */
export const PROXY_REFUSED = 'ERR_OPS_PROXY_REFUSED'

/** The error codes along `err`'s cause chain. */
function codesOf(err: unknown): string[] {
  const codes: string[] = []
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') codes.push(code)
  }
  return codes
}
