// A connection change that gives several secrets at once (its token and its proxy's password) is all
// or nothing: the secret store failing part-way leaves every secret as it was. Before, the token was
// stored, then the password failed, and the connection had a new token with the old password.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createMemorySecretStore,
  getSourceSecret,
  secretOwner,
  type SecretOwner,
  type SecretStore,
} from '../../../src/main/core/secrets'
import { getSource } from '../../../src/main/core/sources/registry'
import { addSourceWithSecret, updateSourceWithSecret } from '../../../src/main/core/sync/sources-admin'
import {
  createSafeStorageSecretStore,
  type SafeStorageLike,
} from '../../../src/main/shell/safe-storage-secrets'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/** A stand-in keychain (reversible, not clear text) that refuses to encrypt `refused` values. */
function keychain(refused: Set<string>): SafeStorageLike {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a))
  return {
    isEncryptionAvailable: () => true,
    encryptString: (text) => {
      if (refused.has(text)) throw new Error('The keychain refused the request')
      return flip(Buffer.from(text, 'utf8'))
    },
    decryptString: (buf) => flip(buf).toString('utf8'),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  }
}

/** A workspace with the ITSM connection "prod": its token and its proxy's login stored in `vault`. */
async function connection(vault: SecretStore): Promise<{ ws: TempWorkspace; owner: SecretOwner }> {
  const ws = tempWorkspace('ops-secret-update-')
  cleanups.push(() => ws.dispose())
  await addSourceWithSecret(
    ws.store,
    vault,
    {
      kind: 'itsm',
      name: 'prod',
      url: 'https://itsm.example.go.kr',
      token: 'old-token',
      proxy: 'http://proxy.example.go.kr:3128',
      proxyUser: 'ops',
      proxyPassword: 'old-proxy-password',
    },
    0,
  )
  return { ws, owner: secretOwner(ws.store, getSource(ws.store, 'prod')!) }
}

const secretsOf = async (vault: SecretStore, owner: SecretOwner) => ({
  token: await getSourceSecret(vault, owner, 'token'),
  proxyPassword: await getSourceSecret(vault, owner, 'proxyPassword'),
})

describe('changing two secrets of a connection at once', () => {
  it("the app's keychain store failing on the second leaves both as they were, and the file untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-secret-file-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const filePath = join(dir, 'secrets.json')
    const refused = new Set<string>()
    const vault = createSafeStorageSecretStore({ filePath, safeStorage: keychain(refused) })
    const { ws, owner } = await connection(vault)
    const fileBefore = readFileSync(filePath, 'utf8')
    refused.add('new-proxy-password')
    const change = { name: 'prod', token: 'new-token', proxyPassword: 'new-proxy-password' }
    await expect(updateSourceWithSecret(ws.store, vault, change, 1)).rejects.toThrow(/keychain refused/)
    expect(await secretsOf(vault, owner)).toEqual({ token: 'old-token', proxyPassword: 'old-proxy-password' })
    expect(readFileSync(filePath, 'utf8')).toBe(fileBefore)
    // Once the keychain takes both, both change.
    refused.clear()
    await updateSourceWithSecret(ws.store, vault, change, 2)
    expect(await secretsOf(vault, owner)).toEqual({ token: 'new-token', proxyPassword: 'new-proxy-password' })
  })

  it('a store without an all-at-once update gets the ones changed before the failure put back', async () => {
    const memory = createMemorySecretStore()
    let failOn: string | null = null
    // Only get/set/delete/list, as a store written for the interface before update existed.
    const vault: SecretStore = {
      get: (name) => memory.get(name),
      set: (name, value) => {
        if (failOn !== null && name.endsWith(failOn)) return Promise.reject(new Error('disk full'))
        return memory.set(name, value)
      },
      delete: (name) => memory.delete(name),
      list: (prefix) => memory.list(prefix),
    }
    const { ws, owner } = await connection(vault)
    failOn = ':proxyPassword'
    await expect(
      updateSourceWithSecret(ws.store, vault, { name: 'prod', token: 'new-token', proxyPassword: 'p2' }, 1),
    ).rejects.toThrow('disk full')
    expect(await secretsOf(vault, owner)).toEqual({ token: 'old-token', proxyPassword: 'old-proxy-password' })
  })
})
