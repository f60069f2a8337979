// ServiceNow releases before Helsinki (and some instances with certain ACL setups) answer a Table API
// query with no rows to show as 404 {"error":{"message":"No Record found", …},"status":"failure"}, not
// 200 and an empty result, and without X-Total-Count or Link. That is an empty page: a sync whose
// window holds nothing new ends ok where it was, a window ACLs hid whole is not taken for the end, and
// "Test connection" of an empty table passes. A wrong table (400 "Invalid table …") or a wrong address
// (an HTML 404) still fails with its own reason.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getWatermark } from '../../../src/main/core/db/meta'
import { SourceError } from '../../../src/main/core/sources/http'
import { createServiceNowConnector } from '../../../src/main/core/sources/servicenow/connector'
import { syncSource } from '../../../src/main/core/sync/engine'
import { getCursor, recentSyncLog } from '../../../src/main/core/sync/state'
import {
  startServiceNowSimulator,
  type SnFaults,
  type SnSimulator,
} from '../../../src/main/simulators/servicenow/simulator'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { FAST_RETRY, recordingDeps } from '../sync/fault-harness'
import { serviceNowStored, serviceNowTruth, snapshotStore } from '../sync/store-snapshot'

const SOURCE = 'servicenow:sn'
const AUTH = { kind: 'basic', user: 'integration', password: 'secret' } as const
const signal = new AbortController().signal

let ws: TempWorkspace
let sim: SnSimulator | undefined
let front: Server | undefined
beforeEach(() => {
  ws = tempWorkspace('ops-sn-no-record-')
})
afterEach(async () => {
  await sim?.close()
  sim = undefined
  await new Promise((resolve) => (front ? front.close(resolve) : resolve(undefined)))
  front = undefined
  ws.dispose()
})

async function start(count: number, faults: SnFaults): Promise<SnSimulator> {
  sim = await startServiceNowSimulator({ seed: 13, count, faults })
  return sim
}

const connector = (url: string, opts: { table?: string; pageSize?: number } = {}) =>
  createServiceNowConnector({ name: 'sn', url, auth: AUTH, retry: FAST_RETRY, ...opts }, recordingDeps())

const sync = (url: string, pageSize = 40, table?: string) =>
  syncSource(ws.store, connector(url, table ? { table } : {}), { pageSize })

const noRecordAnswers = (s: SnSimulator, from = 0) =>
  s.requests.slice(from).filter((r) => r.fault === 'no_record' && r.status === 404)

const keysetOf = (cursor: string | null) => {
  const { updatedOn, sysId } = JSON.parse(cursor ?? '{}') as { updatedOn?: string; sysId?: string }
  return { updatedOn, sysId }
}

describe('a ServiceNow instance that answers an empty query 404 "No Record found"', () => {
  it('an incremental sync with nothing new ends ok, 0 rows, where it was; the next edit is read', async () => {
    // A third of the incidents hidden by ACLs: the margin re-read is not the whole query, so the run
    // asks past the last row, where nothing matches: 404.
    const s = await start(300, { noRecord404: true, aclHiddenShare: 0.3 })
    const first = await sync(s.url)
    expect(first).toMatchObject({ status: 'ok', error: null })
    expect(serviceNowStored(ws.store.sqlite, SOURCE)).toEqual(serviceNowTruth(s, SOURCE))
    const cursor = getCursor(ws.store, SOURCE, 'srs')
    const before = snapshotStore(ws.store.sqlite)
    const watermark = getWatermark(ws.store)

    const from = s.requests.length
    const again = await sync(s.url)
    expect(noRecordAnswers(s, from).length).toBeGreaterThan(0)
    expect(again).toMatchObject({ status: 'ok', error: null, reason: null, rows: 0 })
    expect(recentSyncLog(ws.store, 1, SOURCE)[0]).toMatchObject({ status: 'ok', error: null })
    // The position did not move, nothing was written, and the data is current as of this sync.
    expect(keysetOf(getCursor(ws.store, SOURCE, 'srs'))).toEqual(keysetOf(cursor))
    expect(snapshotStore(ws.store.sqlite)).toEqual(before)
    expect(getWatermark(ws.store)).toBeGreaterThanOrEqual(watermark ?? 0)

    // An edit after that is read by the next sync: the 404 did not leave the source stuck.
    const visible = s.records.find((r) => !s.hidden.has(r['sys_id']!.value))!
    s.update(visible, { short_description: { value: '변경됨', display_value: '변경됨' } })
    const third = await sync(s.url)
    expect(third).toMatchObject({ status: 'ok', rows: 1 })
    expect(serviceNowStored(ws.store.sqlite, SOURCE)).toEqual(serviceNowTruth(s, SOURCE))
  })

  it('the first sync of an empty table ends ok with no rows, and "Test connection" passes', async () => {
    const s = await start(0, { noRecord404: true })
    expect(await connector(s.url).whoAmI(signal)).toEqual({ name: '연동 계정', role: null })
    const outcome = await sync(s.url)
    expect(outcome).toMatchObject({ status: 'ok', error: null, rows: 0 })
    expect(noRecordAnswers(s).map((r) => r.path)).toContain('/api/now/table/incident')
  })

  it('windows ACLs hid whole (404, no count) are not the end: every readable row is read', async () => {
    const s = await start(300, { noRecord404: true, aclHiddenShare: 0.9 })
    const outcome = await sync(s.url, 5)
    expect(outcome).toMatchObject({ status: 'ok', error: null })
    expect(serviceNowStored(ws.store.sqlite, SOURCE)).toEqual(serviceNowTruth(s, SOURCE))
    expect(serviceNowTruth(s, SOURCE).length).toBeGreaterThan(10)
    // A 404 with no count was confirmed with a window ten times wider from the same place.
    const limits = s.requests.map((r) => r.query['sysparm_limit'])
    expect(limits).toContain('50')
    expect(noRecordAnswers(s).length).toBeGreaterThan(0)
  })

  it('a wrong table name still fails with the instance\'s "Invalid table"', async () => {
    const s = await start(20, { noRecord404: true })
    const outcome = await sync(s.url, 40, 'incidnet')
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toContain('Invalid table incidnet')
    expect(outcome.reason).toMatchObject({
      code: 'servicenow_invalid_table',
      params: { table: 'incidnet', said: 'Invalid table incidnet' },
    })
    await expect(connector(s.url, { table: 'incidnet' }).whoAmI(signal)).rejects.toMatchObject({
      kind: 'client',
      status: 400,
    })
  })

  it('a 404 that is not "No Record found" (a wrong path, a web page) still fails as not found', async () => {
    const bodies = [
      { type: 'text/html', text: '<html><head><title>404 Not Found</title></head><body></body></html>' },
      {
        type: 'application/json',
        text: JSON.stringify({ error: { message: 'Not found', detail: null }, status: 'failure' }),
      },
    ]
    for (const body of bodies) {
      front = createServer((_req, res) => {
        res.writeHead(404, { 'content-type': body.type })
        res.end(body.text)
      })
      await new Promise<void>((resolve) => front!.listen(0, '127.0.0.1', resolve))
      const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}/gateway`
      const outcome = await sync(url)
      expect(outcome.status, body.type).toBe('failed')
      expect(outcome.reason, body.type).toMatchObject({ code: 'http_not_found', params: { status: 404 } })
      const test = await connector(url)
        .whoAmI(signal)
        .catch((err: unknown) => err)
      expect(test, body.type).toBeInstanceOf(SourceError)
      expect(test, body.type).toMatchObject({ kind: 'not_found' })
      await new Promise((resolve) => front!.close(resolve))
      front = undefined
    }
  })
})
