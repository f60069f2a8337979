// The Connections form's own checks: the same rules the core applies to sources:add/update (the
// contract's name, URL, token and table; registry.ts's proxy URL and proxy user), checked before
// saving so each mistake is said in the UI's language under the field it is in, not as the
// core's English sentence above the form.
import type { SourceKind } from '../../../../shared/ipc/types-sync'
import { blockedPort } from '../../../../shared/blocked-ports'
import { resumeMarginSchema } from '../../../../shared/servicenow-margin'
import {
  apiAddress,
  browserAddress,
  serviceNowAddress,
  type BrowserAddress,
} from '../../../../shared/servicenow-url'
import { urlQueryProblem } from '../../../../shared/url-query'
import type { CodeMapParse, CodeMapProblem } from '../../../../shared/servicenow-code-map'
import { parsePriorityMapText, type PriorityMap } from '../../../../shared/servicenow-priority-map'
import { parseStateMapText, type StateMap } from '../../../../shared/servicenow-state-map'

export type ConnectionDraft = {
  kind: SourceKind
  /** Checked only when a connection is added (an edit cannot rename it). */
  name: string | null
  url: string
  table: string
  /** ServiceNow: user and password (true) or a bearer token (false). */
  basic: boolean
  user: string
  /** The secret typed in the form ('' keeps the stored one). */
  secret: string
  /** No secret is stored that an empty secret would keep (a new connection, an unreadable one, another way to sign in). */
  secretNeeded?: boolean
  proxy: string
  proxyUser: string
  /** The proxy password typed ('' keeps the stored one). */
  proxyPassword?: string
  /** No proxy password is kept for this proxy user (a new one, or none stored). */
  proxyPasswordNeeded?: boolean
  /** ServiceNow: the re-read margin in seconds as typed ('' for the default minute). */
  margin: string
}

export type ConnectionField =
  'name' | 'url' | 'table' | 'user' | 'secret' | 'margin' | 'proxy' | 'proxyUser' | 'proxyPassword'

/** Message keys under `connections.invalid`. */
export type ConnectionProblem =
  | 'name'
  | 'nameTaken'
  | 'url'
  | 'urlServiceNow'
  | 'urlLogin'
  | 'urlPort'
  | 'urlTable'
  | 'urlSecret'
  | 'urlQuery'
  | 'table'
  | 'user'
  | 'userMissing'
  | 'token'
  | 'tokenMissing'
  | 'passwordMissing'
  | 'secretLength'
  | 'margin'
  | 'proxy'
  | 'proxyLogin'
  | 'proxyPath'
  | 'proxyUser'
  | 'proxyPasswordMissing'

/** The fields in the order the form shows them: the first one at fault gets the focus. */
export const CONNECTION_FIELDS: readonly ConnectionField[] = [
  'name',
  'url',
  'table',
  'user',
  'secret',
  'margin',
  'proxy',
  'proxyUser',
  'proxyPassword',
]

const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/
const TABLE = /^[a-z0-9_]+$/
/** A bearer token goes into a header as it is: visible ASCII only. */
const TOKEN = /^[\x21-\x7e]+$/
const MAX_URL = 2048
const MAX_SECRET = 4096
const MAX_USER = 200

/** The re-read margin typed, in whole seconds within the allowed range, or null. */
export function marginSeconds(text: string): number | null {
  const t = text.trim()
  const parsed = /^\d{1,6}$/.test(t) ? resumeMarginSchema.safeParse(Number(t)) : null
  return parsed?.success ? parsed.data : null
}

function httpUrl(text: string): URL | null {
  const parsed = URL.parse(text)
  return parsed && /^https?:$/.test(parsed.protocol) && parsed.hostname !== '' ? parsed : null
}

/**
 * A ServiceNow address typed as a browser shows one of the instance's pages (a list, a record, Next
 * Experience): the instance's address the core stores in its place (registry.ts withInstanceAddress),
 * and the table the page shows. Null for any other address, and one with a login (refused as it is).
 */
export function pageAddress(kind: SourceKind, text: string): BrowserAddress | null {
  const url = kind === 'servicenow' && text.length <= MAX_URL ? httpUrl(text) : null
  return url && url.username === '' && url.password === '' ? browserAddress(url) : null
}

/**
 * The instance's address the core stores for a ServiceNow address typed as a browser shows a page
 * (pageAddress) or with its Table API path (`…/api/now/table/NAME`: registry.ts), and the table that
 * address names; `api` tells the two apart. Null for any other address.
 */
export function storedAddress(kind: SourceKind, text: string): (BrowserAddress & { api: boolean }) | null {
  const page = pageAddress(kind, text)
  if (page) return { ...page, api: false }
  const url = kind === 'servicenow' && text.length <= MAX_URL ? httpUrl(text) : null
  const api = url && url.username === '' && url.password === '' ? apiAddress(url) : null
  return api ? { base: api.base, table: api.pastedTable, api: true } : null
}

