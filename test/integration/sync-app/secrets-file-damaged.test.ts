// A secrets file found damaged (cut short, mangled) does not lock the admin out of Settings →
// Connections: each connection whose secret it held shows as to be entered again, entering one
// moves the damaged file aside (kept, byte for byte) and stores it, and the others still say they
// need entering, naming the kept copy but never quoting the file's text.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createSafeStorageSecretStore,
  type SafeStorageLike,
} from '../../../src/main/shell/safe-storage-secrets'
import { appContext, type AppContext } from './app-context'

const flip = (b: Buffer): Buffer => Buffer.from(b.map((x) => x ^ 0x5a))
const safeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => flip(Buffer.from(`enc:${text}`, 'utf8')),
  decryptString: (buf) => flip(buf).toString('utf8').slice(4),
  getSelectedStorageBackend: () => 'gnome_libsecret',
}

let app: AppContext | undefined
let userData: string | undefined
afterEach(async () => {
  await app?.dispose()
  if (userData) rmSync(userData, { recursive: true, force: true })
  app = undefined
  userData = undefined
})

describe('a damaged secrets file', () => {
  it('shows each connection as to be entered again, and entering one recovers the file', async () => {
    userData = mkdtempSync(join(tmpdir(), 'ops-userdata-'))
    const filePath = join(userData, 'secrets.json')
    app = appContext({ secretStore: createSafeStorageSecretStore({ filePath, safeStorage }) })
    await app.ok('sources:add', {
      kind: 'itsm',
      name: 'first',
      url: 'https://one.example.go.kr',
      token: 'tok-1',
    })
    await app.ok('sources:add', {
      kind: 'itsm',
      name: 'second',
      url: 'https://two.example.go.kr',
      token: 'tok-2',
    })
    // Cut short inside the second connection's ciphertext (a disk that filled up).
    const whole = readFileSync(filePath, 'utf8')
    const cipher = (JSON.parse(whole) as { secrets: Record<string, string> }).secrets[
      app.secretKey('second', 'token')
    ]!
    const damaged = whole.slice(0, whole.indexOf(cipher) + 10)
    writeFileSync(filePath, damaged)

    const listed = await app.ok('sources:list', {})
    // Settings → Connections says why: the damaged file, still where it was until a secret is stored.
    expect(listed.map((v) => [v.name, v.secret, v.secretDamagedFile])).toEqual([
      ['first', 'unreadable', 'secrets.json'],
      ['second', 'unreadable', 'secrets.json'],
    ])

    // Entering the first connection's token again is not refused: the damaged file is kept aside.
    const fixed = await app.ok('sources:update', { name: 'first', token: 'tok-1-new' })
    expect(fixed.secret).toBe('stored')
    const kept = readdirSync(userData).filter((n) => n.startsWith('secrets.json.damaged-'))
    expect(kept).toHaveLength(1)
    expect(readFileSync(join(userData, kept[0]!), 'utf8')).toBe(damaged)
    // The one still to be entered names the kept copy; the one entered again names none.
    expect((await app.ok('sources:list', {})).map((v) => [v.name, v.secret, v.secretDamagedFile])).toEqual([
      ['first', 'stored', null],
      ['second', 'unreadable', kept[0]],
    ])

    // The second one says it must be entered again, and where the damaged copy is, in the UI's words.
    const test = await app.ok('sources:test', { name: 'second' })
    expect(test).toMatchObject({
      ok: false,
      error: {
        cause: 'secret_missing',
        reason: { code: 'secret_file_damaged', params: { name: 'second', secret: 'token', file: kept[0] } },
      },
    })
    expect(test.error?.message).toContain('enter it again in Settings → Connections')
    expect(test.error?.message).toContain(join(userData, kept[0]!))
    expect(JSON.stringify(test)).not.toContain(cipher.slice(0, 8))

    const again = await app.ok('sources:update', { name: 'second', token: 'tok-2-new' })
    expect(again.secret).toBe('stored')
    expect(readdirSync(userData).filter((n) => n.startsWith('secrets.json.damaged-'))).toEqual(kept)
  })
})
