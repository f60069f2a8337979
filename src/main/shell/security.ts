// The window hardening of every BrowserWindow: secure webPreferences, a strict CSP, navigation and
// window-open denial, permission denial, and the external-link allowlist. Electron objects are
// passed in (type-only imports), so every rule here runs under plain Node in vitest with fakes.
import type { Session, WebContents, WebPreferences } from 'electron'

/** webPreferences every window gets; the preload path is added per window. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences

/**
 * Hosts the app may open in the user's browser (help pages of the sources it talks to). A host
 * also admits its subdomains; everything else is refused.
 */
export const DEFAULT_EXTERNAL_ALLOWLIST: readonly string[] = [
  'developers.google.com',
  'support.google.com',
  'docs.servicenow.com',
  'www.servicenow.com',
]

export type CspOptions = {
  /** The Vite dev server (dev only): its origin and websocket are allowed for HMR. */
  devServerUrl?: string
  /** Extra 'sha256-…' sources for inline scripts the dev server injects (React refresh preamble). */
  devScriptHashes?: readonly string[]
  /** A <meta> CSP ignores frame-ancestors (and Chromium warns about it), so it is left out there. */
  forMeta?: boolean
}

/** Builds the Content-Security-Policy string: strict in production, plus the dev server in dev. */
export function buildCsp(opts: CspOptions = {}): string {
  const dev = opts.devServerUrl ? devSources(opts.devServerUrl) : null
  // Only well-formed hash sources pass: this list may come from an environment variable.
  const hashes = (opts.devScriptHashes ?? []).filter((h) => /^'sha(256|384|512)-[A-Za-z0-9+/=]+'$/.test(h))
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...(dev ? [dev.http] : []), ...hashes]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(dev ? [dev.http, dev.ws] : [])]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ...(opts.forMeta ? [] : [['frame-ancestors', ["'none'"]] satisfies [string, string[]]]),
  ]
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ')
}

function devSources(devServerUrl: string): { http: string; ws: string } {
  const url = new URL(devServerUrl)
  const wsProtocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return { http: url.origin, ws: `${wsProtocol}//${url.host}` }
}

/**
 * True when `url` may be opened in the user's browser: https only, no credentials, the default
 * port, and a host equal to (or a subdomain of) an allowlisted host. Parsed, never pattern-matched.
 */
export function isAllowedExternalUrl(url: string, allowlist: readonly string[]): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:') return false
  if (parsed.username !== '' || parsed.password !== '') return false
  // URL drops the default port (443), so any port left is an odd one.
  if (parsed.port !== '') return false
  const host = parsed.hostname.toLowerCase()
  // Punycode (IDN) hosts are never on the allowlist; a lookalike such as docs.servіcenow.com
  // (Cyrillic і) parses to xn--… and is refused here rather than by luck of the suffix match.
  if (host.split('.').some((label) => label.startsWith('xn--'))) return false
  if (host === '' || host.endsWith('.')) return false
  return allowlist.some((entry) => {
    const allowed = entry.toLowerCase()
    return host === allowed || host.endsWith(`.${allowed}`)
  })
}

/** True when a navigation target is the same document (an in-page hash change), the only one allowed. */
export function isSamePageNavigation(currentUrl: string, targetUrl: string): boolean {
  try {
    const current = new URL(currentUrl)
    const target = new URL(targetUrl)
    current.hash = ''
    target.hash = ''
    return current.href === target.href
  } catch {
    return false
  }
}

/** Minimal logger the shell writes security refusals to. */
export type ShellLogger = { warn(message: string): void; error(message: string): void }

type NavigationEvent = { preventDefault(): void }

/**
 * Denies navigation away from the page, new windows and (through the allowlist) hands https
 * links to the OS browser. `openExternal` is Electron's shell.openExternal in the app.
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'getURL'>,
  deps: { allowlist: readonly string[]; openExternal(url: string): Promise<void>; log: ShellLogger },
): void {
  const denyNavigation = (event: NavigationEvent, url: string): void => {
    if (isSamePageNavigation(contents.getURL(), url)) return
    event.preventDefault()
    deps.log.warn(`Blocked navigation to ${redactUrl(url)}`)
  }
  contents.on('will-navigate', (event) => denyNavigation(event, event.url))
  contents.on('will-redirect', (event) => denyNavigation(event, event.url))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    deps.log.warn('Blocked a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, deps.allowlist)) {
      deps.openExternal(url).catch((err: unknown) => deps.log.error(`openExternal failed: ${String(err)}`))
    } else {
      deps.log.warn(`Blocked window.open of ${redactUrl(url)}`)
    }
    return { action: 'deny' }
  })
}

/**
 * Sets the CSP header on every response of the session and denies every permission request and
 * check (notifications, media, geolocation, …): the console needs none of them.
 */
export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
    webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>
  },
  csp: string,
): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = withoutCspHeaders(details.responseHeaders ?? {})
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** Drops any CSP the server sent (case-insensitively) so ours is the only one. */
export function withoutCspHeaders(headers: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
  )
}

/** Logs URLs without query strings or credentials: they may carry tokens. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`
  } catch {
    return '(unparsable url)'
  }
}
