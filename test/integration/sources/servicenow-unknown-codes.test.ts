// A page with both unknown state codes and unknown priority codes (on one record or on different
// ones) is refused naming both, in the message and in its reason, so the user maps both before the
// next sync instead of syncing once per map: sync, map states, sync, map priorities, sync.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import {
  addSource,
  connectorFor,
  envSecrets,
  getSource,
  setServiceNowPriorityMap,
  setServiceNowStateMap,
} from '../../../src/main/core/sources/registry'
import { mapIncident } from '../../../src/main/core/sources/servicenow/mapping'
import { causeOf } from '../../../src/main/core/sync/causes'
import { syncSource } from '../../../src/main/core/sync/engine'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const f = (value: string, display_value = value) => ({ value, display_value })

describe('ServiceNow records with unknown state and priority codes', () => {
  it('one record with both: its error carries both codes (the state named first)', () => {
    const record = {
      sys_id: f('0a1b2c3d4e5f60718293a4b5c6d7e8f9'),
      number: f('INC0010042'),
      short_description: f('전자결재 접속 불가'),
      state: f('4', 'Awaiting User Info'),
      priority: f('0', '0 - Emergency'),
      category: f('outage', '장애'),
      company: f('c0ffee00c0ffee00c0ffee00c0ffee00', '서울특별시청'),
      caller_id: f(''),
      assigned_to: f(''),
      opened_at: f('2026-03-31 15:30:00'),
      resolved_at: f(''),
      closed_at: f(''),
      sys_created_on: f('2026-03-31 15:29:58'),
      sys_updated_on: f('2026-04-01 09:00:05'),
      reassignment_count: f('0'),
      reopen_count: f('0'),
    }
    const refused = mapIncident(record, 'servicenow:sn')
    expect(refused.ok ? null : refused.error).toMatchObject({
      field: 'state',
      problem: { code: 'unknown_state', params: { value: '4' } },
      state: { code: '4', label: 'Awaiting User Info' },
      priority: { code: '0', label: '0 - Emergency' },
    })
    // With the state mapped, the priority alone refuses it.
    const stateMapped = mapIncident(record, 'servicenow:sn', { stateMap: { '4': 'PENDING' } })
    expect(stateMapped.ok ? null : stateMapped.error).toMatchObject({
      field: 'priority',
      priority: { code: '0', label: '0 - Emergency' },
    })
    expect(stateMapped.ok ? null : stateMapped.error).not.toHaveProperty('state')
  })
})

describe('a ServiceNow source whose page holds unknown states and unknown priorities', () => {
  let ws: TempWorkspace
  let sim: SnSimulator
  beforeEach(async () => {
    ws = tempWorkspace('ops-sn-unknown-codes-')
    sim = await startServiceNowSimulator({ seed: 9, count: 60 })
    addSource(
      ws.store,
      { name: 'sn', kind: 'servicenow', config: { url: sim.url, user: 'integration', passwordEnv: 'SN_PW' } },
      Date.now(),
    )
  })
  afterEach(async () => {
    await sim.close()
    ws.dispose()
  })

  const sync = async () => {
    const record = getSource(ws.store, 'sn')
    if (!record) throw new Error('no source')
    const connector = await connectorFor(record, envSecrets({ SN_PW: 'secret' }), defaultHttpDeps())
    return syncSource(ws.store, connector, { pageSize: 100 })
  }

  it('names both code lists and both commands at once; mapping both lets the next sync through', async () => {
    // One record with an unknown state and an unknown priority, one with an unknown priority only.
    const both = sim.records[10]!
    sim.update(both, {
      state: { value: '4', display_value: 'Awaiting User Info' },
      priority: { value: '0', display_value: '0 - Emergency' },
    })
    const planning = sim.records[20]!
    sim.update(planning, { priority: { value: '6', display_value: '6 - Planning' } })

    const stuck = await sync()
    expect(stuck.status).toBe('failed')
    expect(stuck.error).toContain(
      'Map state 4 (Awaiting User Info) to a status for this source: Settings → Connections → Edit → State codes, ' +
        'or npm run cli -- source state-map sn 4=STATUS',
    )
    expect(stuck.error).toContain(
      'Map priority 0 (0 - Emergency), 6 (6 - Planning) to a priority for this source: Settings → Connections → ' +
        'Edit → Priority codes, or npm run cli -- source priority-map sn 0=PRIORITY,6=PRIORITY',
    )
    expect(stuck.reason).toMatchObject({
      code: 'servicenow_unknown_codes',
      params: {
        table: 'incident',
        count: 2,
        name: 'sn',
        states: '4 (Awaiting User Info)',
        stateExample: '4=STATUS',
        statuses: 'OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED',
        codes: '0 (0 - Emergency), 6 (6 - Planning)',
        priorityExample: '0=PRIORITY,6=PRIORITY',
        priorities: 'P1, P2, P3, P4',
      },
    })
    // The Sync screen's cause is the pair of maps, by the reason and by the message alone.
    expect(causeOf('failed', stuck.error ?? '', stuck.reason)).toBe('unknown_codes')
    expect(causeOf('failed', stuck.error ?? '')).toBe('unknown_codes')

    // Both maps set from that one report: the next sync goes through.
    setServiceNowStateMap(ws.store, 'sn', { set: { '4': 'PENDING' } })
    setServiceNowPriorityMap(ws.store, 'sn', { set: { '0': 'P1', '6': 'P4' } })
    expect(await sync()).toMatchObject({ status: 'ok', error: null })
    const row = (sysId: string) =>
      ws.store.sqlite
        .prepare(
          `SELECT status, priority FROM service_requests WHERE source = 'servicenow:sn' AND source_id = ?`,
        )
        .get(sysId)
    expect(row(both['sys_id']!.value)).toEqual({ status: 'PENDING', priority: 'P1' })
    expect(row(planning['sys_id']!.value)).toMatchObject({ priority: 'P4' })
  })

  it('a page with unknown states only, or priorities only, keeps its own reason', async () => {
    sim.update(sim.records[10]!, { state: { value: '4', display_value: 'Awaiting User Info' } })
    expect((await sync()).reason).toMatchObject({
      code: 'servicenow_unknown_state',
      params: { states: '4 (Awaiting User Info)', example: '4=STATUS' },
    })
    setServiceNowStateMap(ws.store, 'sn', { set: { '4': 'PENDING' } })
    sim.update(sim.records[20]!, { priority: { value: '6', display_value: '6 - Planning' } })
    expect((await sync()).reason).toMatchObject({
      code: 'servicenow_unknown_priority',
      params: { codes: '6 (6 - Planning)', example: '6=PRIORITY' },
    })
  })
})
