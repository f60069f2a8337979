// A ServiceNow source's own state codes (config stateMap): state 4 "Awaiting User Info" of older
// instances or a custom -5 no longer blocks the source for good. Without a map entry the page is
// refused naming the state, its label and exactly how to map it; with one the sync goes on. The map
// is validated where it enters (config schema, command-line text).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CoreError } from '../../../src/main/core/errors'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import {
  addSource,
  connectorFor,
  envSecrets,
  getSource,
  setServiceNowStateMap,
} from '../../../src/main/core/sources/registry'
import { mapIncident } from '../../../src/main/core/sources/servicenow/mapping'
import { parseStateMapText, stateMapSchema } from '../../../src/shared/servicenow-state-map'
import { syncSource } from '../../../src/main/core/sync/engine'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const f = (value: string, display_value = value) => ({ value, display_value })

function incident(state: { value: string; display_value: string }) {
  return {
    sys_id: f('0a1b2c3d4e5f60718293a4b5c6d7e8f9'),
    number: f('INC0010042'),
    short_description: f('전자결재 접속 불가'),
    state,
    priority: f('3', '3 - Moderate'),
    category: f('outage', '장애'),
    company: f('c0ffee00c0ffee00c0ffee00c0ffee00', '서울특별시청'),
    caller_id: f('aaaa0000aaaa0000aaaa0000aaaa0000', '김민준'),
    assigned_to: f(''),
    opened_at: f('2026-03-31 15:30:00'),
    resolved_at: f(''),
    closed_at: f(''),
    sys_created_on: f('2026-03-31 15:29:58'),
    sys_updated_on: f('2026-04-01 09:00:05'),
    reassignment_count: f('0'),
    reopen_count: f('0'),
  }
}

describe('ServiceNow state map', () => {
  it('is consulted before the built-in codes, and an unmapped state names its code and label', () => {
    const awaiting = incident(f('4', 'Awaiting User Info'))
    const refused = mapIncident(awaiting, 'servicenow:sn')
    expect(refused.ok ? null : refused.error).toMatchObject({
      field: 'state',
      message: expect.stringContaining('unknown state "4" (Awaiting User Info)'),
      state: { code: '4', label: 'Awaiting User Info' },
    })
    const mapped = mapIncident(awaiting, 'servicenow:sn', { stateMap: { '4': 'PENDING' } })
    expect(mapped.ok && mapped.row.status).toBe('PENDING')
    // A custom negative code, and an override of a built-in one (3 is On Hold on incident only).
    const custom = mapIncident(incident(f('-5', 'Pending')), 'servicenow:sn', { stateMap: { '-5': 'OPEN' } })
    expect(custom.ok && custom.row.status).toBe('OPEN')
    const override = mapIncident(incident(f('3', 'Closed Complete')), 'servicenow:sn', {
      stateMap: { '3': 'DONE' },
    })
    expect(override.ok && override.row.status).toBe('DONE')
    // Codes the map does not name still go through the built-in map.
    const builtIn = mapIncident(incident(f('7', 'Closed')), 'servicenow:sn', { stateMap: { '4': 'PENDING' } })
    expect(builtIn.ok && builtIn.row.status).toBe('DONE')
    // Only real entries count, not what every object inherits.
    expect(mapIncident(incident(f('constructor')), 'servicenow:sn').ok).toBe(false)
  })

  it('validates the map: numeric codes, canonical statuses, with messages that say what to give', () => {
    expect(stateMapSchema.safeParse({ '4': 'PENDING', '-5': 'OPEN' }).success).toBe(true)
    const badStatus = stateMapSchema.safeParse({ '4': 'Pending' })
    expect(badStatus.success ? '' : badStatus.error.issues[0]?.message).toBe(
      '"Pending" is not a status; map state 4 to one of OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED',
    )
    const badCode = stateMapSchema.safeParse({ 'on hold': 'PENDING' })
    expect(badCode.success ? '' : badCode.error.issues[0]?.message).toMatch(
      /"on hold" is not a ServiceNow state code \(the state's value, a whole number such as 4 or -5\)/,
    )

    expect(parseStateMapText('4=pending, -5=OPEN')).toEqual({
      ok: true,
      map: { '4': 'PENDING', '-5': 'OPEN' },
    })
    // Each refusal also as a problem code and params, for the Connections form to word.
    expect(parseStateMapText('4:PENDING')).toEqual({
      ok: false,
      error: '"4:PENDING" is not CODE=STATUS (e.g. 4=PENDING)',
      problem: { code: 'not_pair', params: { entry: '4:PENDING' } },
    })
    expect(parseStateMapText('4=WAITING')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"WAITING" is not a status; use one of OPEN, IN_PROGRESS'),
      problem: {
        code: 'bad_value',
        params: {
          entry: '4=WAITING',
          value: 'WAITING',
          values: expect.stringContaining('OPEN, IN_PROGRESS'),
        },
      },
    })
    expect(parseStateMapText('x=OPEN')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"x" is not a ServiceNow state code'),
      problem: { code: 'bad_code', params: { entry: 'x=OPEN', code: 'x' } },
    })
    expect(parseStateMapText('4=OPEN,4=DONE')).toMatchObject({
      ok: false,
      error: 'state 4 is given twice (OPEN and DONE)',
      problem: { code: 'twice', params: { code: '4', first: 'OPEN', second: 'DONE' } },
    })
    expect(parseStateMapText(' , ')).toMatchObject({ ok: false, problem: { code: 'empty' } })
  })
})

