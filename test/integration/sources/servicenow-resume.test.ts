// Where an incremental ServiceNow sync resumes. sys_updated_on has second precision and a
// transaction can commit after rows stamped later were read, so a row can appear behind the stored
// keyset: each run re-reads a margin before it. An incident stamped in the future must not carry the
// cursor past the instance's clock, or every later sync would read nothing. Re-reading unchanged rows
// must not make a quiet sync look busy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { createServiceNowConnector } from '../../../src/main/core/sources/servicenow/connector'
import { formatSnDateTime, parseSnDateTime } from '../../../src/main/core/sources/servicenow/mapping'
import { syncSource } from '../../../src/main/core/sync/engine'
import { getCursor } from '../../../src/main/core/sync/state'
import {
  startServiceNowSimulator,
  type SnRecord,
  type SnSimulator,
} from '../../../src/main/simulators/servicenow/simulator'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { serviceNowStored, serviceNowTruth } from '../sync/store-snapshot'

const SOURCE = 'servicenow:sn'
let ws: TempWorkspace
let sim: SnSimulator
beforeEach(async () => {
  ws = tempWorkspace('ops-sn-resume-')
  sim = await startServiceNowSimulator({ seed: 13, count: 300 })
})
afterEach(async () => {
  await sim.close()
  ws.dispose()
})

const sync = (pageSize = 40, resumeMarginSeconds?: number) =>
  syncSource(
    ws.store,
    createServiceNowConnector(
      {
        name: 'sn',
        url: sim.url,
        auth: { kind: 'basic', user: 'integration', password: 'secret' },
        resumeMarginSeconds,
      },
      defaultHttpDeps(),
    ),
    { pageSize },
  )
const storedTitle = (r: SnRecord): unknown =>
  (
    ws.store.sqlite
      .prepare('SELECT title FROM service_requests WHERE source = ? AND source_id = ?')
      .get(SOURCE, r['sys_id']!.value) as { title: string } | undefined
  )?.title
const title = (text: string) => ({ short_description: { value: text, display_value: text } })
const key = (r: SnRecord) => ({ u: r['sys_updated_on']!.value, id: r['sys_id']!.value })
const cursor = () => JSON.parse(getCursor(ws.store, SOURCE, 'srs') ?? '{}') as Record<string, unknown>

