// The secret store the core depends on (SPEC §9, §10): connection tokens and passwords by source
// name. The app backs it with Electron safeStorage (shell/safe-storage-secrets.ts), the harness
// and tests with memory; the CLI has none and reads environment variables instead. Values never
// leave the main process: not to the renderer, not to disk in plain text, not into logs or errors.
import { basename } from 'node:path'
import { workspaceSecretId } from './db/meta'
import { CoreError, reason } from './errors'
import type { Store } from './db/open-database'
import type { SecretResolver, SourceRecord } from './sources/registry'

/** Named secrets; implementations never log values. */
export type SecretStore = {
  get(name: string): Promise<string | null>
  set(name: string, value: string): Promise<void>
  delete(name: string): Promise<void>
  /** The names stored that start with `prefix` (never values). */
  list(prefix: string): Promise<string[]>
  /**
   * Sets (a string) and deletes (null) several secrets at once, all or nothing: when it fails, every
   * secret is as it was. A store without it gets `updateSecrets`' write-and-restore instead.
   */
  update?(changes: Readonly<Record<string, string | null>>): Promise<void>
}

const UNREADABLE = Symbol('unreadable')

/**
 * Applies `changes` to `store` all or nothing: through its own `update` when it has one, else one
 * secret at a time, putting back the ones already changed when a later one fails.
 */
export async function updateSecrets(
  store: SecretStore,
  changes: Readonly<Record<string, string | null>>,
): Promise<void> {
  const names = Object.keys(changes)
  if (names.length === 0) return
  if (store.update) return store.update(changes)
  // A secret the store holds but cannot read now (the OS key changed) cannot be put back: it is left
  // as the change made it (its old value was of no use), and its new value can still be entered.
  const before = new Map<string, string | null | typeof UNREADABLE>()
  for (const name of names) before.set(name, await store.get(name).catch(() => UNREADABLE))
  const done: string[] = []
  try {
    for (const name of names) {
      const value = changes[name] ?? null
      done.push(name)
      if (value === null) await store.delete(name)
      else await store.set(name, value)
    }
  } catch (err) {
    // Back as they were, the one that failed included (it may have been written before failing).
    for (const name of done.reverse()) {
      const value = before.get(name) ?? null
      if (value === UNREADABLE) continue
      try {
        if (value === null) await store.delete(name)
        else await store.set(name, value)
      } catch {
        // The first failure is the one to report; the store refuses writes at the moment.
      }
    }
    throw err
  }
}

/** A source's secrets: its API token or password, and the password of the proxy it goes through. */
export type SourceSecretKind = 'token' | 'password' | 'proxyPassword'
export const SOURCE_SECRET_KINDS: readonly SourceSecretKind[] = ['token', 'password', 'proxyPassword']
/** Every secret of one source, resolved (null: not given). */
export type SourceSecrets = Record<SourceSecretKind, string | null>

/** Resolves every secret of `source` through `resolver` (the worker gets them as one object). */
export async function resolveSourceSecrets(
  resolver: SecretResolver,
  source: SourceRecord,
): Promise<SourceSecrets> {
  return {
    token: await resolver(source, 'token'),
    password: await resolver(source, 'password'),
    proxyPassword: await resolver(source, 'proxyPassword'),
  }
}

/**
 * Whose secret: a source of one workspace. The secret store is shared by every workspace the app
 * opens (one file in the user-data folder), and a source removed (say by the CLI, which cannot reach
 * the keychain) and added again under the same name is another connection: keys carry the workspace's
 * id and the source's row id, which is never reused (AUTOINCREMENT), not the name.
 */
export type SecretOwner = { workspaceId: string; sourceId: number; name: string }

/** The owner of `source`'s secrets in the workspace `store`. */
export function secretOwner(store: Store, source: { id: number; name: string }): SecretOwner {
  return { workspaceId: workspaceSecretId(store), sourceId: source.id, name: source.name }
}

/** The store key of one secret: `ws:<workspace id>:source:<source id>:<kind>`. */
export function sourceSecretName(owner: SecretOwner, kind: SourceSecretKind): string {
  return `${workspaceSecretPrefix(owner.workspaceId)}${owner.sourceId}:${kind}`
}

