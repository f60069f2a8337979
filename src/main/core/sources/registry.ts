// Configured sources (the `sources` table). Config holds no secrets: the CLI stores the NAME of an
// environment variable that holds the token or password, the app stores secrets in the OS keychain
// (safeStorage); either way a SecretResolver hands them to the connector at sync time only.
import { z } from 'zod'
import type { Store } from '../db/open-database'
import { CoreError, reason } from '../errors'
import type { SourceSecretKind } from '../secrets'
import { DEFAULT_RETRY, type HttpDeps } from './http'
import { createItsmConnector, normaliseBaseUrl } from './itsm-rest/connector'
import { createServiceNowConnector } from './servicenow/connector'
import { blockedPort } from '../../../shared/blocked-ports'
import { stateMapSchema, type StateMap } from '../../../shared/servicenow-state-map'
import { priorityMapSchema, type PriorityMap } from '../../../shared/servicenow-priority-map'
import { resumeMarginSchema } from '../../../shared/servicenow-margin'
import { apiAddress, browserAddress, serviceNowAddress } from '../../../shared/servicenow-url'
import { urlQueryProblem } from '../../../shared/url-query'
import { itsmSkipSchema, skipProblem, skipProblemText, SKIP_CHOICES } from '../../../shared/itsm-skip'
import { connectionNameEn } from '../../../shared/labels'
import { connectionFetch } from './transport'
import { MAX_CA_BYTES } from './trust'
import type { Connector } from './types'
import { writeTransaction } from '../db/write-transaction'
import { forgetSourceIds } from '../db/repositories/tenants'

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Use 1–40 lower-case letters, digits, "-" or "_" (e.g. "prod-itsm")')
const url = z
  .string()
  .url('Give the full URL, e.g. https://itsm.example.go.kr')
  // zod runs every check even after .url() failed, so the refinements must not throw on a non-URL.
  .refine((u) => /^https?:$/.test(URL.parse(u)?.protocol ?? 'http:'), 'Only http and https URLs')
  .refine((u) => {
    const parsed = URL.parse(u)
    return parsed === null || (parsed.username === '' && parsed.password === '')
  }, 'Put credentials in a secret, not in the URL')
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'An environment variable name, e.g. ITSM_TOKEN')
/** The connection's own CA certificates (PEM), checked by trust.ts readCaCertificates when set. */
const ca = z
  .string()
  .min(1)
  .max(MAX_CA_BYTES * 2)
/** The HTTP proxy this connection goes through: scheme, host and port only (no login, no path). */
export const proxyUrl = z
  .string()
  .max(2048)
  .refine((u) => {
    const p = URL.parse(u)
    return p !== null && /^https?:$/.test(p.protocol) && p.hostname !== ''
  }, 'Give the proxy as http://host:port, e.g. http://proxy.example.go.kr:8080')
  .refine((u) => {
    const p = URL.parse(u)
    return p === null || (p.username === '' && p.password === '')
  }, "Give the proxy without a login: its user and password are the connection's proxy user and password")
  .refine((u) => {
    const p = URL.parse(u)
    return p === null || ((p.pathname === '/' || p.pathname === '') && p.search === '' && p.hash === '')
  }, "Give only the proxy's scheme, host and port (no path)")

/** The user of a proxy that asks for a login (Basic); its password is a secret like the others. */
const proxyUser = z
  .string()
  .min(1)
  .max(200)
  .refine((u) => !u.includes(':'), 'A proxy user name cannot contain ":"')

/** How a connection reaches its server: its own CA certificates, a proxy and the proxy's login. */
const transportFields = {
  ca: ca.optional(),
  proxy: proxyUrl.optional(),
  proxyUser: proxyUser.optional(),
  /** The CLI's variable holding the proxy password (the app keeps it in the OS keychain). */
  proxyPasswordEnv: envName.optional(),
}