describe('an incremental ServiceNow sync', () => {
  it('reads an edit stamped in the same second as the cursor with a lower sys_id, and a late commit', async () => {
    expect(await sync()).toMatchObject({ status: 'ok', rows: 300 })
    const { updatedOn, sysId } = cursor() as { updatedOn: string; sysId: string }
    // The cursor ends on the newest row; another incident, ordered before it, gets the same stamp.
    const sameSecond = sim.records.find((r) => key(r).id < sysId && key(r).u < updatedOn)!
    sim.update(sameSecond, title('같은 초의 수정'), { at: updatedOn })
    // A transaction that began 30 s before the newest row and committed only now.
    const late = sim.records.find((r) => r !== sameSecond && key(r).u < updatedOn)!
    const thirtyBefore = formatSnDateTime(parseSnDateTime(updatedOn)! - 30_000)
    sim.update(late, title('늦게 커밋된 수정'), { at: thirtyBefore })

    const again = await sync()
    expect(again).toMatchObject({ status: 'ok', rows: 2 })
    expect(storedTitle(sameSecond)).toBe('같은 초의 수정')
    expect(storedTitle(late)).toBe('늦게 커밋된 수정')
    expect(serviceNowStored(ws.store.sqlite, SOURCE)).toEqual(serviceNowTruth(sim, SOURCE))
  })

  it("reads a commit 5 minutes late once the source's margin is 10 minutes (the default minute misses it)", async () => {
    expect(await sync()).toMatchObject({ status: 'ok', rows: 300 })
    const { updatedOn } = cursor() as { updatedOn: string }
    const fiveBefore = formatSnDateTime(parseSnDateTime(updatedOn)! - 5 * 60_000)
    const late = sim.records.find((r) => key(r).u < fiveBefore)!
    sim.update(late, title('5분 늦게 커밋된 수정'), { at: fiveBefore })

    // The default margin re-reads the last minute only: the row is behind it.
    expect(await sync()).toMatchObject({ status: 'ok', rows: 0 })
    expect(storedTitle(late)).not.toBe('5분 늦게 커밋된 수정')

    const before = sim.requests.length
    expect(await sync(40, 600)).toMatchObject({ status: 'ok', rows: 1 })
    expect(storedTitle(late)).toBe('5분 늦게 커밋된 수정')
    const rewound = formatSnDateTime(parseSnDateTime(updatedOn)! - 600_000)
    expect(sim.requests[before]!.query['sysparm_query']).toMatch(
      new RegExp(`^sys_updated_on>=${rewound}\\^ORDERBY`),
    )
    // The rows of those 10 minutes now keep fingerprints: the next run re-reads them and counts none.
    expect(await sync(40, 600)).toMatchObject({ status: 'ok', rows: 0 })
    expect(serviceNowStored(ws.store.sqlite, SOURCE)).toEqual(serviceNowTruth(sim, SOURCE))
  })

  it('refuses a margin under a minute or over a day', () => {
    for (const resumeMarginSeconds of [30, 86_401])
      expect(() =>
        createServiceNowConnector(
          { name: 'sn', url: sim.url, auth: { kind: 'bearer', token: 't' }, resumeMarginSeconds },
          defaultHttpDeps(),
        ),
      ).toThrow(/resume margin must be 60–86400 seconds/)
  })

  it('says 0 rows when nothing changed, though it re-reads the margin', async () => {
    expect((await sync()).status).toBe('ok')
    const before = sim.requests.length
    expect(await sync()).toMatchObject({ status: 'ok', rows: 0 })
    // The margin really was re-read: the first request of the run asked for rows before the cursor.
    const first = sim.requests[before]!
    const { updatedOn } = cursor() as { updatedOn: string }
    const rewound = formatSnDateTime(parseSnDateTime(updatedOn)! - 60_000)
    expect(first.query['sysparm_query']).toMatch(new RegExp(`^sys_updated_on>=${rewound}\\^ORDERBY`))
    expect(first.returned).toBeGreaterThan(0)
    expect(first.query['sysparm_offset']).toBeUndefined()
  })

  it('is not frozen by an incident stamped in the future: later edits are still read', async () => {
    const future = sim.records[42]!
    sim.update(future, title('미래에서 온 수정'), { at: '2030-01-01 00:00:00' })
    expect(await sync()).toMatchObject({ status: 'ok', rows: 300 })
    expect(storedTitle(future)).toBe('미래에서 온 수정')

    const later = sim.records[7]!
    sim.update(later, title('나중 수정')) // the instance's clock + 1 s, years before 2030
    const again = await sync()
    // The future row is read again each sync (it is past the instance's clock), but unchanged it is not
    // counted.
    expect(again).toMatchObject({ status: 'ok', rows: 1 })
    expect(storedTitle(later)).toBe('나중 수정')
    expect(await sync()).toMatchObject({ status: 'ok', rows: 0 })

    sim.update(future, title('미래 행 수정'), { at: '2030-01-01 00:00:01' })
    expect(await sync()).toMatchObject({ status: 'ok', rows: 1 })
    expect(serviceNowStored(ws.store.sqlite, SOURCE)).toEqual(serviceNowTruth(sim, SOURCE))
  })

  it('resumes a cursor a previous version stored past the instance clock from the clock', async () => {
    expect((await sync()).status).toBe('ok')
    // What the connector used to store after reading a 2030 row: every later sync read nothing.
    ws.store.sqlite
      .prepare("UPDATE sync_state SET cursor = ? WHERE source = ? AND entity = 'srs'")
      .run(JSON.stringify({ updatedOn: '2030-01-01 00:00:00', sysId: 'f'.repeat(32) }), SOURCE)
    const edited = sim.records[3]!
    sim.update(edited, title('시계 이후 수정'))
    expect(await sync()).toMatchObject({ status: 'ok' })
    expect(storedTitle(edited)).toBe('시계 이후 수정')
  })
})
