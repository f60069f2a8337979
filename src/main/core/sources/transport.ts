// How one connection reaches its server when it needs more than the process's own fetch: its own CA
// certificates (trust.ts) and/or an HTTP proxy it must go through (a ServiceNow instance on the
// internet seen from an intranet). Built on undici, the library Node's own fetch is built on: its
// Agent takes a CA per connection pool and its ProxyAgent tunnels through a proxy (CONNECT), which
// the global fetch can do neither of.
import { createHash } from 'node:crypto'
import tls from 'node:tls'
import type { Dispatcher } from 'undici'
import { PROXY_REFUSED, type FetchLike } from './http'

export type ConnectionTransport = {
  /** PEM bundle trusted besides the system's authorities. */
  ca?: string | undefined
  /** `http://host:port` (or https://) of the proxy every request of this connection goes through. */
  proxy?: string | undefined
  /** The proxy's login (Basic), sent with each tunnel request; only with `proxy`. */
  proxyLogin?: { user: string; password: string } | undefined
}

/** The system's authorities: the bundled roots plus NODE_EXTRA_CA_CERTS where this Node can say so. */
function systemAuthorities(): readonly string[] {
  const withExtra = (tls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates
  return withExtra ? withExtra('default') : tls.rootCertificates
}

// undici is loaded on first use: it takes ~65 ms to load, which every CLI run and worker start
// would pay for connections that need none of this.
let undici: Promise<typeof import('undici')> | undefined
/** One connection pool per transport, kept for the process (a sync pages through one server). */
const dispatchers = new Map<string, Dispatcher>()

/**
 * The fetch of a connection with its own CA or proxy; null when it has neither (the caller's fetch
 * serves). A proxy that cannot be reached or refuses the tunnel fails like an unreachable server,
 * with the proxy named in the cause.
 */
export function connectionFetch(transport: ConnectionTransport): FetchLike | null {
  const { ca, proxy } = transport
  if (!ca && !proxy) return null
  const login = proxy ? transport.proxyLogin : undefined
  // The pool is keyed by a hash of the login, so the password is not kept a second time.
  const loginKey = login ? createHash('sha256').update(`${login.user}:${login.password}`).digest('hex') : null
  const key = JSON.stringify([ca ?? null, proxy ?? null, loginKey])
  return async (input, init) => {
    const { Agent, ProxyAgent, fetch } = await (undici ??= import('undici'))
    let dispatcher = dispatchers.get(key)
    if (!dispatcher) {
      const trust = ca ? { ca: [...systemAuthorities(), ca] } : {}
      dispatcher = proxy
        ? new ProxyAgent({
            uri: proxy,
            requestTls: trust,
            ...(login ? { token: basicAuthorization(login.user, login.password) } : {}),
          })
        : new Agent({ connect: trust })
      dispatchers.set(key, dispatcher)
    }
    const options = { ...(init as Parameters<typeof fetch>[1]), dispatcher }
    try {
      return (await fetch(input, options)) as unknown as Response
    } catch (err) {
      throw proxy ? throughProxy(err, proxy, login?.user) : err
    }
  }
}

/** The `Proxy-Authorization` value of a Basic login (RFC 7617: UTF-8, user and password joined by ":"). */
function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`
}

/**
 * The same failure, its cause saying it happened on the way through `proxy`; a refused tunnel gets
 * PROXY_REFUSED (not worth retrying), other codes are kept (a certificate error stays one).
 */
export function throughProxy(err: unknown, proxy: string, user: string | undefined): unknown {
  if (!(err instanceof Error) || err.name === 'AbortError' || err.name === 'TimeoutError') return err
  const inner = err.cause instanceof Error ? err.cause : err
  // undici reports a refused tunnel a few causes down ("Proxy response (403) !== 200 …").
  let refused: string | undefined
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5 && !refused; e = e.cause, depth++) {
    const status = /Proxy response \((\d+)\)|Proxy Authentication Required \((\d+)\)/.exec(e.message)
    refused = status?.[1] ?? status?.[2]
  }
  const what =
    refused === '407'
      ? user
        ? `${proxy} did not accept the login of "${user}" (407); check the proxy user and password`
        : `${proxy} asks for a login (407); give the connection the proxy user and password`
      : refused
        ? `${proxy} answered ${refused} to the tunnel request`
        : `through the proxy ${proxy}: ${inner.message}`
  // The original stays as the cause, so codes further down (a certificate's) are still seen; the
  // details the UI words a code with (the host name DNS did not know, a certificate's host and
  // names) come along with its code, so "DNS does not know the host name …" names the proxy's host.
  const { code, hostname, host, cert } = inner as {
    code?: unknown
    hostname?: unknown
    host?: unknown
    cert?: unknown
  }
  const cause = Object.assign(new Error(what, { cause: inner }), {
    code: refused ? PROXY_REFUSED : code,
    ...(refused ? {} : { hostname, host, cert }),
  })
  return new TypeError(err.message, { cause })
}