/** A proxy login needs a proxy, and a password variable needs a user. */
function checkProxyLogin(
  c: { proxy?: string | undefined; proxyUser?: string | undefined; proxyPasswordEnv?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (c.proxyUser && !c.proxy)
    ctx.addIssue({ code: 'custom', path: ['proxyUser'], message: 'A proxy user needs a proxy' })
  if (c.proxyPasswordEnv && !c.proxyUser)
    ctx.addIssue({
      code: 'custom',
      path: ['proxyPasswordEnv'],
      message: 'A proxy password needs the proxy user it belongs to',
    })
}

/**
 * Refuses, as a ServiceNow connection is added or its URL or table changed, a URL pasted with an API
 * path (/api/now/table/NAME) that names another table than the connection's: which one was meant is
 * not known. (withInstanceAddress has already taken NAME when no table was given with the URL.) Not
 * part of the schema: a connection stored before this check still lists, and can be corrected.
 */
export function refusePastedTable(config: { url: string; table: string }): void {
  const parsed = URL.parse(config.url)
  const pasted = parsed && apiAddress(parsed)?.pastedTable
  if (!pasted || pasted === config.table) return
  const problems = `url: The URL names the table "${pasted}" but the connection's table is "${config.table}": give the instance's address (e.g. https://example.service-now.com) and set the table to the one meant`
  throw new CoreError('BAD_REQUEST', problems, reason('source_config_invalid', { problems }))
}

/** A ServiceNow table's name as a connection stores it. */
const TABLE_NAME = /^[a-z0-9_]+$/

export const itsmConfigSchema = z
  .object({
    url,
    tokenEnv: envName.optional(),
    /**
     * Collections this connection does not read (e.g. a token scoped to the SRs may not read people):
     * never asked for, so a sync without them is a whole success. Absent: every collection is read.
     */
    skip: itsmSkipSchema.optional(),
    ...transportFields,
  })
  .strict()
  .superRefine(checkProxyLogin)
  // An empty list is stored as none: the same connection, read whole.
  .transform((config) => {
    if (config.skip === undefined || config.skip.length > 0) return config
    const { skip: _none, ...rest } = config
    return rest as typeof config
  })
export const serviceNowConfigSchema = z
  .object({
    url,
    table: z.string().regex(TABLE_NAME, 'A table name such as incident').default('incident'),
    user: z.string().min(1).optional(),
    passwordEnv: envName.optional(),
    tokenEnv: envName.optional(),
    /** State codes of this instance or table beyond the built-in 1/2/3/6/7/8 (docs/servicenow.md). */
    stateMap: stateMapSchema.optional(),
    /** Priority codes of this instance beyond (or instead of) the built-in 1..5 (docs/servicenow.md). */
    priorityMap: priorityMapSchema.optional(),
    /** Seconds each run re-reads before its stored position; absent: the default minute. */
    resumeMarginSeconds: resumeMarginSchema.optional(),
    ...transportFields,
  })
  .strict()
  .superRefine(checkProxyLogin)
  // The app keeps the token in the OS keychain, so a bearer source may name no variable; only
  // mixing basic auth with a token is a mistake.
  .refine((c) => !(c.user && c.tokenEnv), 'Give either --user with --password-env, or --token-env')

export type SourceConfig =
  | { kind: 'itsm'; config: z.infer<typeof itsmConfigSchema> }
  | { kind: 'servicenow'; config: z.infer<typeof serviceNowConfigSchema> }
export type SourceRecord = SourceConfig & { id: number; name: string; createdAt: number }

/** Where secrets come from: an env var (CLI), the OS keychain (app) or a prompt. */
export type SecretResolver = (source: SourceRecord, secret: SourceSecretKind) => Promise<string | null>

/** The environment variable the CLI named for one secret of `source`, if any. */
export function secretEnvName(source: SourceRecord, secret: SourceSecretKind): string | undefined {
  const config = source.config as { tokenEnv?: string; passwordEnv?: string; proxyPasswordEnv?: string }
  return secret === 'token'
    ? config.tokenEnv
    : secret === 'password'
      ? config.passwordEnv
      : config.proxyPasswordEnv
}

/** Resolves secrets from the environment variables named in the config (the CLI's way). */
export function envSecrets(env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return async (source, secret) => {
    const varName = secretEnvName(source, secret)
    return varName ? (env[varName] ?? null) : null
  }
}

/**
 * Refuses an ITSM REST connection's list of collections not to read that names the SRs or a
 * collection there is none of, with a reason the app words (the schema refuses the same, in English
 * only). `config`: the settings as given.
 */
export function refuseSkip(kind: string, config: unknown): void {
  const skip = (config as { skip?: unknown } | null)?.skip
  if (kind !== 'itsm' || !Array.isArray(skip)) return
  const problem = skipProblem(skip.map(String))
  if (!problem) return
  const problems = `skip: ${skipProblemText(problem)}`
  throw new CoreError(
    'BAD_REQUEST',
    problems,
    problem.code === 'srs'
      ? reason('skip_srs', { choices: SKIP_CHOICES })
      : reason('skip_unknown', { names: problem.names.join(', '), choices: SKIP_CHOICES }),
  )
}

function parseConfig(kind: string, raw: unknown): SourceConfig {
  const schema = kind === 'itsm' ? itsmConfigSchema : kind === 'servicenow' ? serviceNowConfigSchema : null
  if (!schema)
    throw new CoreError(
      'BAD_REQUEST',
      `Unknown source kind "${kind}" (itsm or servicenow)`,
      reason('unknown_source_kind', { kind }),
    )
  const result = schema.safeParse(raw)
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `${i.path.join('.') || 'config'}: ${i.message}`)
      .join('; ')
    throw new CoreError('BAD_REQUEST', problems, reason('source_config_invalid', { problems }))
  }
  return { kind, config: result.data } as SourceConfig
}

