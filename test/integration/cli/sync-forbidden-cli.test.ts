// `sync` from the command line with a token that may not read some collections: the SRs are synced,
// the outcome line says which collections were refused and the exit code is 1; `sync log` shows each.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'

describe('sync with collections the account may not read', () => {
  let dir: string
  let sim: ItsmSimulator
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-sync-forbidden-cli-'))
    sim = await startItsmSimulator({
      seed: 9,
      srCount: 40,
      faults: { forbidden: ['people', 'feature_usage'] },
    })
  })
  afterAll(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('syncs the SRs, names the refused collections in the outcome and the log, and exits 1', async () => {
    const add = ['source', 'add', 'itsm', '--name', 'prod', '--url', sim.url, '--token-env', 'ITSM_TOKEN']
    expect((await cli([...add, '--data-dir', dir])).code).toBe(0)
    const sync = await cli(['sync', '--data-dir', dir], { ITSM_TOKEN: sim.token })
    expect(sync.code).toBe(1)
    const [line, why, ...rest] = sync.stdout.split('\n')
    expect(line).toMatch(/^ITSM REST connection "prod": failed — [\d,]+ rows in \d+ pages, /)
    expect(why).toBe(
      '  The account may not read people, feature usage (403): they were skipped in this sync, the other data was synced, and the next sync asks for them again (ITSM REST connection "prod"). If the account is not meant to read them, turn them off in the connection\'s settings (Settings → Connections, or `source update prod --skip people,feature_usage`): the syncs then succeed without them',
    )
    expect(rest).toEqual([''])

    const log = await cli(['sync', 'log', '--json', '--data-dir', dir])
    const entries = (JSON.parse(log.stdout) as { entity: string; status: string; rows: number }[]).reverse()
    expect(entries.map((e) => [e.entity, e.status])).toEqual([
      ['tenants', 'ok'],
      ['categories', 'ok'],
      ['people', 'failed'],
      ['srs', 'ok'],
      ['sr_events', 'ok'],
      ['deployments', 'ok'],
      ['feature_usage', 'failed'],
    ])
    expect(entries.find((e) => e.entity === 'srs')?.rows).toBe(40)
  }, 60_000)
})
