import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KeychainUnavailableError, SecretUndecryptableError } from '../../../src/main/core/secrets'
import {
  createSafeStorageSecretStore,
  type SafeStorageLike,
} from '../../../src/main/shell/safe-storage-secrets'

// A reversible stand-in for the OS keychain: enough to prove values are not stored in the clear.
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a))
  return {
    isEncryptionAvailable: () => true,
    encryptString: (text) => flip(Buffer.from(`enc:${text}`, 'utf8')),
    decryptString: (buf) => {
      const text = flip(buf).toString('utf8')
      if (!text.startsWith('enc:')) throw new Error('bad ciphertext')
      return text.slice(4)
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  }
}

const dirs: string[] = []
function secretsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-secrets-'))
  dirs.push(dir)
  return join(dir, 'nested', 'secrets.json')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('createSafeStorageSecretStore', () => {
  it('round-trips secrets through an encrypted base64 JSON file', async () => {
    const filePath = secretsFile()
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() })
    await store.set('itsm:token', 'p@ss-토큰')
    expect(await store.get('itsm:token')).toBe('p@ss-토큰')
    expect(await store.get('missing')).toBeNull()
    const text = readFileSync(filePath, 'utf8')
    expect(text).not.toContain('p@ss')
    const parsed = JSON.parse(text) as { version: number; secrets: Record<string, string> }
    expect(parsed.version).toBe(1)
    expect(parsed.secrets['itsm:token']).toMatch(/^[A-Za-z0-9+/]+=*$/)
  })

  it('keeps both secrets when two are set concurrently, and deletes one', async () => {
    const filePath = secretsFile()
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() })
    await Promise.all([store.set('a', '1'), store.set('b', '2'), store.set('c', '3')])
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual(['1', '2', '3'])
    await store.delete('b')
    await store.delete('never-set')
    expect(await store.get('b')).toBeNull()
    expect(await store.get('a')).toBe('1')
    // Names by prefix, never values, read without decrypting.
    await store.set('ws:1:source:7:token', 'x')
    await store.set('ws:1:source:8:token', 'y')
    await store.set('ws:2:source:7:token', 'z')
    expect((await store.list('ws:1:source:')).sort()).toEqual(['ws:1:source:7:token', 'ws:1:source:8:token'])
    expect(await store.list('nothing:')).toEqual([])
  })

  it('refuses to store when OS encryption is unavailable, writing nothing', async () => {
    const filePath = secretsFile()
    const store = createSafeStorageSecretStore({
      filePath,
      safeStorage: fakeSafeStorage({ isEncryptionAvailable: () => false }),
    })
    await expect(store.set('itsm:token', 'secret-value')).rejects.toThrow(/not available/)
    expect(() => readFileSync(filePath)).toThrow()
  })

  it("refuses Linux's basic_text fallback (a hard-coded key)", async () => {
    const store = createSafeStorageSecretStore({
      filePath: secretsFile(),
      safeStorage: fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }),
      platform: 'linux',
    })
    await expect(store.set('x', 'y')).rejects.toThrow(/keyring/)
    // Told apart, so a sync names the connection whose secret it could not read.
    await expect(store.set('x', 'y')).rejects.toBeInstanceOf(KeychainUnavailableError)
  })

  it('never puts the value in an error or a log line', async () => {
    const filePath = secretsFile()
    const log = vi.spyOn(console, 'log')
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() })
    await store.set('token', 'super-secret-value')
    writeFileSync(
      filePath,
      JSON.stringify({ version: 1, secrets: { token: Buffer.from('garbage').toString('base64') } }),
    )
    const err = await store.get('token').catch((e: unknown) => e)
    expect(String(err)).toMatch(/could not be decrypted/)
    // Told apart from a keychain that is missing, so the connection's secret is named instead.
    expect(err).toBeInstanceOf(SecretUndecryptableError)
    expect(String(err)).not.toContain('garbage')
    expect(log).not.toHaveBeenCalled()
    log.mockRestore()
  })

  it('a damaged secrets file is said to be damaged without quoting its encrypted contents', async () => {
    const filePath = secretsFile()
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() })
    await store.set('ws:1:source:1:token', 'super-secret-value')
    // Cut short (a disk that filled up), mangled, or the bare ciphertext: JSON.parse's own message
    // can quote the text around the fault, which is the stored ciphertext.
    const whole = readFileSync(filePath, 'utf8')
    const cipher = (JSON.parse(whole) as { secrets: Record<string, string> }).secrets['ws:1:source:1:token']!
    const damaged = [
      whole.slice(0, whole.indexOf(cipher) + 12),
      `{"version":1,"secrets":{"k":"${cipher}" "x"}}`,
      cipher,
    ]
    for (const text of damaged) {
      writeFileSync(filePath, text)
      for (const call of [
        () => store.get('ws:1:source:1:token'),
        () => store.set('other', 'v'),
        () => store.list('ws:'),
      ]) {
        const err = await call().catch((e: unknown) => e)
        expect(String(err)).toContain('is damaged')
        expect(String(err)).not.toContain(cipher.slice(0, 8))
      }
    }
  })

  it('rejects odd names and does not confuse them with Object.prototype members', async () => {
    const store = createSafeStorageSecretStore({ filePath: secretsFile(), safeStorage: fakeSafeStorage() })
    await expect(store.set('', 'x')).rejects.toThrow(/name/)
    await expect(store.set('../etc', 'x')).rejects.toThrow(/name/)
    expect(await store.get('constructor')).toBeNull()
  })
})