/**
 * Refuses, as a connection is added or its URL changed, a URL no request could use: one on a port
 * fetch will not connect to (the Fetch standard's blocked ports), one whose query holds a credential
 * (it would be stored in plain text with the settings), and an ITSM REST URL with a query or fragment
 * (the client appends /api/v1/… to it: they would swallow every request's path). Not part of the
 * schema: a connection stored before these checks still lists, and its sync says what is wrong.
 */
export function refuseUnusableUrl(kind: SourceConfig['kind'], url: string): void {
  const parsed = URL.parse(url)
  if (!parsed) return
  const port = blockedPort(parsed)
  const query = urlQueryProblem(parsed, kind)
  const problems = port
    ? `url: port ${port} is one HTTP clients refuse to use (the Fetch standard's blocked ports, e.g. 6000 or 10080): serve the API on another port, or behind a reverse proxy on one`
    : query === 'credential'
      ? 'url: Put credentials in a secret, not in the URL: a query parameter of this address holds one (the address is stored unencrypted)'
      : query === 'query'
        ? "url: Give the server's address without a query (?…) or fragment (#…), e.g. https://itsm.example.go.kr: the client adds /api/v1/… to it"
        : null
  if (problems) throw new CoreError('BAD_REQUEST', problems, reason('source_config_invalid', { problems }))
}

/**
 * A ServiceNow connection's settings as they are stored when its URL is not the instance's address
 * but one a browser shows:
 * - a page of the instance (a list, a record, Next Experience, nav_to.do; servicenow-url.ts
 *   browserAddress): the URL becomes the instance's address, and the table the page shows becomes the
 *   connection's unless `tableGiven` (a table given with the address wins; the Connections form and
 *   `source add` say that the address named another);
 * - the Table API's address (`/api/now/table/NAME`, `/api/now/v2/…`, `/api/now`; apiAddress): the URL
 *   becomes the instance's address, and NAME the connection's table unless `tableGiven`. A table given
 *   that is not NAME leaves the settings as they are, for refusePastedTable to refuse (the API path
 *   names its table as deliberately as the table given: which was meant is not known), and so does a
 *   query holding a credential (refuseUnusableUrl refuses it, as the Connections form does).
 * Any other settings as they are; an address with a login in it too (the schema refuses it: it was
 * not meant to be dropped).
 */
export function withInstanceAddress(config: unknown, tableGiven: boolean): unknown {
  if (config === null || typeof config !== 'object') return config
  const settings = config as Record<string, unknown>
  const pasted = typeof settings['url'] === 'string' ? URL.parse(settings['url']) : null
  if (!pasted || !/^https?:$/.test(pasted.protocol) || pasted.username !== '' || pasted.password !== '')
    return config
  const api = apiAddress(pasted)
  if (api) {
    const table = api.pastedTable
    if (urlQueryProblem(pasted, 'servicenow') === 'credential') return config
    if (table !== null && (!TABLE_NAME.test(table) || (tableGiven && settings['table'] !== table)))
      return config
    return { ...settings, url: api.base, ...(table && !tableGiven ? { table } : {}) }
  }
  const page = browserAddress(pasted)
  if (!page) return config
  return { ...settings, url: page.base, ...(page.table && !tableGiven ? { table: page.table } : {}) }
}

/**
 * A new source's name and config checked (BAD_REQUEST for a mistake), without a workspace: the
 * config as it will be stored (a ServiceNow browser address made the instance's: withInstanceAddress).
 * addSource checks the same, then that the name is free.
 */