const workspaceSecretPrefix = (workspaceId: string): string => `ws:${workspaceId}:source:`

/** The key releases before the workspace id used (by source name only), read once and moved. */
const legacySecretName = (name: string, kind: SourceSecretKind): string => `source:${name}:${kind}`

/**
 * Reads a source's secret from `store`. A secret still under its name-only key (stored by an earlier
 * release) is moved to the owner's key on first read.
 */
export async function getSourceSecret(
  store: SecretStore,
  owner: SecretOwner,
  kind: SourceSecretKind,
): Promise<string | null> {
  const value = await store.get(sourceSecretName(owner, kind))
  if (value !== null) return value
  const legacy = await store.get(legacySecretName(owner.name, kind))
  if (legacy === null) return null
  await store.set(sourceSecretName(owner, kind), legacy)
  await store.delete(legacySecretName(owner.name, kind))
  return legacy
}

/** Stores a source's secret in `store` (and drops a name-only copy an earlier release kept). */
export async function setSourceSecret(
  store: SecretStore,
  owner: SecretOwner,
  kind: SourceSecretKind,
  value: string,
): Promise<void> {
  await store.set(sourceSecretName(owner, kind), value)
  await store.delete(legacySecretName(owner.name, kind))
}

/**
 * Sets (a string) and forgets (null) several secrets of a source at once, all or nothing (a new token
 * and password of one connection: the token must not change when the password cannot be stored).
 */
export async function updateSourceSecrets(
  store: SecretStore,
  owner: SecretOwner,
  changes: Partial<Record<SourceSecretKind, string | null>>,
): Promise<void> {
  const keyed: Record<string, string | null> = {}
  for (const kind of SOURCE_SECRET_KINDS) {
    const value = changes[kind]
    if (value === undefined) continue
    keyed[sourceSecretName(owner, kind)] = value
    // A name-only copy an earlier release kept goes either way (setSourceSecret drops it too).
    keyed[legacySecretName(owner.name, kind)] = null
  }
  await updateSecrets(store, keyed)
}

/** Forgets one secret of a source. */
export async function deleteSourceSecret(
  store: SecretStore,
  owner: SecretOwner,
  kind: SourceSecretKind,
): Promise<void> {
  await store.delete(sourceSecretName(owner, kind))
  await store.delete(legacySecretName(owner.name, kind))
}

/** Forgets every secret of a source (on remove). */
export async function deleteSourceSecrets(store: SecretStore, owner: SecretOwner): Promise<void> {
  for (const kind of SOURCE_SECRET_KINDS) await deleteSourceSecret(store, owner, kind)
}

/**
 * Deletes the secrets this workspace keeps for sources it no longer has (removed by the CLI, which
 * cannot reach the keychain, or while the app was not running); answers how many went. Other
 * workspaces' secrets are not touched.
 */
export async function sweepSourceSecrets(store: SecretStore, db: Store): Promise<number> {
  const prefix = workspaceSecretPrefix(workspaceSecretId(db))
  const ids = new Set(
    (db.sqlite.prepare('SELECT id FROM sources').all() as { id: number }[]).map((r) => String(r.id)),
  )
  let swept = 0
  for (const key of await store.list(prefix)) {
    const id = key.slice(prefix.length).split(':')[0] ?? ''
    if (ids.has(id)) continue
    await store.delete(key)
    swept++
  }
  return swept
}

/** Whether a secret is stored, not, or stored but cannot be read now (keychain locked, OS key changed). */
export type StoredSecretState = 'stored' | 'missing' | 'unreadable'

/**
 * Which secrets of a source are stored (never their values), for "stored" badges in the UI. A secret
 * the keychain cannot read is 'unreadable' rather than an error, so one such secret does not hide
 * every connection (and with it the way to enter the secret again); `damagedFile` names the damaged
 * secrets file's kept copy when that is why.
 */
