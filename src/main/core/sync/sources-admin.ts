// Adding, changing, removing and testing sources from the app (Settings → Connections). Secrets are
// write-only: they go straight into the secret store and nothing here returns them.
import type { ParsedRequestOf } from '../../../shared/ipc/contract'
import type { SourceTestResult, SourceView } from '../../../shared/ipc/types-sync'
import type { Store } from '../db/open-database'
import { CoreError, reason } from '../errors'
import { abortableSleep, SourceError, type HttpDeps } from '../sources/http'
import { redactReason } from '../redact'
import { readCaCertificates } from '../sources/trust'
import {
  addSource,
  connectorFor,
  envSecrets,
  forgetServerState,
  getSource,
  itsmConfigSchema,
  movesServer,
  noSource,
  refusePastedTable,
  refuseSkip,
  refuseUnusableUrl,
  removeSource,
  withInstanceAddress,
  serviceNowConfigSchema,
  type SecretResolver,
  type SourceRecord,
  withTransport,
} from '../sources/registry'
import {
  deleteSourceSecret,
  deleteSourceSecrets,
  getSourceSecret,
  KeychainUnavailableError,
  redactSecrets,
  resolveSourceSecrets,
  secretOwner,
  type SecretOwner,
  type SourceSecretKind,
  updateSourceSecrets,
  storedSourceSecrets,
  storeSecrets,
  type SecretStore,
} from '../secrets'
import { connectionNameEn } from '../../../shared/labels'
import { causeOf } from './causes'
import { forgetSourceRuns, sourceView } from './source-status'
import { workspaceSecretId } from '../db/meta'
import { writeTransaction } from '../db/write-transaction'

type AddRequest = ParsedRequestOf<'sources:add'>
type UpdateRequest = ParsedRequestOf<'sources:update'>

function needStore(secrets: SecretStore | undefined): SecretStore {
  if (!secrets)
    throw new CoreError(
      'UNAVAILABLE',
      'Secrets cannot be stored here; on the command line name an environment variable (--token-env)',
      reason('secrets_unavailable'),
    )
  return secrets
}

/** The resolver the app uses: the secret store first, then a variable the CLI named. */
export function appSecrets(store: Store, secrets: SecretStore | undefined): SecretResolver {
  return storeSecrets(secrets, store, envSecrets())
}

/** Adds a source and stores its secret; refuses a source without the secret it needs. */
export async function addSourceWithSecret(
  store: Store,
  secrets: SecretStore | undefined,
  req: AddRequest,
  now: number,
): Promise<SourceView> {
  const vault = needStore(secrets)
  if (req.kind === 'servicenow' && (req.user ? !req.password : !req.token))
    throw new CoreError(
      'BAD_REQUEST',
      req.user ? 'A ServiceNow user needs its password' : 'Give a user and password, or a bearer token',
      reason(req.user ? 'servicenow_password_needed' : 'servicenow_secret_needed'),
    )
  checkProxyLogin(req.proxyUser, req.proxyPassword !== undefined, false)
  const transport = {
    ...(req.caCertificate ? { ca: readCaCertificates(req.caCertificate, now).pem } : {}),
    ...(req.proxy ? { proxy: req.proxy } : {}),
    ...(req.proxyUser ? { proxyUser: req.proxyUser } : {}),
  }
  const config =
    req.kind === 'itsm'
      ? { url: req.url, ...(req.skip && req.skip.length > 0 ? { skip: req.skip } : {}), ...transport }
      : {
          url: req.url,
          ...(req.table ? { table: req.table } : {}),
          ...(req.user ? { user: req.user } : {}),
          ...(req.stateMap && Object.keys(req.stateMap).length > 0 ? { stateMap: req.stateMap } : {}),
          ...(req.priorityMap && Object.keys(req.priorityMap).length > 0
            ? { priorityMap: req.priorityMap }
            : {}),
          ...(req.resumeMarginSeconds !== undefined ? { resumeMarginSeconds: req.resumeMarginSeconds } : {}),
          ...transport,
        }
  // The workspace's secret id is written on first use: before the source, so that a write refused
  // as busy there leaves no source without its secret behind.
  workspaceSecretId(store)
  const record = addSource(store, { name: req.name, kind: req.kind, config }, now)
  const owner = secretOwner(store, record)
  try {
    // All or nothing, so that no secret of the source undone below stays behind in the store.
    await updateSourceSecrets(vault, owner, {
      ...(req.token ? { token: req.token } : {}),
      ...(req.kind === 'servicenow' && req.password ? { password: req.password } : {}),
      ...(req.proxyPassword ? { proxyPassword: req.proxyPassword } : {}),
    })
  } catch (err) {
    // A source without its secret would only fail later; undo and say why now.
    removeSource(store, req.name)
    if (err instanceof KeychainUnavailableError) throw noKeychain(req.name, err)
    const detail = err instanceof Error ? err.message : String(err)
    throw new CoreError('UNAVAILABLE', detail, reason('secret_store_failed', { detail }))
  }
  return sourceView(store, secrets, record)
}