export function checkNewSource(input: { name: string; kind: string; config: unknown }): SourceConfig {
  const checkedName = name.safeParse(input.name)
  if (!checkedName.success) {
    const detail = checkedName.error.issues[0]?.message ?? 'invalid'
    throw new CoreError('BAD_REQUEST', `name: ${detail}`, reason('source_name_invalid', { detail }))
  }
  const given = input.config as { table?: unknown } | null
  const config =
    input.kind === 'servicenow'
      ? withInstanceAddress(input.config, typeof given === 'object' && given?.table !== undefined)
      : input.config
  refuseSkip(input.kind, config)
  const parsed = parseConfig(input.kind, config)
  refuseUnusableUrl(parsed.kind, parsed.config.url)
  if (parsed.kind === 'servicenow') refusePastedTable(parsed.config)
  return parsed
}

/** Adds a source after validating its name and config; refuses a duplicate name. */
export function addSource(
  store: Store,
  input: { name: string; kind: string; config: unknown },
  now: number,
): SourceRecord {
  const parsed = checkNewSource(input)
  if (getSource(store, input.name))
    throw new CoreError(
      'CONFLICT',
      `A connection named "${input.name}" exists already`,
      reason('source_exists', { name: input.name }),
    )
  const info = store.sqlite
    .prepare('INSERT INTO sources (name, kind, config, created_at) VALUES (?, ?, ?, ?)')
    .run(input.name, parsed.kind, JSON.stringify(parsed.config), now)
  return { ...parsed, id: Number(info.lastInsertRowid), name: input.name, createdAt: now }
}

type Row = { id: number; name: string; kind: string; config: string; created_at: number }
const toRecord = (r: Row): SourceRecord => ({
  ...parseConfig(r.kind, JSON.parse(r.config) as unknown),
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
})

/** The configured remote sources (the demo's own source row is not one). */
export function listSources(store: Store): SourceRecord[] {
  const rows = store.sqlite
    .prepare(
      `SELECT id, name, kind, config, created_at FROM sources WHERE kind IN ('itsm', 'servicenow') ORDER BY name`,
    )
    .all() as Row[]
  return rows.map(toRecord)
}

/** One source by name, or null. */
export function getSource(store: Store, sourceName: string): SourceRecord | null {
  const row = store.sqlite
    .prepare(
      `SELECT id, name, kind, config, created_at FROM sources WHERE name = ? AND kind IN ('itsm', 'servicenow')`,
    )
    .get(sourceName) as Row | undefined
  return row ? toRecord(row) : null
}

/**
 * A change of a connection's CA certificates, proxy and proxy login: a value sets, null removes,
 * omitted keeps. Removing the proxy removes its login too.
 */
export type TransportChange = {
  ca?: string | null
  proxy?: string | null
  proxyUser?: string | null
  proxyPasswordEnv?: string | null
}
const TRANSPORT_KEYS = ['ca', 'proxy', 'proxyUser', 'proxyPasswordEnv'] as const

/** `config` with `change` applied (not validated: parseConfig does that). */
export function withTransport(config: object, change: TransportChange): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config }
  const effective: TransportChange =
    change.proxy === null ? { ...change, proxyUser: null, proxyPasswordEnv: null } : change
  if (effective.proxyUser === null) effective.proxyPasswordEnv = null
  for (const key of TRANSPORT_KEYS) {
    const value = effective[key]
    if (value === null) delete out[key]
    else if (value !== undefined) out[key] = value
  }
  return out
}

/**
 * Sets or (with null) removes a source's own CA certificates (a PEM bundle read by trust.ts
 * readCaCertificates) and proxy; an omitted field stays. The cursors stay: it is the same server.
 */
export function setSourceTransport(store: Store, sourceName: string, change: TransportChange): SourceRecord {
  const source = getSource(store, sourceName)
  if (!source) throw noSource(sourceName)
  return saveConfig(store, source, withTransport(source.config, change))
}

/** A change to a ServiceNow code map: `set` entries are added or replace the same codes, `remove`
 * codes are dropped, `clear` drops the whole map first. */
export type CodeMapChange<M> = { set?: M; remove?: readonly string[]; clear?: boolean }

/** The two code maps of a ServiceNow source, with the reasons their changes are refused with. */
const CODE_MAPS = {
  stateMap: { noun: 'state map', itsm: 'itsm_no_state_map', missing: 'state_map_code_missing' },
  priorityMap: { noun: 'priority map', itsm: 'itsm_no_priority_map', missing: 'priority_map_code_missing' },
} as const

/**
 * Changes a ServiceNow source's state map (see CodeMapChange). The cursors stay: incidents already
 * stored keep their status until they change or a full sync reads them again.
 */
