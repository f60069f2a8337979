import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KeychainUnavailableError, SecretUndecryptableError } from '../../../src/main/core/secrets'
import {
  createSafeStorageSecretStore,
  type SafeStorageLike,
} from '../../../src/main/shell/safe-storage-secrets'

// The file calls pass through; a test makes moving a damaged file aside fail as a permission would.
const fsMock = vi.hoisted(() => ({ link: vi.fn(), rename: vi.fn() }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  fsMock.link.mockImplementation(real.link)
  fsMock.rename.mockImplementation(real.rename)
  return {
    ...real,
    default: { ...real, link: fsMock.link, rename: fsMock.rename },
    link: fsMock.link,
    rename: fsMock.rename,
  }
})

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
function existingSecretsFile(): string {
  const filePath = secretsFile()
  mkdirSync(dirname(filePath), { recursive: true })
  return filePath
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
      `{"version":1,"secrets":{"ws:1:source:1:token":"${cipher}" "x"}}`,
      cipher,
    ]
    for (const text of damaged) {
      writeFileSync(filePath, text)
      // Before the next write it reads as to be entered again, not as missing.
      const before = await store.get('ws:1:source:1:token').catch((e: unknown) => e)
      expect(before).toBeInstanceOf(SecretUndecryptableError)
      expect(String(before)).toMatch(/damaged secrets file \(kept at .*secrets\.json\)/)
      expect(String(before)).not.toContain(cipher.slice(0, 8))
      await store.set('other', 'v')
      // After it moved the file aside too, where its name could be made out (not from bare ciphertext).
      const after = await store.get('ws:1:source:1:token').catch((e: unknown) => e)
      if (text === cipher) expect(after).toBeNull()
      else {
        expect(after).toBeInstanceOf(SecretUndecryptableError)
        expect(String(after)).toMatch(
          /damaged secrets file \(kept at .*secrets\.json\.damaged-\d{8}T\d{6}(-\d+)?\)/,
        )
        expect(String(after)).not.toContain(cipher.slice(0, 8))
      }
      expect(await store.get('other')).toBe('v')
    }
  })

  it('the first write after the file is found damaged moves it aside, byte for byte, and stores the new secret', async () => {
    const filePath = secretsFile()
    const store = createSafeStorageSecretStore({
      filePath,
      safeStorage: fakeSafeStorage(),
      now: () => new Date(2026, 2, 1, 9, 15, 0),
    })
    await store.set('ws:1:source:1:token', 'first-token')
    await store.set('ws:1:source:2:password', 'second-password')
    // Cut short in the middle of the second secret's ciphertext, with a byte that is not UTF-8.
    const whole = readFileSync(filePath)
    const bytes = Buffer.concat([whole.subarray(0, whole.length - 20), Buffer.from([0xff, 0xfe])])
    writeFileSync(filePath, bytes)

    await store.set('ws:1:source:1:token', 'new-token')
    const keptAs = `${filePath}.damaged-20260301T091500`
    expect(readFileSync(keptAs).equals(bytes)).toBe(true)
    expect(await store.get('ws:1:source:1:token')).toBe('new-token')
    // The other connection's secret was in the damaged file: it is to be entered again, and where
    // the damaged copy is kept is said. A secret never stored still reads as missing.
    const err = await store.get('ws:1:source:2:password').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SecretUndecryptableError)
    expect((err as SecretUndecryptableError).damagedFile).toBe(keptAs)
    expect(String(err)).toContain('enter it again')
    expect(await store.get('ws:1:source:3:token')).toBeNull()
    // Held (so removing its connection removes it), and gone once entered again.
    expect((await store.list('ws:1:')).sort()).toEqual(['ws:1:source:1:token', 'ws:1:source:2:password'])
    await store.set('ws:1:source:2:password', 'entered-again')
    expect(await store.get('ws:1:source:2:password')).toBe('entered-again')
    expect(readdirSync(dirname(filePath)).sort()).toEqual([
      'secrets.json',
      'secrets.json.damaged-20260301T091500',
    ])
  })

  it('a second damaged file moved aside in the same second never replaces the first kept copy', async () => {
    const filePath = existingSecretsFile()
    const store = createSafeStorageSecretStore({
      filePath,
      safeStorage: fakeSafeStorage(),
      now: () => new Date(2026, 2, 1, 9, 15, 0),
    })
    writeFileSync(filePath, 'first damaged file')
    await store.set('a', '1')
    writeFileSync(filePath, '{"version":2,"secrets":{"b":7}}')
    await store.set('c', '3')
    const dir = dirname(filePath)
    expect(readFileSync(join(dir, 'secrets.json.damaged-20260301T091500'), 'utf8')).toBe('first damaged file')
    expect(readFileSync(join(dir, 'secrets.json.damaged-20260301T091500-2'), 'utf8')).toBe(
      '{"version":2,"secrets":{"b":7}}',
    )
    // JSON of another shape still says which secrets it held.
    const err = await store.get('b').catch((e: unknown) => e)
    expect((err as SecretUndecryptableError).damagedFile).toBe(
      join(dir, 'secrets.json.damaged-20260301T091500-2'),
    )
    expect(await store.get('c')).toBe('3')
  })

  it('a multi-secret update and concurrent sets recover a damaged file once, keeping every new secret', async () => {
    const filePath = existingSecretsFile()
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() })
    writeFileSync(filePath, '\u0000\u0001 not a secrets file')
    // Nothing could be made out of it: every secret asked for is to be entered again until a write.
    await expect(store.get('x:token')).rejects.toBeInstanceOf(SecretUndecryptableError)
    await Promise.all([
      store.update!({ 'x:token': 'tok', 'x:password': 'pw', 'x:old': null }),
      store.set('y:token', 'ytok'),
    ])
    expect([await store.get('x:token'), await store.get('x:password'), await store.get('y:token')]).toEqual([
      'tok',
      'pw',
      'ytok',
    ])
    // No names were in it, so the others read as missing (not an error) once the fresh file exists.
    expect(await store.get('z:token')).toBeNull()
    const kept = readdirSync(dirname(filePath)).filter((n) => n.includes('.damaged-'))
    expect(kept).toHaveLength(1)
    expect(readFileSync(join(dirname(filePath), kept[0]!), 'utf8')).toBe('\u0000\u0001 not a secrets file')
  })

  it('a damaged file that cannot be moved aside keeps the clear error and is left as it was', async () => {
    const filePath = secretsFile()
    const store = createSafeStorageSecretStore({ filePath, safeStorage: fakeSafeStorage() })
    await store.set('a', '1')
    writeFileSync(filePath, '{"version":1,"secrets":{"a":"QUJD"')
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
    fsMock.link.mockRejectedValueOnce(denied)
    fsMock.rename.mockRejectedValueOnce(denied)
    const err = await store.set('b', '2').catch((e: unknown) => e)
    expect(String(err)).toMatch(/secrets file .*secrets\.json is damaged .*move it away, then enter/)
    expect(String(err)).not.toContain('QUJD')
    expect(readFileSync(filePath, 'utf8')).toBe('{"version":1,"secrets":{"a":"QUJD"')
    expect(readdirSync(dirname(filePath))).toEqual(['secrets.json'])
  })

  it('rejects odd names and does not confuse them with Object.prototype members', async () => {
    const store = createSafeStorageSecretStore({ filePath: secretsFile(), safeStorage: fakeSafeStorage() })
    await expect(store.set('', 'x')).rejects.toThrow(/name/)
    await expect(store.set('../etc', 'x')).rejects.toThrow(/name/)
    expect(await store.get('constructor')).toBeNull()
  })
})
