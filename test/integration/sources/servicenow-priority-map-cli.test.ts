// `source add servicenow … --priority-map` and `source priority-map`: a source stuck on an incident
// with a priority code the built-in map does not know is unstuck from the command line, as its error
// says.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'

describe('ServiceNow priority map on the command line', () => {
  let dir: string
  let sim: SnSimulator
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-sn-priority-cli-'))
    sim = await startServiceNowSimulator({ seed: 4, count: 30 })
  })
  afterAll(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('takes --priority-map at source add, refuses a bad one, and unsticks a sync with source priority-map', async () => {
    const data = ['--data-dir', dir]
    const env = { SN_PW: 'secret' }
    const base = ['source', 'add', 'servicenow', '--url', sim.url, '--user', 'integration']
    const bad = await cli([...base, '--name', 'bad', '--priority-map', '6=P5', ...data])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Priority map: "6=P5": "P5" is not a priority; use one of P1, P2, P3, P4')
    const itsm = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'it',
      '--url',
      sim.url,
      '--priority-map',
      '0=P1',
      ...data,
    ])
    expect(itsm.code).toBe(2)
    expect(itsm.stderr).toContain(
      'error: --priority-map is for ServiceNow connections only: an ITSM REST connection has no priority codes',
    )

    const add = await cli([
      ...base,
      '--name',
      'sn',
      '--password-env',
      'SN_PW',
      '--priority-map',
      '6=p4',
      ...data,
    ])
    expect(add.code).toBe(0)
    const list = await cli(['source', 'list', ...data])
    expect(list.stdout).toContain('priority map: 6=P4')

    sim.update(sim.records[5]!, { priority: { value: '0', display_value: '0 - Emergency' } })
    const stuck = await cli(['sync', '--source', 'sn', '--json', ...data], env)
    expect(stuck.code).toBe(1)
    const [failed] = JSON.parse(stuck.stdout) as { error: string }[]
    expect(failed?.error).toContain('unknown priority "0" (0 - Emergency)')
    expect(failed?.error).toContain('npm run cli -- source priority-map sn 0=PRIORITY')

    const set = await cli(['source', 'priority-map', 'sn', '0=P1', ...data])
    expect(set.code).toBe(0)
    expect(set.stdout).toContain('"sn" maps ServiceNow priorities 0=P1,6=P4, then the built-in 1..5')
    expect(set.stdout).toContain('Incidents stored before keep their priority until they change')
    const synced = await cli(['sync', '--source', 'sn', '--json', ...data], env)
    expect(synced.code).toBe(0)
    expect(JSON.parse(synced.stdout)).toEqual([expect.objectContaining({ status: 'ok', rows: 30 })])

    const removed = await cli(['source', 'priority-map', 'sn', '--remove', '6', '--json', ...data])
    expect(JSON.parse(removed.stdout)).toEqual({ source: 'sn', priorityMap: { '0': 'P1' } })
    const missing = await cli(['source', 'priority-map', 'sn', '--remove', '6', ...data])
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain('"sn" has no priority map entry for 6')
    const cleared = await cli(['source', 'priority-map', 'sn', '--clear', '--json', ...data])
    expect(JSON.parse(cleared.stdout)).toEqual({ source: 'sn', priorityMap: {} })
    const shown = await cli(['source', 'priority-map', 'sn', ...data])
    expect(shown.stdout).toContain('"sn" knows the built-in ServiceNow priorities 1..5 only')
    // The state map is its own: untouched by all this.
    expect((await cli(['source', 'state-map', 'sn', '--json', ...data])).stdout).toContain('"stateMap": {}')
  }, 120_000)
})