export function setServiceNowStateMap(
  store: Store,
  sourceName: string,
  change: CodeMapChange<StateMap>,
): SourceRecord {
  return setServiceNowCodeMap(store, sourceName, 'stateMap', change)
}

/** Changes a ServiceNow source's priority map, as setServiceNowStateMap does its state map. */
export function setServiceNowPriorityMap(
  store: Store,
  sourceName: string,
  change: CodeMapChange<PriorityMap>,
): SourceRecord {
  return setServiceNowCodeMap(store, sourceName, 'priorityMap', change)
}

/** Changes one of a ServiceNow source's code maps (`stateMap` or `priorityMap`). */
export function setServiceNowCodeMap(
  store: Store,
  sourceName: string,
  key: keyof typeof CODE_MAPS,
  change: CodeMapChange<Readonly<Record<string, string>>>,
): SourceRecord {
  const { noun, itsm, missing } = CODE_MAPS[key]
  const source = getSource(store, sourceName)
  if (!source) throw noSource(sourceName)
  if (source.kind !== 'servicenow')
    throw new CoreError(
      'BAD_REQUEST',
      `"${sourceName}" is an ITSM REST connection: only ServiceNow connections have a ${noun}`,
      reason(itsm, { name: sourceName }),
    )
  const map: Record<string, string> = change.clear ? {} : { ...source.config[key] }
  for (const code of change.remove ?? []) {
    if (!Object.hasOwn(map, code))
      throw new CoreError(
        'BAD_REQUEST',
        `"${sourceName}" has no ${noun} entry for ${code}`,
        reason(missing, { name: sourceName, code }),
      )
    delete map[code]
  }
  Object.assign(map, change.set)
  const config: Record<string, unknown> = { ...source.config }
  if (Object.keys(map).length > 0) config[key] = map
  else delete config[key]
  return saveConfig(store, source, config)
}

/**
 * Sets the seconds each sync of a ServiceNow source re-reads before its stored position (null: the
 * default minute again). Only where later runs start reading changes: the cursors stay.
 */
export function setServiceNowResumeMargin(
  store: Store,
  sourceName: string,
  seconds: number | null,
): SourceRecord {
  const source = getSource(store, sourceName)
  if (!source) throw noSource(sourceName)
  if (source.kind !== 'servicenow')
    throw new CoreError(
      'BAD_REQUEST',
      `"${sourceName}" is an ITSM REST connection: only ServiceNow connections have a re-read margin`,
      reason('itsm_no_resume_margin', { name: sourceName }),
    )
  const config: Record<string, unknown> = { ...source.config }
  if (seconds === null) delete config['resumeMarginSeconds']
  else config['resumeMarginSeconds'] = seconds
  return saveConfig(store, source, config)
}

/** Validates `config` as `source`'s new settings and stores it; the record as it now is. */
function saveConfig(store: Store, source: SourceRecord, config: unknown): SourceRecord {
  const parsed = parseConfig(source.kind, config)
  store.sqlite
    .prepare('UPDATE sources SET config = ? WHERE id = ?')
    .run(JSON.stringify(parsed.config), source.id)
  return { ...parsed, id: source.id, name: source.name, createdAt: source.createdAt }
}

/**
 * Where a connection's rows come from, as its connector reaches them: the server's address (host in
 * lower case, no default port, no trailing slash; an ITSM REST URL without a pasted /api/v1, a
 * ServiceNow one without its API path) and a ServiceNow connection's table. Two settings that read
 * the same differ only in how the address was written. (A browser page pasted as the new URL is
 * stored as the instance's address before this is asked: withInstanceAddress.)
 */
function readsFrom(kind: SourceConfig['kind'], config: { url?: unknown; table?: unknown }): string {
  const text = typeof config.url === 'string' ? config.url : ''
  if (kind === 'itsm') {
    const base = URL.parse(normaliseBaseUrl(text))
    return base ? `${base.origin}${base.pathname.replace(/\/+$/, '')}${base.search}${base.hash}` : text
  }
  // As the connector reads it (serviceNowAddress), not as a page pasted now would be stored: an
  // address an earlier release stored as given can read like a page (a path under /now, a portal's
  // ?id=) while the connector reads an instance behind that path.
  const parsed = URL.parse(text)
  const base = parsed ? serviceNowAddress(parsed).base : text
  return `${base} ${String(config.table ?? 'incident')}`
}