describe('a ServiceNow source with an incident in a state the built-in map does not know', () => {
  let ws: TempWorkspace
  let sim: SnSimulator
  beforeEach(async () => {
    ws = tempWorkspace('ops-sn-state-map-')
    sim = await startServiceNowSimulator({ seed: 9, count: 60 })
  })
  afterEach(async () => {
    await sim.close()
    ws.dispose()
  })

  const sync = async () => {
    const record = getSource(ws.store, 'sn')
    if (!record) throw new Error('no source')
    const connector = await connectorFor(record, envSecrets({ SN_PW: 'secret' }), defaultHttpDeps())
    return syncSource(ws.store, connector, { pageSize: 25 })
  }
  const statusOf = (sysId: string): unknown =>
    (
      ws.store.sqlite
        .prepare(`SELECT status FROM service_requests WHERE source = 'servicenow:sn' AND source_id = ?`)
        .get(sysId) as { status: string } | undefined
    )?.status

  it('refuses the page saying how to map the state, then syncs once the source maps it', async () => {
    addSource(
      ws.store,
      { name: 'sn', kind: 'servicenow', config: { url: sim.url, user: 'integration', passwordEnv: 'SN_PW' } },
      Date.now(),
    )
    const victim = sim.records[10]!
    sim.update(victim, { state: { value: '4', display_value: 'Awaiting User Info' } })
    const custom = sim.records[20]!
    sim.update(custom, { state: { value: '-5', display_value: '보류(고객)' } })

    const stuck = await sync()
    expect(stuck.status).toBe('failed')
    expect(stuck.error).toContain(`record ${victim['sys_id']?.value}`)
    expect(stuck.error).toContain('unknown state "4" (Awaiting User Info)')
    expect(stuck.error).toContain(
      'Map state 4 (Awaiting User Info), -5 (보류(고객)) to a status for this source: Settings → Connections → Edit → State codes, or npm run cli -- source state-map sn 4=STATUS,-5=STATUS (STATUS one of OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED); then sync again',
    )
    // Every sync stays stuck on it: the cursor cannot pass the record.
    expect((await sync()).status).toBe('failed')

    setServiceNowStateMap(ws.store, 'sn', { set: { '4': 'PENDING', '-5': 'OPEN' } })
    const unstuck = await sync()
    expect(unstuck).toMatchObject({ status: 'ok', error: null })
    expect(statusOf(victim['sys_id']!.value)).toBe('PENDING')
    expect(statusOf(custom['sys_id']!.value)).toBe('OPEN')
    const stored = ws.store.sqlite
      .prepare(`SELECT count(*) AS n FROM service_requests WHERE source = 'servicenow:sn'`)
      .get() as { n: number }
    expect(stored.n).toBe(60)
  })

  it('keeps the map valid as it is changed: merge, remove, clear, and clear refusals', () => {
    addSource(
      ws.store,
      {
        name: 'sn',
        kind: 'servicenow',
        config: { url: sim.url, user: 'integration', passwordEnv: 'SN_PW', stateMap: { '4': 'PENDING' } },
      },
      Date.now(),
    )
    expect(() =>
      addSource(
        ws.store,
        { name: 'bad', kind: 'servicenow', config: { url: sim.url, stateMap: { '4': 'WAITING' } } },
        Date.now(),
      ),
    ).toThrow('stateMap.4: "WAITING" is not a status; map state 4 to one of OPEN, IN_PROGRESS, PENDING')
    const merged = setServiceNowStateMap(ws.store, 'sn', { set: { '-5': 'OPEN' } })
    expect(merged.kind === 'servicenow' && merged.config.stateMap).toEqual({ '4': 'PENDING', '-5': 'OPEN' })
    const removed = setServiceNowStateMap(ws.store, 'sn', { remove: ['4'] })
    expect(removed.kind === 'servicenow' && removed.config.stateMap).toEqual({ '-5': 'OPEN' })
    expect(() => setServiceNowStateMap(ws.store, 'sn', { remove: ['9'] })).toThrow(
      '"sn" has no state map entry for 9',
    )
    const cleared = setServiceNowStateMap(ws.store, 'sn', { clear: true })
    expect(cleared.kind === 'servicenow' && cleared.config.stateMap).toBeUndefined()
    expect(getSource(ws.store, 'sn')?.config).not.toHaveProperty('stateMap')
    expect(() => setServiceNowStateMap(ws.store, 'nope', { clear: true })).toThrow(CoreError)
  })
})
