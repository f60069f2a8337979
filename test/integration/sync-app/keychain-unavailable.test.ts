// A computer whose OS offers no keychain to safeStorage (Linux without an unlocked GNOME Keyring or
// KWallet: encryption unavailable, or only the 'basic_text' backend, a key hard-coded in Electron):
// the app's secret store refuses, and adding or changing a connection with a secret says so in the
// UI's words. Nothing is written in plain text, and the connection is not added or half changed.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createSafeStorageSecretStore,
  type SafeStorageLike,
} from '../../../src/main/shell/safe-storage-secrets'
import { appContext, type AppContext } from './app-context'

const FIRST = 'first-pass-3c9e1a77'
const SECOND = 'second-pass-8d2f4b19'

/** A reversible stand-in for the OS keychain whose availability and backend the test switches. */
function switchableSafeStorage() {
  const state = { available: true, backend: 'gnome_libsecret' }
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a))
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => state.available,
    encryptString: (text) => flip(Buffer.from(`enc:${text}`, 'utf8')),
    decryptString: (buf) => flip(buf).toString('utf8').slice(4),
    getSelectedStorageBackend: () => state.backend,
  }
  return { state, safeStorage }
}

/** Every file under `dir`, read. */
function contents(dir: string): string {
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? contents(path) : readFileSync(path).toString('latin1')
    })
    .join('\n')
}

let app: AppContext | undefined
let userData: string | undefined
afterEach(async () => {
  await app?.dispose()
  if (userData) rmSync(userData, { recursive: true, force: true })
  app = undefined
  userData = undefined
})

describe('no OS keychain', () => {
  for (const lack of ['encryption unavailable', 'basic_text backend'] as const) {
    it(`(${lack}): a connection with a secret is refused in words, stored nowhere, added or changed not at all`, async () => {
      userData = mkdtempSync(join(tmpdir(), 'ops-userdata-'))
      const keychain = switchableSafeStorage()
      const secretStore = createSafeStorageSecretStore({
        filePath: join(userData, 'secrets.json'),
        safeStorage: keychain.safeStorage,
        platform: 'linux',
      })
      app = appContext({ secretStore })
      // Added while the keychain works: its password is kept encrypted.
      await app.ok('sources:add', {
        kind: 'servicenow',
        name: 'sn',
        url: 'https://one.example.com',
        user: 'svc',
        password: FIRST,
      })
      if (lack === 'encryption unavailable') keychain.state.available = false
      else keychain.state.backend = 'basic_text'

      const added = await app.invoke('sources:add', {
        kind: 'servicenow',
        name: 'sn2',
        url: 'https://two.example.com',
        user: 'svc',
        password: SECOND,
      })
      expect(added).toMatchObject({
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          reason: { code: 'keychain_unavailable_store', params: { name: 'sn2' } },
        },
      })
      if (!added.ok) expect(added.error.message).toContain('never in plain text')

      const changed = await app.invoke('sources:update', {
        name: 'sn',
        url: 'https://moved.example.com',
        password: SECOND,
      })
      expect(changed).toMatchObject({
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          reason: { code: 'keychain_unavailable_store', params: { name: 'sn' } },
        },
      })
      // The connection stays as it was; the other was not added.
      const listed = await app.ok('sources:list', {})
      expect(listed.map((s) => [s.name, s.url])).toEqual([['sn', 'https://one.example.com']])
      // Neither password in plain text anywhere: the secrets file, the workspace folder.
      for (const dir of [userData, app.ws.dataDir]) {
        const text = contents(dir)
        expect(text).not.toContain(SECOND)
        expect(text).not.toContain(FIRST)
      }
      // The first password is still the one stored (encrypted).
      const file = JSON.parse(readFileSync(join(userData, 'secrets.json'), 'utf8')) as {
        secrets: Record<string, string>
      }
      expect(Object.keys(file.secrets)).toEqual([app.secretKey('sn', 'password')])
    })
  }
})