/**
 * Whether settings `after` of a `kind` connection read another server or table than `before`: its
 * cursors, the events waiting for their SR and its tenants' and categories' ids then belong to the
 * old one (forgetServerState). A URL written another way (a trailing slash, the host's case, a pasted
 * API path or browser address of the same instance) is no move.
 */
export function movesServer(
  kind: SourceConfig['kind'],
  before: { url?: unknown; table?: unknown },
  after: { url?: unknown; table?: unknown },
): boolean {
  return readsFrom(kind, before) !== readsFrom(kind, after)
}

/**
 * Forgets what connection `source` (`kind:name`) learnt from its server: its cursors, the events still
 * waiting for their SR, and the ids its tenants and categories were served under. Its SRs and every
 * tenant and category stay. For a connection removed (a later one of that name would otherwise carry
 * on from them: write its events into another server's SRs, rename a tenant by an id that meant
 * another institution) or pointed at another server or table. Call inside a write transaction.
 */
export function forgetServerState(store: Store, source: string): void {
  store.sqlite.prepare('DELETE FROM sync_state WHERE source = ?').run(source)
  store.sqlite.prepare('DELETE FROM sr_events_parked WHERE source = ?').run(source)
  forgetSourceIds(store, source)
}

/**
 * Removes a source, its cursors and what it learnt from its server (forgetServerState); the SRs it
 * brought stay (they are the operators' history).
 */
export function removeSource(store: Store, sourceName: string): boolean {
  const source = getSource(store, sourceName)
  if (!source) return false
  writeTransaction(store.sqlite, () => {
    forgetServerState(store, `${source.kind}:${source.name}`)
    store.sqlite.prepare('DELETE FROM sources WHERE id = ?').run(source.id)
  })()
  return true
}

/**
 * Builds the connector of `source`, fetching its secret; a clear error when the secret is missing.
 * A source with its own CA certificates or proxy talks through a fetch that uses them (in place of
 * `deps.fetch`; the other dependencies stay).
 */
export async function connectorFor(
  source: SourceRecord,
  secrets: SecretResolver,
  httpDeps: HttpDeps,
): Promise<Connector> {
  // `env`: the CLI's variable for it, if the source names one.
  const need = async (secret: SourceSecretKind, env: string | undefined): Promise<string> => {
    const value = await secrets(source, secret)
    const what = secret === 'proxyPassword' ? 'proxy password' : secret
    // A variable set to nothing (`ITSM_TOKEN= ops-console sync`, an empty secret in a CI job) is
    // there: "set it" would send the operator looking at the wrong thing.
    const hint = env
      ? value === ''
        ? `${env} is set but empty: put the ${what} in it`
        : `set ${env}`
      : 'add it in Settings → Connections'
    if (!value)
      throw new CoreError(
        'BAD_REQUEST',
        `No ${what} for ${connectionNameEn(source.kind, source.name)}: ${hint}`,
        env
          ? reason('secret_missing_env', { name: source.name, secret, env })
          : reason('secret_missing', { name: source.name, secret }),
      )
    return value
  }
  const { ca, proxy, proxyUser, proxyPasswordEnv } = source.config
  const proxyLogin = proxyUser
    ? {
        user: proxyUser,
        password: await need('proxyPassword', proxyPasswordEnv),
      }
    : undefined
  const own = connectionFetch({ ca, proxy, proxyLogin })
  const deps = own ? { ...httpDeps, fetch: own } : httpDeps
  if (source.kind === 'itsm') {
    const token = await need('token', source.config.tokenEnv)
    return createItsmConnector(
      {
        name: source.name,
        url: source.config.url,
        token,
        retry: DEFAULT_RETRY,
        ...(source.config.skip ? { skip: source.config.skip } : {}),
      },
      deps,
    )
  }
  const c = source.config
  const auth = c.user
    ? {
        kind: 'basic' as const,
        user: c.user,
        password: await need('password', c.passwordEnv),
      }
    : {
        kind: 'bearer' as const,
        token: await need('token', c.tokenEnv),
      }
  return createServiceNowConnector(
    {
      name: source.name,
      url: c.url,
      table: c.table,
      auth,
      stateMap: c.stateMap,
      priorityMap: c.priorityMap,
      resumeMarginSeconds: c.resumeMarginSeconds,
      retry: DEFAULT_RETRY,
    },
    deps,
  )
}

/** The refusal of a source name no source has (NOT_FOUND). */
export function noSource(name: string): CoreError {
  return new CoreError('NOT_FOUND', `No connection named "${name}"`, reason('source_not_found', { name }))
}
