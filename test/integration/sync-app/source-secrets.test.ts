// Whose secret is whose: the app's secret store is one file shared by every workspace it opens, and
// a source removed by the CLI (which cannot reach the keychain) and added again under the same name
// is another connection. Keys carry the workspace's id and the source's row id, never just the name.
import { afterEach, describe, expect, it } from 'vitest'
import { getMeta } from '../../../src/main/core/db/meta'
import {
  createMemorySecretStore,
  getSourceSecret,
  secretOwner,
  setSourceSecret,
  storeSecrets,
  sweepSourceSecrets,
  type SecretStore,
} from '../../../src/main/core/secrets'
import {
  addSource,
  getSource,
  removeSource,
  type SourceRecord,
} from '../../../src/main/core/sources/registry'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const workspaces: TempWorkspace[] = []
afterEach(() => {
  for (const ws of workspaces.splice(0)) ws.dispose()
})
const workspace = (): TempWorkspace => {
  const ws = tempWorkspace('ops-secret-keys-')
  workspaces.push(ws)
  return ws
}
const add = (ws: TempWorkspace, name: string, config: Record<string, unknown> = {}): SourceRecord =>
  addSource(ws.store, { name, kind: 'itsm', config: { url: 'http://127.0.0.1:2', ...config } }, 0)
const keys = async (vault: SecretStore): Promise<string[]> => (await vault.list('')).sort()

describe('source secret keys', () => {
  it("two workspaces' sources of one name keep their own secrets in the one store", async () => {
    const vault = createMemorySecretStore()
    const a = workspace()
    const b = workspace()
    await setSourceSecret(vault, secretOwner(a.store, add(a, 'prod')), 'token', 'token-of-a')
    await setSourceSecret(vault, secretOwner(b.store, add(b, 'prod')), 'token', 'token-of-b')
    const idA = getMeta(a.store, 'secret_id')
    const idB = getMeta(b.store, 'secret_id')
    expect(idA).toMatch(/^[0-9a-f-]{36}$/)
    expect(idB).not.toBe(idA)
    expect(await keys(vault)).toEqual([`ws:${idA}:source:1:token`, `ws:${idB}:source:1:token`].sort())
    const read = (ws: TempWorkspace) => storeSecrets(vault, ws.store)(getSource(ws.store, 'prod')!, 'token')
    expect(await read(a)).toBe('token-of-a')
    expect(await read(b)).toBe('token-of-b')
  })

  it('a source removed without the store and added again under its name does not get the old secret', async () => {
    const vault = createMemorySecretStore()
    const ws = workspace()
    await setSourceSecret(vault, secretOwner(ws.store, add(ws, 'prod')), 'token', 'old-app-token')
    // What the CLI does: `source remove prod`, then `source add itsm --name prod --token-env VAR`.
    removeSource(ws.store, 'prod')
    const again = add(ws, 'prod', { tokenEnv: 'OPS_TEST_PROD_TOKEN' })
    const env = (source: SourceRecord) => Promise.resolve(source.config['tokenEnv'] ? 'new-cli-token' : null)
    expect(await storeSecrets(vault, ws.store, env)(again, 'token')).toBe('new-cli-token')

    // The app's start sweeps the removed source's secret; the live one's and other workspaces' stay.
    await setSourceSecret(vault, secretOwner(ws.store, again), 'proxyPassword', 'kept')
    const other = workspace()
    await setSourceSecret(vault, secretOwner(other.store, add(other, 'gone')), 'token', 'not-ours')
    removeSource(other.store, 'gone')
    expect(await sweepSourceSecrets(vault, ws.store)).toBe(1)
    expect(await getSourceSecret(vault, secretOwner(ws.store, again), 'proxyPassword')).toBe('kept')
    expect(await vault.list(`ws:${getMeta(other.store, 'secret_id')}:`)).toHaveLength(1)
    expect(await sweepSourceSecrets(vault, ws.store)).toBe(0)
  })

  it("an earlier release's name-only key is moved to the source's key on first read", async () => {
    const vault = createMemorySecretStore({ 'source:prod:token': 'stored-before', 'source:other:token': 'x' })
    const ws = workspace()
    const owner = secretOwner(ws.store, add(ws, 'prod'))
    expect(await getSourceSecret(vault, owner, 'token')).toBe('stored-before')
    const id = getMeta(ws.store, 'secret_id')
    expect(await keys(vault)).toEqual(['source:other:token', `ws:${id}:source:1:token`])
    expect(await getSourceSecret(vault, owner, 'password')).toBeNull()
    // A new secret replaces a name-only one too, so it cannot come back.
    await vault.set('source:prod:password', 'older')
    await setSourceSecret(vault, owner, 'password', 'newer')
    expect(await vault.get('source:prod:password')).toBeNull()
    expect(await getSourceSecret(vault, owner, 'password')).toBe('newer')
  })
})
