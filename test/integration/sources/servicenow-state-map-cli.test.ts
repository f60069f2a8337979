// `source add servicenow … --state-map` and `source state-map`: a source stuck on an incident in a
// state the built-in map does not know is unstuck from the command line, as its error says.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'

describe('ServiceNow state map on the command line', () => {
  let dir: string
  let sim: SnSimulator
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-sn-state-cli-'))
    sim = await startServiceNowSimulator({ seed: 4, count: 30 })
  })
  afterAll(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('takes --state-map at source add, refuses a bad one, and unsticks a sync with source state-map', async () => {
    const data = ['--data-dir', dir]
    const env = { SN_PW: 'secret' }
    const base = ['source', 'add', 'servicenow', '--url', sim.url, '--user', 'integration']
    const bad = await cli([...base, '--name', 'bad', '--state-map', '4=WAITING', ...data])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      'State map: "4=WAITING": "WAITING" is not a status; use one of OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED',
    )

    const add = await cli([
      ...base,
      '--name',
      'sn',
      '--password-env',
      'SN_PW',
      '--state-map',
      '-5=open',
      ...data,
    ])
    expect(add.code).toBe(0)
    const list = await cli(['source', 'list', ...data])
    expect(list.stdout).toContain('state map: -5=OPEN')

    sim.update(sim.records[5]!, { state: { value: '4', display_value: 'Awaiting User Info' } })
    const stuck = await cli(['sync', '--source', 'sn', '--json', ...data], env)
    expect(stuck.code).toBe(1)
    const [failed] = JSON.parse(stuck.stdout) as { error: string }[]
    expect(failed?.error).toContain('unknown state "4" (Awaiting User Info)')
    expect(failed?.error).toContain('npm run cli -- source state-map sn 4=STATUS')

    const set = await cli(['source', 'state-map', 'sn', '4=PENDING', ...data])
    expect(set.code).toBe(0)
    expect(set.stdout).toContain(
      '"sn" maps ServiceNow states -5=OPEN,4=PENDING, then the built-in 1/2/3/6/7/8',
    )
    const synced = await cli(['sync', '--source', 'sn', '--json', ...data], env)
    expect(synced.code).toBe(0)
    expect(JSON.parse(synced.stdout)).toEqual([expect.objectContaining({ status: 'ok', rows: 30 })])

    const cleared = await cli(['source', 'state-map', 'sn', '--clear', '--json', ...data])
    expect(JSON.parse(cleared.stdout)).toEqual({ source: 'sn', stateMap: {} })
  }, 120_000)
})
