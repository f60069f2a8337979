// A ServiceNow source's own priority codes (config priorityMap): an instance with custom priority
// choices ("0 - Emergency", "6 - Planning") no longer blocks the source for good. Without a map entry
// the page is refused naming the record, the code, its label and exactly how to map it; with one the
// sync goes on. The map is validated where it enters (config schema, command-line text).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CoreError } from '../../../src/main/core/errors'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import {
  addSource,
  connectorFor,
  envSecrets,
  getSource,
  setServiceNowPriorityMap,
} from '../../../src/main/core/sources/registry'
import { mapIncident } from '../../../src/main/core/sources/servicenow/mapping'
import { parsePriorityMapText, priorityMapSchema } from '../../../src/shared/servicenow-priority-map'
import { syncSource } from '../../../src/main/core/sync/engine'
import { causeOf } from '../../../src/main/core/sync/causes'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const f = (value: string, display_value = value) => ({ value, display_value })

function incident(priority: { value: string; display_value: string }) {
  return {
    sys_id: f('0a1b2c3d4e5f60718293a4b5c6d7e8f9'),
    number: f('INC0010042'),
    short_description: f('전자결재 접속 불가'),
    state: f('2', 'In Progress'),
    priority,
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

describe('ServiceNow priority map', () => {
  it('is consulted before the built-in 1..5, and an unmapped priority names the record, its code and label', () => {
    const emergency = incident(f('0', '0 - Emergency'))
    const refused = mapIncident(emergency, 'servicenow:sn')
    expect(refused.ok ? null : refused.error).toEqual({
      sysId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      number: 'INC0010042',
      field: 'priority',
      message: 'unknown priority "0" (0 - Emergency); mapped: 1, 2, 3, 4, 5',
      problem: {
        code: 'unknown_priority',
        params: { value: '0', label: '0 - Emergency', mapped: '1, 2, 3, 4, 5' },
      },
      priority: { code: '0', label: '0 - Emergency' },
    })
    const mapped = mapIncident(emergency, 'servicenow:sn', { priorityMap: { '0': 'P1' } })
    expect(mapped.ok && mapped.row.priority).toBe('P1')
    // A code the map does not name is still refused, naming the codes that are mapped now.
    const planning = mapIncident(incident(f('6', '6 - Planning')), 'servicenow:sn', {
      priorityMap: { '0': 'P1' },
    })
    expect(planning.ok ? null : planning.error).toMatchObject({
      number: 'INC0010042',
      field: 'priority',
      message: 'unknown priority "6" (6 - Planning); mapped: 0, 1, 2, 3, 4, 5',
      priority: { code: '6', label: '6 - Planning' },
    })
    // An override of a built-in code (5 Planning joins P4 unless the source says otherwise).
    const override = mapIncident(incident(f('5', '5 - Planning')), 'servicenow:sn', {
      priorityMap: { '5': 'P3' },
    })
    expect(override.ok && override.row.priority).toBe('P3')
    // Codes the map does not name still go through the built-in map.
    const builtIn = mapIncident(incident(f('2', '2 - High')), 'servicenow:sn', { priorityMap: { '0': 'P1' } })
    expect(builtIn.ok && builtIn.row.priority).toBe('P2')
    // Only real entries count, not what every object inherits.
    expect(mapIncident(incident(f('constructor')), 'servicenow:sn').ok).toBe(false)
  })

  it('validates the map: numeric codes, P1..P4, at most 20, with messages that say what to give', () => {
    expect(priorityMapSchema.safeParse({ '0': 'P1', '6': 'P4', '-1': 'P2' }).success).toBe(true)
    const badValue = priorityMapSchema.safeParse({ '6': 'P5' })
    expect(badValue.success ? '' : badValue.error.issues[0]?.message).toBe(
      '"P5" is not a priority; map priority 6 to one of P1, P2, P3, P4',
    )
    const badCode = priorityMapSchema.safeParse({ Emergency: 'P1' })
    expect(badCode.success ? '' : badCode.error.issues[0]?.message).toBe(
      `"Emergency" is not a ServiceNow priority code (the priority's value, a whole number such as 0 or 6)`,
    )
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [String(10 + i), 'P4']))
    expect(priorityMapSchema.safeParse(many).success).toBe(false)

    expect(parsePriorityMapText('0=p1, 6=P4')).toEqual({ ok: true, map: { '0': 'P1', '6': 'P4' } })
    expect(parsePriorityMapText('0:P1')).toEqual({
      ok: false,
      error: '"0:P1" is not CODE=PRIORITY (e.g. 0=P1)',
      problem: { code: 'not_pair', params: { entry: '0:P1' } },
    })
    expect(parsePriorityMapText('6=Low')).toEqual({
      ok: false,
      error: '"6=Low": "Low" is not a priority; use one of P1, P2, P3, P4',
      problem: { code: 'bad_value', params: { entry: '6=Low', value: 'Low', values: 'P1, P2, P3, P4' } },
    })
    expect(parsePriorityMapText('e=P1')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"e" is not a ServiceNow priority code'),
      problem: { code: 'bad_code', params: { entry: 'e=P1', code: 'e' } },
    })
    expect(parsePriorityMapText('0=P1,0=P2')).toMatchObject({
      ok: false,
      error: 'priority 0 is given twice (P1 and P2)',
      problem: { code: 'twice', params: { code: '0', first: 'P1', second: 'P2' } },
    })
    expect(parsePriorityMapText(' , ')).toMatchObject({
      ok: false,
      error: 'no CODE=PRIORITY entries (e.g. 0=P1,6=P4)',
      problem: { code: 'empty' },
    })
  })
})