/** What is wrong with each field of the draft, if anything (an empty object: it can be saved). */
export function checkConnectionDraft(
  d: ConnectionDraft,
): Partial<Record<ConnectionField, ConnectionProblem>> {
  const problems: Partial<Record<ConnectionField, ConnectionProblem>> = {}
  if (d.name !== null && !NAME.test(d.name)) problems.name = 'name'
  // A browser's address of a page is checked as the instance's address stored in its place.
  const page = pageAddress(d.kind, d.url)
  const url = page ? httpUrl(page.base) : d.url.length <= MAX_URL ? httpUrl(d.url) : null
  // The example in the message is an address of the kind being added (an instance for ServiceNow).
  if (!url) problems.url = d.kind === 'servicenow' ? 'urlServiceNow' : 'url'
  else if (url.username !== '' || url.password !== '') problems.url = 'urlLogin'
  else if (blockedPort(url) !== null) problems.url = 'urlPort'
  else {
    const query = urlQueryProblem(url, d.kind)
    if (query === 'credential') problems.url = 'urlSecret'
    else if (query === 'query') problems.url = 'urlQuery'
  }
  if (d.kind === 'servicenow') {
    if (!TABLE.test(d.table) || d.table.length > 80) problems.table = 'table'
    // An address pasted with /api/now/table/NAME: NAME must be the table asked for (the rest is dropped).
    const pasted = url && !problems.url ? serviceNowAddress(url).pastedTable : null
    if (pasted && pasted !== d.table) problems.url = 'urlTable'
    if (d.basic && d.user.trim() === '') problems.user = 'userMissing'
    else if (d.basic && d.user.length > MAX_USER) problems.user = 'user'
    if (d.margin.trim() !== '' && marginSeconds(d.margin) === null) problems.margin = 'margin'
  }
  const isToken = d.kind === 'itsm' || !d.basic
  if (d.secret === '' && d.secretNeeded) problems.secret = isToken ? 'tokenMissing' : 'passwordMissing'
  else if (d.secret !== '') {
    if (d.secret.length > MAX_SECRET) problems.secret = 'secretLength'
    else if (isToken && !TOKEN.test(d.secret)) problems.secret = 'token'
  }
  const proxyText = d.proxy.trim()
  if (proxyText !== '') {
    const proxy = proxyText.length <= MAX_URL ? httpUrl(proxyText) : null
    if (!proxy) problems.proxy = 'proxy'
    else if (proxy.username !== '' || proxy.password !== '') problems.proxy = 'proxyLogin'
    else if ((proxy.pathname !== '/' && proxy.pathname !== '') || proxy.search !== '' || proxy.hash !== '')
      problems.proxy = 'proxyPath'
    const user = d.proxyUser.trim()
    if (user.includes(':') || user.length > MAX_USER) problems.proxyUser = 'proxyUser'
    else if (user !== '' && d.proxyPasswordNeeded && !d.proxyPassword)
      problems.proxyPassword = 'proxyPasswordMissing'
  }
  return problems
}

/** A ServiceNow connection's own codes: its State codes and Priority codes fields, in that order. */
export const CODE_MAP_FIELDS = ['stateMap', 'priorityMap'] as const
export type CodeMapField = (typeof CODE_MAP_FIELDS)[number]
/** Each one's slug in element ids and test ids (conn-state-map, connection-priority-map). */
export const CODE_MAP_SLUGS: Record<CodeMapField, string> = {
  stateMap: 'state-map',
  priorityMap: 'priority-map',
}

const CODE_MAP_PARSERS: { [K in CodeMapField]: (text: string) => CodeMapParse<string> } = {
  stateMap: parseStateMapText,
  priorityMap: parsePriorityMapText,
}

/** The code maps typed (null: the field is empty), or what is wrong with each field that is not. */
export type CodeMapsChecked =
  | { ok: true; maps: { stateMap: StateMap | null; priorityMap: PriorityMap | null } }
  | {
      ok: false
      /** The English message (the command line's) and the problem the form words in its language. */
      problems: Partial<Record<CodeMapField, { error: string; problem: CodeMapProblem }>>
    }

/**
 * Reads a ServiceNow connection's State codes and Priority codes fields (`4=PENDING, -5=OPEN`,
 * `0=P1, 6=P4`) as the command line and the core read them; an ITSM REST connection has neither.
 */
export function checkCodeMaps(kind: SourceKind, texts: Record<CodeMapField, string>): CodeMapsChecked {
  const maps: Record<CodeMapField, Readonly<Record<string, string>> | null> = {
    stateMap: null,
    priorityMap: null,
  }
  const problems: Partial<Record<CodeMapField, { error: string; problem: CodeMapProblem }>> = {}
  for (const field of CODE_MAP_FIELDS) {
    const text = texts[field].trim()
    if (kind !== 'servicenow' || text === '') continue
    const parsed = CODE_MAP_PARSERS[field](text)
    if (parsed.ok) maps[field] = parsed.map
    else problems[field] = { error: parsed.error, problem: parsed.problem }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems }
  // Each parser gives its own kind of values: statuses for the state map, priorities for the other.
  return {
    ok: true,
    maps: { stateMap: maps.stateMap as StateMap | null, priorityMap: maps.priorityMap as PriorityMap | null },
  }
}
