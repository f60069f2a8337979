// SecretStore backed by Electron safeStorage (the OS keychain: DPAPI, Keychain, libsecret/kwallet):
// each value is encrypted and kept as base64 in one JSON file in the user data folder. safeStorage
// is passed in (Electron's object fits SafeStorageLike) so the file handling is tested without it.
//
// A damaged file (not JSON, or not this shape) does not lock the admin out: the secrets it held read
// as needing to be entered again, and the first write moves it aside (kept as
// secrets.json.damaged-YYYYMMDDTHHMMSS, never deleted or overwritten) and starts a fresh file, which
// remembers the names the damaged one held until each is entered again or removed.
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { KeychainUnavailableError, SecretUndecryptableError } from '../core/secrets'
import type { SecretStore } from './secret-store-types'

/** The part of Electron's safeStorage this store uses. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only in Electron; 'basic_text' means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/

type SecretsFile = {
  version: 1
  secrets: Record<string, string>
  /**
   * The secrets a damaged file held when it was moved aside (to `keptAs`, a base name in this
   * folder), not entered again since: they read as needing to be entered again, not as missing.
   */
  lost?: { keptAs: string; names: string[] }
}

/**
 * The file as read. A damaged one holds the names that could be made out in it (none when nothing
 * could: then every secret asked for reads as needing to be entered again, until the next write).
 */
type Loaded = { damaged: false; file: SecretsFile } | { damaged: true; names: string[] }

/** Opens the secret store kept (encrypted) in `filePath`. */
export function createSafeStorageSecretStore(opts: {
  filePath: string
  safeStorage: SafeStorageLike
  platform?: NodeJS.Platform
  /** The clock that names a damaged file moved aside (tests). */
  now?: () => Date
}): SecretStore {
  const { filePath, safeStorage } = opts
  const platform = opts.platform ?? process.platform
  const now = opts.now ?? (() => new Date())
  // Writes are serialised so two concurrent set() calls cannot lose each other's secret.
  let queue: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }

  const requireEncryption = (): void => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new KeychainUnavailableError(
        'OS encryption (safeStorage) is not available. ' +
          'On Linux, install and unlock a keyring (GNOME Keyring or KWallet) and restart the app.',
      )
    }
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      throw new KeychainUnavailableError(
        'No OS keyring was found, so safeStorage would only obfuscate secrets. ' +
          'Install and unlock GNOME Keyring or KWallet and restart the app.',
      )
    }
  }

  // Never JSON.parse's own message nor the file's text: it would quote stored ciphertext.
  const damagedError = (why: string): Error =>
    new Error(
      `The secrets file ${filePath} is damaged and ${why}: move it away, then enter the connections' secrets again`,
    )

  const load = async (): Promise<Loaded> => {
    let text: string
    try {
      text = await readFile(filePath, 'utf8')
    } catch (err) {
      if (isNotFound(err)) return { damaged: false, file: { version: 1, secrets: {} } }
      throw err
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    if (isSecretsFile(parsed)) return { damaged: false, file: parsed }
    return { damaged: true, names: namesIn(parsed, text) }
  }

  /**
   * Moves the damaged file aside under a name no other kept copy has (a second damaged file in the
   * same second gets -2, -3…), and answers that path. A file that cannot be moved keeps the error.
   */
  const moveAside = async (): Promise<string> => {
    const base = `${filePath}.damaged-${stamp(now())}`
    for (let n = 1; n <= 100; n++) {
      const target = n === 1 ? base : `${base}-${n}`
      try {
        // A hard link fails rather than replace a copy kept before (rename would replace it).
        await link(filePath, target)
      } catch (err) {
        if (errorCode(err) === 'EEXIST') continue
        // No hard links on this file system: rename, to a name checked to be free.
        if (await exists(target)) continue
        try {
          await rename(filePath, target)
          return target
        } catch (renameErr) {
          throw damagedError(`could not be moved aside (${errorCode(renameErr) ?? 'error'})`)
        }
      }
      try {
        await unlink(filePath)
      } catch (err) {
        await unlink(target).catch(() => undefined)
        throw damagedError(`could not be moved aside (${errorCode(err) ?? 'error'})`)
      }
      return target
    }
    throw damagedError('could not be moved aside (too many kept copies)')
  }

  const save = async (file: SecretsFile): Promise<void> => {
    await mkdir(dirname(filePath), { recursive: true })
    // Write-then-rename: a crash mid-write leaves the previous file intact.
    const tmp = `${filePath}.${process.pid}.tmp`
    await writeFile(tmp, JSON.stringify(file, null, 2), { encoding: 'utf8', mode: 0o600 })
    await rename(tmp, filePath)
  }

  /**
   * Sets (a string: its ciphertext) and deletes (null) secrets in one write, when any changes. A
   * damaged file is moved aside first and a fresh one started, which remembers the names it held.
   */
  const write = (changes: ReadonlyArray<readonly [string, string | null]>): Promise<void> =>
    exclusive(async () => {
      const loaded = await load()
      const held = (name: string): boolean =>
        loaded.damaged
          ? loaded.names.length === 0 || loaded.names.includes(name)
          : Object.hasOwn(loaded.file.secrets, name) || (loaded.file.lost?.names.includes(name) ?? false)
      if (changes.every(([name, value]) => value === null && !held(name))) return
      let file: SecretsFile
      let keptAt: string | null = null
      if (loaded.damaged) {
        keptAt = await moveAside()
        file = { version: 1, secrets: {}, lost: { keptAs: basename(keptAt), names: loaded.names } }
      } else file = loaded.file
      for (const [name, value] of changes) {
        if (value !== null) file.secrets[name] = value
        else delete file.secrets[name]
        if (file.lost) file.lost.names = file.lost.names.filter((n) => n !== name)
      }
      if (file.lost?.names.length === 0) delete file.lost
      try {
        await save(file)
      } catch (err) {
        // The damaged file goes back where it was, so the next write tries again.
        if (keptAt !== null) await rename(keptAt, filePath).catch(() => undefined)
        throw err
      }
    })

  /** The path of the damaged copy `name` was in, when it is one of those to be entered again. */
  const lostIn = (loaded: Loaded, name: string): string | null => {
    if (loaded.damaged) return loaded.names.length === 0 || loaded.names.includes(name) ? filePath : null
    const lost = loaded.file.lost
    return lost?.names.includes(name) ? join(dirname(filePath), basename(lost.keptAs)) : null
  }

  return {
    async get(name) {
      checkName(name)
      const loaded = await exclusive(load)
      const secrets = loaded.damaged ? {} : loaded.file.secrets
      // hasOwn: names like "constructor" must not find Object.prototype members.
      const stored = Object.hasOwn(secrets, name) ? secrets[name] : undefined
      if (stored === undefined) {
        const kept = lostIn(loaded, name)
        // Said like a secret the OS key no longer opens: enter it again (never the file's text).
        if (kept !== null) throw new SecretUndecryptableError(name, kept)
        return null
      }
      requireEncryption()
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'))
      } catch {
        // Never include the ciphertext or the cause (it may echo data) in the message.
        throw new SecretUndecryptableError(name)
      }
    },
    async set(name, value) {
      checkName(name)
      requireEncryption()
      const cipher = safeStorage.encryptString(value).toString('base64')
      await write([[name, cipher]])
    },
    // Every value is encrypted before the file is read, and the file is written once (write-then-
    // rename): a failure at any point leaves every secret as it was. Two set() calls for a token and
    // a password could leave the token changed and the password not.
    async update(changes) {
      const entries = Object.entries(changes)
      for (const [name] of entries) checkName(name)
      if (entries.some(([, value]) => value !== null)) requireEncryption()
      await write(
        entries.map(
          ([name, value]) =>
            [name, value === null ? null : safeStorage.encryptString(value).toString('base64')] as const,
        ),
      )
    },
    async list(prefix) {
      const loaded = await exclusive(load)
      // Those to be entered again are held too (removing their connection removes them).
      const names = loaded.damaged
        ? loaded.names
        : [...Object.keys(loaded.file.secrets), ...(loaded.file.lost?.names ?? [])]
      return [...new Set(names)].filter((k) => k.startsWith(prefix))
    },
    async delete(name) {
      checkName(name)
      await write([[name, null]])
    },
  }
}

