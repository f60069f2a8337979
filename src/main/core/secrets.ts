// The secret store the core depends on (SPEC §9, §10): connection tokens and passwords by source
// name. The app backs it with Electron safeStorage (shell/safe-storage-secrets.ts), the harness
// and tests with memory; the CLI has none and reads environment variables instead. Values never
// leave the main process: not to the renderer, not to disk in plain text, not into logs or errors.
import type { SecretResolver, SourceRecord } from './sources/registry'

/** Named secrets; implementations never log values. */
export type SecretStore = {
  get(name: string): Promise<string | null>
  set(name: string, value: string): Promise<void>
  delete(name: string): Promise<void>
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

/** The store key of one secret of a source: `source:<name>:<kind>`. */
export function sourceSecretName(sourceName: string, kind: SourceSecretKind): string {
  return `source:${sourceName}:${kind}`
}

/** Reads a source's secret from `store`. */
export function getSourceSecret(
  store: SecretStore,
  sourceName: string,
  kind: SourceSecretKind,
): Promise<string | null> {
  return store.get(sourceSecretName(sourceName, kind))
}

/** Stores a source's secret in `store`. */
export function setSourceSecret(
  store: SecretStore,
  sourceName: string,
  kind: SourceSecretKind,
  value: string,
): Promise<void> {
  return store.set(sourceSecretName(sourceName, kind), value)
}

/** Forgets one secret of a source. */
export function deleteSourceSecret(
  store: SecretStore,
  sourceName: string,
  kind: SourceSecretKind,
): Promise<void> {
  return store.delete(sourceSecretName(sourceName, kind))
}

/** Forgets every secret of a source (on remove). */
export async function deleteSourceSecrets(store: SecretStore, sourceName: string): Promise<void> {
  for (const kind of SOURCE_SECRET_KINDS) await store.delete(sourceSecretName(sourceName, kind))
}

/** Whether a secret is stored, not, or stored but cannot be read now (keychain locked, OS key changed). */
export type StoredSecretState = 'stored' | 'missing' | 'unreadable'

/**
 * Which secrets of a source are stored (never their values), for "stored" badges in the UI. A secret
 * the keychain cannot read is 'unreadable' rather than an error, so one such secret does not hide
 * every connection (and with it the way to enter the secret again).
 */
export async function storedSourceSecrets(
  store: SecretStore | undefined,
  sourceName: string,
): Promise<Record<SourceSecretKind, StoredSecretState>> {
  const state = async (kind: SourceSecretKind): Promise<StoredSecretState> => {
    if (!store) return 'missing'
    try {
      return (await store.get(sourceSecretName(sourceName, kind))) !== null ? 'stored' : 'missing'
    } catch {
      return 'unreadable'
    }
  }
  return {
    token: await state('token'),
    password: await state('password'),
    proxyPassword: await state('proxyPassword'),
  }
}

/**
 * Resolves a source's secret from the store first, then from the environment variable its config
 * names (the CLI's way), so a source added in the app and one added by the CLI both work.
 */
export function storeSecrets(store: SecretStore | undefined, fallback?: SecretResolver): SecretResolver {
  return async (source: SourceRecord, kind: SourceSecretKind) => {
    const stored = store ? await getSourceSecret(store, source.name, kind) : null
    if (stored !== null) return stored
    return fallback ? fallback(source, kind) : null
  }
}

/** An in-memory store for the browser harness and tests (gone when the process ends). */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial))
  return {
    get: (name) => Promise.resolve(values.get(name) ?? null),
    set: (name, value) => {
      values.set(name, value)
      return Promise.resolve()
    },
    delete: (name) => {
      values.delete(name)
      return Promise.resolve()
    },
  }
}

/** Replaces every occurrence of each secret in `text` (defence in depth for messages a server echoes). */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real tokens and passwords are longer.
    if (secret && secret.length >= 4) out = out.split(secret).join('***')
  }
  return out
}