describe('a ServiceNow source with incidents in priorities the built-in map does not know', () => {
  let ws: TempWorkspace
  let sim: SnSimulator
  beforeEach(async () => {
    ws = tempWorkspace('ops-sn-priority-map-')
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
  const priorityOf = (sysId: string): unknown =>
    (
      ws.store.sqlite
        .prepare(`SELECT priority FROM service_requests WHERE source = 'servicenow:sn' AND source_id = ?`)
        .get(sysId) as { priority: string } | undefined
    )?.priority

  it('refuses the page saying how to map the priority, then syncs once the source maps it', async () => {
    addSource(
      ws.store,
      { name: 'sn', kind: 'servicenow', config: { url: sim.url, user: 'integration', passwordEnv: 'SN_PW' } },
      Date.now(),
    )
    const emergency = sim.records[10]!
    sim.update(emergency, { priority: { value: '0', display_value: '0 - Emergency' } })
    const planning = sim.records[20]!
    sim.update(planning, { priority: { value: '6', display_value: '6 - Planning' } })

    const stuck = await sync()
    expect(stuck.status).toBe('failed')
    expect(stuck.error).toContain(
      `record ${emergency['sys_id']?.value} (${emergency['number']?.value}), field priority: unknown priority "0" (0 - Emergency)`,
    )
    expect(stuck.error).toContain(
      'Map priority 0 (0 - Emergency), 6 (6 - Planning) to a priority for this source: Settings → Connections → Edit → Priority codes, or npm run cli -- source priority-map sn 0=PRIORITY,6=PRIORITY (PRIORITY one of P1, P2, P3, P4); then sync again',
    )
    // Its reason says the same for the app to word, and its cause is the connection's map.
    expect(stuck.reason).toMatchObject({
      code: 'servicenow_unknown_priority',
      params: {
        codes: '0 (0 - Emergency), 6 (6 - Planning)',
        name: 'sn',
        example: '0=PRIORITY,6=PRIORITY',
        priorities: 'P1, P2, P3, P4',
      },
    })
    expect(causeOf('failed', stuck.error ?? '', stuck.reason)).toBe('unknown_priority')
    expect(causeOf('failed', stuck.error ?? '')).toBe('unknown_priority')
    // Every sync stays stuck on it: the cursor cannot pass the record.
    expect((await sync()).status).toBe('failed')

    setServiceNowPriorityMap(ws.store, 'sn', { set: { '0': 'P1', '6': 'P4' } })
    const unstuck = await sync()
    expect(unstuck).toMatchObject({ status: 'ok', error: null })
    expect(priorityOf(emergency['sys_id']!.value)).toBe('P1')
    expect(priorityOf(planning['sys_id']!.value)).toBe('P4')
    const stored = ws.store.sqlite
      .prepare(`SELECT count(*) AS n FROM service_requests WHERE source = 'servicenow:sn'`)
      .get() as { n: number }
    expect(stored.n).toBe(60)
  })

  it('keeps the map valid as it is changed: merge, remove, clear, and refusals', () => {
    addSource(
      ws.store,
      {
        name: 'sn',
        kind: 'servicenow',
        config: { url: sim.url, user: 'integration', passwordEnv: 'SN_PW', priorityMap: { '0': 'P1' } },
      },
      Date.now(),
    )
    expect(() =>
      addSource(
        ws.store,
        { name: 'bad', kind: 'servicenow', config: { url: sim.url, priorityMap: { '6': 'P5' } } },
        Date.now(),
      ),
    ).toThrow('priorityMap.6: "P5" is not a priority; map priority 6 to one of P1, P2, P3, P4')
    const merged = setServiceNowPriorityMap(ws.store, 'sn', { set: { '6': 'P4' } })
    expect(merged.kind === 'servicenow' && merged.config.priorityMap).toEqual({ '0': 'P1', '6': 'P4' })
    const removed = setServiceNowPriorityMap(ws.store, 'sn', { remove: ['0'] })
    expect(removed.kind === 'servicenow' && removed.config.priorityMap).toEqual({ '6': 'P4' })
    expect(() => setServiceNowPriorityMap(ws.store, 'sn', { remove: ['9'] })).toThrow(
      '"sn" has no priority map entry for 9',
    )
    const cleared = setServiceNowPriorityMap(ws.store, 'sn', { clear: true })
    expect(cleared.kind === 'servicenow' && cleared.config.priorityMap).toBeUndefined()
    expect(getSource(ws.store, 'sn')?.config).not.toHaveProperty('priorityMap')
    expect(() => setServiceNowPriorityMap(ws.store, 'nope', { clear: true })).toThrow(CoreError)
    addSource(ws.store, { name: 'itsm', kind: 'itsm', config: { url: sim.url } }, Date.now())
    expect(() => setServiceNowPriorityMap(ws.store, 'itsm', { set: { '0': 'P1' } })).toThrow(
      '"itsm" is an ITSM REST connection: only ServiceNow connections have a priority map',
    )
  })
})