export async function storedSourceSecrets(
  store: SecretStore | undefined,
  owner: SecretOwner,
): Promise<Record<SourceSecretKind, StoredSecretState> & { damagedFile: string | null }> {
  let damagedFile: string | null = null
  const state = async (kind: SourceSecretKind): Promise<StoredSecretState> => {
    if (!store) return 'missing'
    try {
      return (await getSourceSecret(store, owner, kind)) !== null ? 'stored' : 'missing'
    } catch (err) {
      // A secret lost with a damaged secrets file: the copy's name (in the app's data folder), for
      // the Connections screen to say why it must be entered again and where the copy is kept.
      if (err instanceof SecretUndecryptableError && err.damagedFile !== null)
        damagedFile = basename(err.damagedFile)
      return 'unreadable'
    }
  }
  return {
    token: await state('token'),
    password: await state('password'),
    proxyPassword: await state('proxyPassword'),
    damagedFile,
  }
}

/**
 * Resolves a source's secret from the store first, then from the environment variable its config
 * names (the CLI's way), so a source added in the app and one added by the CLI both work.
 */
export function storeSecrets(
  store: SecretStore | undefined,
  db: Store,
  fallback?: SecretResolver,
): SecretResolver {
  return async (source: SourceRecord, kind: SourceSecretKind) => {
    const stored = store ? await readableSecret(store, secretOwner(db, source), kind) : null
    if (stored !== null) return stored
    return fallback ? fallback(source, kind) : null
  }
}

/**
 * What a SecretStore throws for a secret it holds but cannot decrypt (the OS key changed): the
 * resolver then names the connection and the secret instead of the store's key.
 */
export class SecretUndecryptableError extends Error {
  /**
   * Set when the secret was in a secrets file found damaged: where that file is kept (never deleted;
   * moved aside when a secret is next stored), so the error can say where it is.
   */
  readonly damagedFile: string | null
  constructor(name: string, damagedFile?: string) {
    super(
      damagedFile === undefined
        ? `The secret "${name}" could not be decrypted (the OS key may have changed); enter it again`
        : `The secret "${name}" was in a damaged secrets file (kept at ${damagedFile}); enter it again`,
    )
    this.name = 'SecretUndecryptableError'
    this.damagedFile = damagedFile ?? null
  }
}

/**
 * What a SecretStore throws when the OS offers it no encryption (no keyring on Linux, or one that
 * is locked), for a secret to be stored or read alike.
 */
export class KeychainUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KeychainUnavailableError'
  }
}

/**
 * A source's stored secret; one the keychain cannot decrypt, or cannot read for want of a keyring,
 * fails in words the UI translates, naming the connection and the secret.
 */
async function readableSecret(
  store: SecretStore,
  owner: SecretOwner,
  kind: SourceSecretKind,
): Promise<string | null> {
  try {
    return await getSourceSecret(store, owner, kind)
  } catch (err) {
    const what = kind === 'proxyPassword' ? 'proxy password' : kind
    if (err instanceof KeychainUnavailableError)
      throw new CoreError(
        'BAD_REQUEST',
        `The ${what} of source "${owner.name}" cannot be read: ${err.message}`,
        reason('keychain_unavailable', { name: owner.name, secret: kind }),
      )
    if (!(err instanceof SecretUndecryptableError)) throw err
    if (err.damagedFile !== null)
      throw new CoreError(
        'BAD_REQUEST',
        `The ${what} of source "${owner.name}" was in a damaged secrets file (kept at ${err.damagedFile}): ` +
          'enter it again in Settings → Connections',
        reason('secret_file_damaged', { name: owner.name, secret: kind, file: basename(err.damagedFile) }),
      )
    throw new CoreError(
      'BAD_REQUEST',
      `The ${what} of source "${owner.name}" could not be decrypted (the OS key may have changed): ` +
        'enter it again in Settings → Connections',
      reason('secret_unreadable', { name: owner.name, secret: kind }),
    )
  }
}

/** An in-memory store for the browser harness and tests (gone when the process ends). */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial))
  return {
    update: (changes) => {
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) values.delete(name)
        else values.set(name, value)
      }
      return Promise.resolve()
    },
    get: (name) => Promise.resolve(values.get(name) ?? null),
    set: (name, value) => {
      values.set(name, value)
      return Promise.resolve()
    },
    delete: (name) => {
      values.delete(name)
      return Promise.resolve()
    },
    list: (prefix) => Promise.resolve([...values.keys()].filter((k) => k.startsWith(prefix))),
  }
}

export { redactSecrets } from './redact'