/**
 * The refusal of a change to the connection a sync is pulling at this moment (CONFLICT): its removal
 * or a new URL or table.
 */
export function whileSyncing(name: string, change: 'remove' | 'move'): CoreError {
  const what = change === 'remove' ? 'remove it' : 'change its URL or table'
  return new CoreError(
    'CONFLICT',
    `The connection "${name}" is syncing now: cancel the sync on the Sync screen, or wait until it has finished, then ${what}`,
    reason(change === 'remove' ? 'source_syncing_remove' : 'source_syncing_change', { name }),
  )
}

/**
 * The refusal of a change to a connection another process (a command-line sync, another app
 * window's workspace) is pulling at this moment: this app cannot cancel that sync.
 */
export function whileSyncingElsewhere(name: string, change: 'remove' | 'move', pid: number): CoreError {
  const what = change === 'remove' ? 'remove it' : 'change its URL or table'
  return new CoreError(
    'CONFLICT',
    `The connection "${name}" is being synced by another process (pid ${pid}, e.g. a command-line sync): wait until that sync has finished, or stop it, then ${what}`,
    reason(change === 'remove' ? 'source_syncing_elsewhere_remove' : 'source_syncing_elsewhere_change', {
      name,
      // Text: a number would be grouped like a count (12,345).
      pid: String(pid),
    }),
  )
}

/**
 * The command line's part of a change (`source update`), which the app's requests have no words for:
 * the environment variables its secrets are read from (a name sets, null removes, omitted keeps).
 * `askable`: a secret neither given, stored nor named in a variable is asked for at a terminal at the
 * next sync (the command line's way, as `source add` allows), so a user or proxy user without one is
 * not refused for it.
 */
export type CommandLineChange = {
  tokenEnv?: string | null
  passwordEnv?: string | null
  proxyPasswordEnv?: string | null
  askable?: boolean
}
const VARIABLE_KEYS = ['tokenEnv', 'passwordEnv', 'proxyPasswordEnv'] as const

/**
 * Changes a source's URL, table, user, secret, CA certificates or proxy; a new server or table starts
 * its cursors over. A new server or table is refused while a sync pulls the source (`refuseMove`
 * throws then, in this process or another): the running sync would
 * commit the old server's cursor after the new one's were cleared. `commandLine`: the variables a
 * `source update` names (CommandLineChange); the app gives none.
 */
