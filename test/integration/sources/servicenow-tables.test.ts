// A task table other than incident (here sc_req_item): ServiceNow leaves caller_id, category,
// reopen_count and resolved_at out of its answers because the table has no such fields, so they map
// to null / 0; a field every task table has is still required. Its state codes differ, which a state
// map covers.
import { afterEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import {
  createServiceNowConnector,
  ServiceNowDataError,
} from '../../../src/main/core/sources/servicenow/connector'
import { mapIncident } from '../../../src/main/core/sources/servicenow/mapping'
import type { SrInput } from '../../../src/main/core/db/repositories/service-requests'
import type { Connector, Page } from '../../../src/main/core/sources/types'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'

const f = (value: string, display_value = value) => ({ value, display_value })

/** A requested item as the Table API returns it: task fields only. */
const item = (): Record<string, unknown> => ({
  sys_id: f('9f8e7d6c5b4a39281706f5e4d3c2b1a0'),
  number: f('RITM0010001'),
  short_description: f('노트북 신청'),
  state: f('2', 'Work in Progress'),
  priority: f('4', '4 - Low'),
  company: f('c0ffee00c0ffee00c0ffee00c0ffee00', '서울특별시청'),
  assigned_to: f('bbbb0000bbbb0000bbbb0000bbbb0000', '이서연'),
  opened_at: f('2026-03-02 01:00:00'),
  closed_at: f(''),
  sys_created_on: f('2026-03-02 01:00:00'),
  sys_updated_on: f('2026-03-03 02:00:00'),
  reassignment_count: f('1'),
})

describe('ServiceNow task tables other than incident', () => {
  it('maps the incident-only fields a record lacks to null and 0', () => {
    const r = mapIncident(item(), 'servicenow:ritm')
    expect(r.ok ? null : r.error).toBeNull()
    expect(r.ok && r.row).toMatchObject({
      sourceId: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
      status: 'IN_PROGRESS',
      requester: null,
      category: null,
      resolvedAt: null,
      reopenCount: 0,
      reassignmentCount: 1,
      assignee: '이서연',
    } satisfies Partial<SrInput>)
  })

  it('still refuses a record without a field every task table has', () => {
    for (const name of ['company', 'assigned_to', 'reassignment_count', 'closed_at', 'short_description']) {
      const record = item()
      delete record[name]
      const r = mapIncident(record, 'servicenow:ritm')
      expect(r.ok ? null : r.error).toMatchObject({
        field: name,
        message: 'the field is missing (is it readable by the integration user?)',
      })
    }
    // Present but malformed is an error on incident-only fields too.
    const bad = mapIncident({ ...item(), reopen_count: f('many') }, 'servicenow:ritm')
    expect(bad.ok ? null : bad.error.field).toBe('reopen_count')
  })
})

describe('syncing sc_req_item from the simulator', () => {
  let sim: SnSimulator | undefined
  afterEach(async () => {
    await sim?.close()
    sim = undefined
  })
  const signal = new AbortController().signal

  async function syncAll(c: Connector): Promise<SrInput[]> {
    const rows: SrInput[] = []
    let cursor: string | null = null
    for (let pages = 0; pages < 1000; pages++) {
      const page: Page<'srs'> = await c.fetchPage('srs', cursor, { signal, pageSize: 15 })
      rows.push(...page.rows)
      cursor = page.cursor
      if (!page.hasMore) return rows
    }
    throw new Error('paging does not end')
  }

  it('reads every item once its states are mapped, and says which state to map before', async () => {
    sim = await startServiceNowSimulator({ seed: 6, count: 40, table: 'sc_req_item' })
    expect(sim.records[0]).not.toHaveProperty('caller_id')
    const config = {
      name: 'ritm',
      url: sim.url,
      table: 'sc_req_item',
      auth: { kind: 'basic' as const, user: 'integration', password: 'secret' },
    }
    const unmapped = await syncAll(createServiceNowConnector(config, defaultHttpDeps())).catch(
      (e: unknown) => e,
    )
    expect(unmapped).toBeInstanceOf(ServiceNowDataError)
    expect((unmapped as Error).message).toMatch(/unknown state "(-5|4)" \((Pending|Closed Incomplete)\)/)
    expect((unmapped as Error).message).not.toContain('caller_id')

    const stateMap = { '3': 'DONE', '4': 'CANCELLED', '-5': 'PENDING' } as const
    const rows = await syncAll(createServiceNowConnector({ ...config, stateMap }, defaultHttpDeps()))
    expect(rows.map((r) => r.sourceId).sort()).toEqual(sim.records.map((r) => r['sys_id']!.value).sort())
    const byId = new Map(rows.map((r) => [r.sourceId, r]))
    const expected: Record<string, string> = { '1': 'OPEN', '2': 'IN_PROGRESS', ...stateMap }
    for (const record of sim.records) {
      const row = byId.get(record['sys_id']!.value)
      expect(row?.status).toBe(expected[record['state']!.value])
      expect(row?.requester).toBeNull()
    }
    expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThanOrEqual(4)
    const asked = sim.requests.filter((r) => r.path === '/api/now/table/sc_req_item')
    expect(asked.length).toBeGreaterThan(2)
  })
})
