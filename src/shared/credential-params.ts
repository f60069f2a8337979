// The query parameter names whose values are credentials: one list for the two places that look for
// them. url-query.ts refuses a connection address that carries one (it would be stored in plain
// text), and redact.ts scrubs their values from messages bound for logs and screens (a server or a
// runtime may quote a URL that holds one). No electron, no node: the renderer's form checks use it too.

/**
 * Parts that make a name a credential's wherever they stand in it (`access_token`, `client_secret`,
 * `X-Amz-Signature`, `api-key`, ServiceNow's `sysparm_ck`), as regular-expression sources.
 */
export const CREDENTIAL_NAME_PARTS: readonly string[] = [
  'token',
  'secret',
  'passw(?:or)?d',
  'pwd',
  'api[_-]?key',
  'sysparm_ck',
  'signature',
]

/**
 * Names that are a credential's only as the whole name: `sig` (a signed URL's signature) and
 * `auth`/`authorization` (a login or header value passed in the query). As parts they would take
 * `design`, `signal`, `author` or `oauth_version` too.
 */
export const CREDENTIAL_WHOLE_NAMES: readonly string[] = ['auth', 'authorization', 'sig']

const CREDENTIAL_NAME = new RegExp(
  `${CREDENTIAL_NAME_PARTS.join('|')}|^(?:${CREDENTIAL_WHOLE_NAMES.join('|')})$`,
  'i',
)

/** Whether a query parameter named `name` holds a credential (case does not matter). */
export function isCredentialParam(name: string): boolean {
  return CREDENTIAL_NAME.test(name)
}