export async function updateSourceWithSecret(
  store: Store,
  secrets: SecretStore | undefined,
  req: UpdateRequest,
  now: number,
  refuseMove: (name: string) => void = () => {},
  commandLine: CommandLineChange = {},
): Promise<SourceView> {
  const record = requireSource(store, req.name)
  const owner = secretOwner(store, record)
  const before = record.config as Record<string, unknown>
  const merged = withTransport(before, {
    ...(req.caCertificate !== undefined
      ? { ca: req.caCertificate === null ? null : readCaCertificates(req.caCertificate, now).pem }
      : {}),
    ...(req.proxy !== undefined ? { proxy: req.proxy } : {}),
    ...(req.proxyUser !== undefined ? { proxyUser: req.proxyUser } : {}),
  })
  for (const key of VARIABLE_KEYS) {
    const variable = commandLine[key]
    if (variable === null) delete merged[key]
    else if (variable !== undefined) merged[key] = variable
  }
  if (req.url !== undefined) merged['url'] = req.url
  if (record.kind === 'servicenow') {
    if (req.table !== undefined) merged['table'] = req.table
    if (req.user === null) delete merged['user']
    else if (req.user !== undefined) merged['user'] = req.user
    // The code maps only change how rows read from now on: the cursors stay (a page refused for an
    // unknown state or priority is read again by the next sync, since its cursor never moved past it).
    for (const key of ['stateMap', 'priorityMap'] as const) {
      const map = req[key]
      if (map === null || (map && Object.keys(map).length === 0)) delete merged[key]
      else if (map !== undefined) merged[key] = map
    }
    // Like the state map, the margin only changes where later runs start reading.
    if (req.resumeMarginSeconds === null) delete merged['resumeMarginSeconds']
    else if (req.resumeMarginSeconds !== undefined) merged['resumeMarginSeconds'] = req.resumeMarginSeconds
  } else if (
    req.table !== undefined ||
    req.user !== undefined ||
    req.password !== undefined ||
    req.stateMap !== undefined ||
    req.priorityMap !== undefined ||
    req.resumeMarginSeconds !== undefined
  ) {
    throw new CoreError(
      'BAD_REQUEST',
      'An ITSM REST connection has no table, user, password, state map, priority map or re-read margin (its secret is a token)',
      reason('itsm_fields'),
    )
  }
  // Which collections an ITSM REST connection reads changes nothing already read: the cursors stay
  // (a collection turned on again resumes where it stood, see the ITSM REST connector).
  if (req.skip !== undefined) {
    if (record.kind === 'servicenow')
      throw new CoreError(
        'BAD_REQUEST',
        `"${req.name}" is a ServiceNow connection: only ITSM REST connections have collections to skip (a ServiceNow connection reads its one table)`,
        reason('servicenow_no_skip', { name: req.name }),
      )
    if (req.skip === null || req.skip.length === 0) delete merged['skip']
    else merged['skip'] = req.skip
  }
  refuseSkip(record.kind, merged)
  const schema = record.kind === 'itsm' ? itsmConfigSchema : serviceNowConfigSchema
  // A browser's address of the instance's page, or the Table API's, is stored as the instance's (its
  // table taken unless this change gives one), as when a connection is added.
  const parsed = schema.safeParse(
    record.kind === 'servicenow' && req.url !== undefined
      ? withInstanceAddress(merged, req.table !== undefined)
      : merged,
  )
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'config'}: ${i.message}`)
      .join('; ')
    throw new CoreError('BAD_REQUEST', problems, reason('source_config_invalid', { problems }))
  }
  if (parsed.data.url !== before['url']) refuseUnusableUrl(record.kind, parsed.data.url)
  // An API path naming another table than the one given: refused as when a connection is added (a
  // connection stored so before that check keeps listing, and takes any other change).
  if (record.kind === 'servicenow' && (req.url !== undefined || req.table !== undefined))
    refusePastedTable(parsed.data as { url: string; table: string })
  // The same server and table written another way (a trailing slash, the host's case, the API path
  // or a page of the same instance) keeps what was read from them.
  const moved = movesServer(record.kind, before, parsed.data)
  if (moved) refuseMove(req.name)
  const login = parsed.data as { proxyUser?: string; proxyPasswordEnv?: string }
  // The same proxy user keeps its password (stored, or the CLI's variable); another user needs one.
  const proxyPasswordKept =
    login.proxyUser !== undefined &&
    login.proxyUser === before['proxyUser'] &&
    (login.proxyPasswordEnv !== undefined ||
      (await storedSourceSecrets(secrets, owner)).proxyPassword === 'stored')
  const askable = commandLine.askable === true
  checkProxyLogin(login.proxyUser, req.proxyPassword !== undefined, proxyPasswordKept || askable)
  if (record.kind === 'servicenow' && req.user !== undefined && !askable)
    await checkSignInSecret(secrets, owner, parsed.data as ServiceNowSignIn, req)
  // A ServiceNow connection switched between a user's password and a bearer token forgets the secret
  // of the way it no longer signs in (as a proxy login removed takes its password along): no unused
  // credential stays in the keychain, and switching back asks for it again.
  const unused: SourceSecretKind | undefined =
    record.kind === 'servicenow' && req.user !== undefined && Boolean(before['user']) !== Boolean(req.user)
      ? req.user
        ? 'token'
        : 'password'
      : undefined
  const forget = unused !== undefined && req[unused] === undefined && secrets !== undefined
  // What the change replaces in the secret store, put back should its settings not be saved after it.
  const replaced = await secretsReplaced(secrets, owner, [
    ...(req.token !== undefined || (forget && unused === 'token') ? (['token'] as const) : []),
    ...(req.password !== undefined || (forget && unused === 'password') ? (['password'] as const) : []),
    ...(req.proxyPassword !== undefined || !login.proxyUser ? (['proxyPassword'] as const) : []),
  ])
  if (req.token !== undefined || req.password !== undefined || req.proxyPassword !== undefined || forget) {
    const vault = needStore(secrets)
    try {
      // All or nothing: a new token and password (say) are both stored, or neither is.
      await updateSourceSecrets(vault, owner, {
        ...(req.token !== undefined ? { token: req.token } : {}),
        ...(req.password !== undefined ? { password: req.password } : {}),
        ...(req.proxyPassword !== undefined ? { proxyPassword: req.proxyPassword } : {}),
        ...(forget && unused ? { [unused]: null } : {}),
      })
    } catch (err) {
      // The connection's settings are written after its secrets: it stays as it was.
      if (err instanceof KeychainUnavailableError) throw noKeychain(req.name, err)
      throw err
    }
  }
  // A proxy login removed (or the proxy with it) takes its password along.
  if (!login.proxyUser && secrets) await deleteSourceSecret(secrets, owner, 'proxyPassword')
  try {
    writeTransaction(store.sqlite, () => {
      store.sqlite
        .prepare('UPDATE sources SET config = ? WHERE id = ?')
        .run(JSON.stringify(parsed.data), record.id)
      // Cursors, events waiting for their SR, and the ids tenants and categories were served under
      // belong to the server and table they were read from.
      if (moved) forgetServerState(store, `${record.kind}:${record.name}`)
    })()
  } catch (err) {
    // The settings were not saved (the workspace busy with an import's write, its disk full …): the
    // secrets go back to what they were, so the answer's "nothing was saved" holds for them too (a new
    // token kept with the old URL, or the proxy password gone with the proxy user kept, would fail
    // the next sync for no reason the operator was told).
    if (secrets) await updateSourceSecrets(secrets, owner, replaced).catch(() => undefined)
    throw err
  }
  return sourceView(store, secrets, requireSource(store, req.name))
}

/**
 * The values `kinds` of a source's secrets hold now (null: none), to be put back by
 * updateSourceSecrets; one the store cannot read now is left out (its old value was of no use).
 */
async function secretsReplaced(
  secrets: SecretStore | undefined,
  owner: SecretOwner,
  kinds: readonly SourceSecretKind[],
): Promise<Partial<Record<SourceSecretKind, string | null>>> {
  const out: Partial<Record<SourceSecretKind, string | null>> = {}
  if (!secrets) return out
  for (const kind of kinds) {
    try {
      out[kind] = await getSourceSecret(secrets, owner, kind)
    } catch {
      // Unreadable: nothing to put back.
    }
  }
  return out
}

type ServiceNowSignIn = { user?: string; passwordEnv?: string; tokenEnv?: string }

/**
 * A ServiceNow connection switched to user/password needs a password, one switched to a bearer
 * token needs a token (given now, already stored, or named by a CLI variable): else it would be
 * saved unable to sync, with 'secret missing' found only at its next sync.
 */
async function checkSignInSecret(
  secrets: SecretStore | undefined,
  owner: SecretOwner,
  config: ServiceNowSignIn,
  req: UpdateRequest,
): Promise<void> {
  const needs = config.user ? 'password' : 'token'
  if ((needs === 'password' ? req.password : req.token) !== undefined) return
  if ((needs === 'password' ? config.passwordEnv : config.tokenEnv) !== undefined) return
  if ((await storedSourceSecrets(secrets, owner))[needs] === 'stored') return
  throw new CoreError(
    'BAD_REQUEST',
    needs === 'password'
      ? `Signing in as "${config.user}" needs its password`
      : 'Signing in with a bearer token needs the token',
    needs === 'password'
      ? reason('sign_in_password_needed', { user: config.user })
      : reason('sign_in_token_needed'),
  )
}

/**
 * The refusal of a secret the OS keychain cannot keep (no keyring, or Linux's basic_text): nothing is
 * stored, in plain text or otherwise, and the connection is not added or changed. Said in the UI's
 * words; the English message keeps the store's own advice.
 */
function noKeychain(name: string, err: KeychainUnavailableError): CoreError {
  return new CoreError(
    'UNAVAILABLE',
    `The secrets of the connection "${name}" were not stored (never in plain text), so it was not added or changed: ${err.message}`,
    reason('keychain_unavailable_store', { name }),
  )
}

/** A proxy user needs its password, and a proxy password the user it belongs to. */
function checkProxyLogin(user: string | undefined, given: boolean, kept: boolean): void {
  if (user && !given && !kept)
    throw new CoreError(
      'BAD_REQUEST',
      `The proxy user "${user}" needs the proxy password`,
      reason('proxy_password_needed', { user }),
    )
  if (!user && given)
    throw new CoreError(
      'BAD_REQUEST',
      'A proxy password needs the proxy user it belongs to',
      reason('proxy_user_needed'),
    )
}

/**
 * Removes a source, its cursors, run record and secrets (the store's part all or nothing, the secrets
 * after it); its SRs stay.
 */
export async function removeSourceAndSecrets(
  store: Store,
  secrets: SecretStore | undefined,
  name: string,
): Promise<boolean> {
  const record = getSource(store, name)
  if (!record) return false
  const owner = secretOwner(store, record)
  // One transaction: a store refusing part of it leaves the connection whole, as the refusal says.
  writeTransaction(store.sqlite, () => {
    removeSource(store, name)
    forgetSourceRuns(store, record)
  })()
  if (secrets) await deleteSourceSecrets(secrets, owner)
  return true
}

/** The source named `name`, or NOT_FOUND. */
export function requireSource(store: Store, name: string): SourceRecord {
  const record = getSource(store, name)
  if (!record) throw noSource(name)
  return record
}

/**
 * A failed connection test's English message: the server's failure, then which connection, as a
 * sync's failures say it (`… (ITSM REST connection "prod")`, without the collection).
 */
export function testFailureMessage(record: Pick<SourceRecord, 'kind' | 'name'>, message: string): string {
  return `${message} (${connectionNameEn(record.kind, record.name)})`
}

/**
 * Connects and asks who the account is (`/me`). Waits between retries are capped at a second so
 * "Test connection" answers within seconds even when the server is down.
 */
export async function testSource(
  record: SourceRecord,
  secrets: SecretResolver,
  deps: HttpDeps,
): Promise<SourceTestResult> {
  const quick: HttpDeps = { ...deps, sleep: (ms, signal) => abortableSleep(Math.min(ms, 1000), signal) }
  let known: (string | null)[] = []
  // Whether the server was asked: its failures name no connection, a missing secret's does already.
  let asked = false
  try {
    // Inside: a keychain that cannot read a secret is this test's failure, said in words.
    known = Object.values(await resolveSourceSecrets(secrets, record))
    const connector = await connectorFor(record, secrets, quick)
    asked = true
    const me = await connector.whoAmI(AbortSignal.timeout(30_000))
    return { ok: true, account: { name: me.name, role: me.role }, error: null }
  } catch (err) {
    const said = err instanceof Error ? err.message : String(err)
    const message = redactSecrets(asked ? testFailureMessage(record, said) : said, known)
    const network = typeof err === 'object' && err !== null && 'kind' in err && err.kind === 'network'
    const found = err instanceof SourceError || err instanceof CoreError ? err.reason : undefined
    const why = found ? redactReason(found, known) : null
    return {
      ok: false,
      account: null,
      error: { cause: causeOf(network ? 'offline' : 'failed', message, why), message, reason: why },
    }
  }
}
