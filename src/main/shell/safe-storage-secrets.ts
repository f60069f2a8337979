// SecretStore backed by Electron safeStorage (the OS keychain: DPAPI, Keychain, libsecret/kwallet):
// each value is encrypted and kept as base64 in one JSON file in the user data folder. safeStorage
// is passed in (Electron's object fits SafeStorageLike) so the file handling is tested without it.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
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

type SecretsFile = { version: 1; secrets: Record<string, string> }

/** Opens the secret store kept (encrypted) in `filePath`. */
export function createSafeStorageSecretStore(opts: {
  filePath: string
  safeStorage: SafeStorageLike
  platform?: NodeJS.Platform
}): SecretStore {
  const { filePath, safeStorage } = opts
  const platform = opts.platform ?? process.platform
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

  const load = async (): Promise<SecretsFile> => {
    let text: string
    try {
      text = await readFile(filePath, 'utf8')
    } catch (err) {
      if (isNotFound(err)) return { version: 1, secrets: {} }
      throw err
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      // Not JSON.parse's own message: it quotes the text around the fault, i.e. stored ciphertext.
      parsed = undefined
    }
    if (!isSecretsFile(parsed))
      throw new Error(
        `The secrets file ${filePath} is damaged: move it away, then enter the connections' secrets again`,
      )
    return parsed
  }

  const save = async (file: SecretsFile): Promise<void> => {
    await mkdir(dirname(filePath), { recursive: true })
    // Write-then-rename: a crash mid-write leaves the previous file intact.
    const tmp = `${filePath}.${process.pid}.tmp`
    await writeFile(tmp, JSON.stringify(file, null, 2), { encoding: 'utf8', mode: 0o600 })
    await rename(tmp, filePath)
  }

  return {
    async get(name) {
      checkName(name)
      const file = await exclusive(load)
      // hasOwn: names like "constructor" must not find Object.prototype members.
      const stored = Object.hasOwn(file.secrets, name) ? file.secrets[name] : undefined
      if (stored === undefined) return null
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
      await exclusive(async () => {
        const file = await load()
        file.secrets[name] = cipher
        await save(file)
      })
    },
    // Every value is encrypted before the file is read, and the file is written once (write-then-
    // rename): a failure at any point leaves every secret as it was. Two set() calls for a token and
    // a password could leave the token changed and the password not.
    async update(changes) {
      const entries = Object.entries(changes)
      for (const [name] of entries) checkName(name)
      const sets = entries.filter(([, value]) => value !== null)
      if (sets.length > 0) requireEncryption()
      const ciphers = new Map(
        sets.map(([name, value]) => [name, safeStorage.encryptString(value as string).toString('base64')]),
      )
      await exclusive(async () => {
        const file = await load()
        let changed = false
        for (const [name, value] of entries) {
          if (value !== null) {
            file.secrets[name] = ciphers.get(name) as string
            changed = true
          } else if (Object.hasOwn(file.secrets, name)) {
            delete file.secrets[name]
            changed = true
          }
        }
        if (changed) await save(file)
      })
    },
    async list(prefix) {
      const file = await exclusive(load)
      return Object.keys(file.secrets).filter((k) => k.startsWith(prefix))
    },
    async delete(name) {
      checkName(name)
      await exclusive(async () => {
        const file = await load()
        if (!Object.hasOwn(file.secrets, name)) return
        delete file.secrets[name]
        await save(file)
      })
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
  const { version, secrets } = value as { version?: unknown; secrets?: unknown }
  if (version !== 1 || typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return false
  return Object.values(secrets).every((v) => typeof v === 'string')
}
