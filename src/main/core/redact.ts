// Removing secrets from text bound for logs, errors and the screen (defence in depth: our own
// messages never hold them, but a runtime's or a server's may). A leaf module: source HTTP uses it
// without pulling in the secret store.
import { CREDENTIAL_NAME_PARTS, CREDENTIAL_WHOLE_NAMES } from '../../shared/credential-params'

/** Values shorter than this are not redacted: they would redact ordinary words. */
const MIN_SECRET = 4

/**
 * The forms a secret may take in quoted text: as it is, and as a server or a runtime quoting it
 * would write it: percent-encoded (in a URL or a form body), JSON-escaped, HTML-escaped, base64, and
 * with its whitespace runs made one space (an error's text put on one line). Longest first.
 */
export function secretForms(secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c),
    Buffer.from(secret, 'utf8').toString('base64'),
    secret.replace(/\s+/g, ' '),
    secret.replace(/\s+/g, ' ').trim(),
  ]
  return [...new Set(forms)].filter((f) => f.length >= MIN_SECRET).sort((a, b) => b.length - a.length)
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Replaces every occurrence of each secret in `text` with `mark`, in any of its quoted forms
 * (secretForms), and the beginning of one where a quote was cut short ("…" after its first
 * characters); then credentials that are no secret of ours but are credentials all the same
 * (scrubCredentials).
 */
export function redactSecrets(
  text: string,
  secrets: readonly (string | null | undefined)[],
  mark = '***',
): string {
  let out = text
  const forms = secrets
    .filter((s): s is string => !!s && s.length >= MIN_SECRET)
    .flatMap(secretForms)
    .sort((a, b) => b.length - a.length)
  for (const form of forms) out = out.split(form).join(mark)
  if (out.includes(CUT)) for (const form of forms) out = redactCutPrefix(out, form, mark)
  return scrubCredentials(out, mark)
}

/** What a quote cut short ends with (http.ts's one-line detail, the connectors' short quotes). */
const CUT = '…'

/** `text` with each "…" that follows the first characters of `secret` (at least MIN_SECRET) marked instead. */
function redactCutPrefix(text: string, secret: string, mark: string): string {
  let out = text
  let at = out.indexOf(CUT)
  while (at >= 0) {
    let cut = 0
    for (let k = Math.min(secret.length - 1, at); k >= MIN_SECRET; k--) {
      // The first character first: a long token is not compared whole at every length.
      if (out.charCodeAt(at - k) !== secret.charCodeAt(0)) continue
      if (out.slice(at - k, at) === secret.slice(0, k)) {
        cut = k
        break
      }
    }
    if (cut > 0) {
      out = `${out.slice(0, at - cut)}${mark}${out.slice(at)}`
      at = at - cut + mark.length
    }
    at = out.indexOf(CUT, at + 1)
  }
  return out
}

/**
 * A query parameter whose value is a credential (`?access_token=…`, `&sig=…`, ServiceNow's
 * `sysparm_ck`): its name as credential-params.ts lists them (the list a connection's address is
 * checked against). A value given as an Authorization header's (`&authorization=Basic b3Bz`) keeps
 * its scheme.
 */
const CREDENTIAL_PARAM = new RegExp(
  `([?&;](?:[\\w.-]*?(?:${CREDENTIAL_NAME_PARTS.join('|')})[\\w.-]*|(?:${CREDENTIAL_WHOLE_NAMES.join('|')})))=` +
    `((?:basic|bearer|digest|negotiate|token|ntlm)\\s+(?=[^&#\\s"'<>]))?([^&#\\s"'<>]+)`,
  'gi',
)
/** The password of a URL's userinfo (`https://user:pass@host`). */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*):([^\s/?#@]+)@/gi
/** An (Proxy-)Authorization header's credentials, quoted as `Authorization: Bearer …` or `authorization=Basic …`. */
const AUTHORIZATION_VALUE =
  /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:basic|bearer|digest|negotiate|token|ntlm)\s+)([^\s"',;]+)/gi

/**
 * Credentials in quoted text whatever their value: a URL's password, a credential query parameter
 * and an Authorization header's credentials become `mark` (the user name, parameter name and scheme
 * stay, so the text still says what was there).
 */
export function scrubCredentials(text: string, mark = '***'): string {
  // A value already marked (by an earlier pass, with its own mark) stays as it is.
  const marked = (value: string): boolean => value === mark || MARKS.some((m) => value.startsWith(m))
  return text
    .replace(URL_PASSWORD, (m, head: string, value: string) => (marked(value) ? m : `${head}:${mark}@`))
    .replace(CREDENTIAL_PARAM, (m, name: string, scheme: string | undefined, value: string) =>
      marked(value) ? m : `${name}=${scheme ?? ''}${mark}`,
    )
    .replace(AUTHORIZATION_VALUE, (m, head: string, value: string) => (marked(value) ? m : `${head}${mark}`))
}

/** The marks redaction writes in this app (http.ts's and the sync's). */
const MARKS = ['[redacted]', '***']

/** A reason's params with every secret replaced in its text values (they reach the log and screens as the message does). */
export function redactReason<R extends { code: string; params?: Record<string, string | number> }>(
  reason: R,
  secrets: readonly (string | null | undefined)[],
  mark = '***',
): R {
  if (!reason.params) return reason
  let changed = false
  const params: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(reason.params)) {
    const clean = typeof value === 'string' ? redactSecrets(value, secrets, mark) : value
    if (clean !== value) changed = true
    params[key] = clean
  }
  return changed ? { ...reason, params } : reason
}