function checkName(name: string): void {
  if (!NAME.test(name)) throw new Error('A secret name is 1–200 characters of letters, digits and . _ : -')
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT'
}

function isSecretsFile(value: unknown): value is SecretsFile {
  if (typeof value !== 'object' || value === null) return false
  const { version, secrets, lost } = value as { version?: unknown; secrets?: unknown; lost?: unknown }
  if (version !== 1 || typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return false
  if (!Object.values(secrets).every((v) => typeof v === 'string')) return false
  if (lost === undefined) return true
  if (typeof lost !== 'object' || lost === null) return false
  const { keptAs, names } = lost as { keptAs?: unknown; names?: unknown }
  return typeof keptAs === 'string' && Array.isArray(names) && names.every((n) => typeof n === 'string')
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && NAME.test(value)
}

// The file's own keys, never taken for a secret's name.
const FILE_KEYS = new Set(['version', 'secrets', 'lost', 'keptAs', 'names'])

/**
 * The secret names a damaged file still shows: its secrets' keys when it is JSON of another shape,
 * else every "name": in its text (a file cut short keeps those before the cut). Names only, never a
 * value: they are the store's keys, which say which connection's secret is to be entered again.
 */
function namesIn(parsed: unknown, text: string): string[] {
  const found = new Set<string>()
  if (typeof parsed === 'object' && parsed !== null) {
    const { secrets, lost } = parsed as { secrets?: unknown; lost?: { names?: unknown } | null }
    if (typeof secrets === 'object' && secrets !== null && !Array.isArray(secrets))
      for (const key of Object.keys(secrets)) if (isName(key)) found.add(key)
    const lostNames: unknown = typeof lost === 'object' && lost !== null ? lost.names : undefined
    if (Array.isArray(lostNames)) for (const name of lostNames) if (isName(name)) found.add(name)
  } else {
    for (const match of text.matchAll(/"([A-Za-z0-9][A-Za-z0-9._:-]{0,199})"\s*:/g)) {
      const name = match[1] as string
      if (!FILE_KEYS.has(name)) found.add(name)
    }
  }
  return [...found]
}

/** YYYYMMDDTHHMMSS in local time, for the name of a damaged file moved aside. */
function stamp(at: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  return (
    `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}` +
    `T${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`
  )
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (err) {
    if (isNotFound(err)) return false
    throw err
  }
}
