// What a synced store holds, keyed by natural keys instead of row ids, so two workspaces (or a store
// and a simulator) can be compared with toEqual. Columns are read with SELECT *: a column added later
// (e.g. a derived SLA column) is compared too without touching this file. Only the integer ids that
// differ between workspaces by insertion order are replaced by what they point at.
import type Database from 'better-sqlite3'
import type { ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import type { SnSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { PRIORITY_MAP, STATE_MAP, parseSnDateTime } from '../../../src/main/core/sources/servicenow/mapping'

type Row = Record<string, unknown>

export type StoreSnapshot = {
  serviceRequests: Row[]
  srEvents: Row[]
  people: Row[]
  tenants: Row[]
  categories: Row[]
  deployments: Row[]
  featureUsage: Row[]
  /** Cursors without their updated_at (a wall-clock instant). */
  syncState: Row[]
}

const without = (row: Row, keys: readonly string[]): Row =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)))

/** Rows in a stable order that does not depend on insertion order. */
const sorted = (rows: Row[]): Row[] =>
  rows
    .map((r) => [JSON.stringify(r), r] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, r]) => r)

const PERSON_KEY = `p.source || '/' || p.source_id`

/** Everything a sync writes, comparable across workspaces. */
export function snapshotStore(sqlite: Database.Database): StoreSnapshot {
  const all = (sql: string): Row[] => sqlite.prepare(sql).all() as Row[]
  return {
    serviceRequests: sorted(
      all(
        `SELECT sr.*, t.name AS tenant_name, c.name AS category_name, ${PERSON_KEY} AS assignee_key
         FROM service_requests sr JOIN tenants t ON t.id = sr.tenant_id
         LEFT JOIN categories c ON c.id = sr.category_id LEFT JOIN people p ON p.id = sr.assignee_id`,
      ).map((r) => without(r, ['id', 'tenant_id', 'category_id', 'assignee_id'])),
    ),
    srEvents: sorted(
      all(
        `SELECT e.*, sr.source AS sr_source, sr.source_id AS sr_source_id, ${PERSON_KEY} AS actor_key,
           a.source || '/' || a.source_id AS assignee_key
         FROM sr_events e JOIN service_requests sr ON sr.id = e.sr_id
         LEFT JOIN people p ON p.id = e.actor_id LEFT JOIN people a ON a.id = e.assignee_id`,
      ).map((r) => without(r, ['id', 'sr_id', 'actor_id', 'assignee_id'])),
    ),
    people: sorted(
      all('SELECT p.*, t.name AS tenant_name FROM people p LEFT JOIN tenants t ON t.id = p.tenant_id').map(
        (r) => without(r, ['id', 'tenant_id']),
      ),
    ),
    tenants: sorted(all('SELECT * FROM tenants').map((r) => without(r, ['id']))),
    categories: sorted(all('SELECT * FROM categories').map((r) => without(r, ['id']))),
    deployments: sorted(
      all('SELECT d.*, t.name AS tenant_name FROM deployments d JOIN tenants t ON t.id = d.tenant_id').map(
        (r) => without(r, ['id', 'tenant_id']),
      ),
    ),
    featureUsage: sorted(
      all('SELECT f.*, t.name AS tenant_name FROM feature_usage f JOIN tenants t ON t.id = f.tenant_id').map(
        (r) => without(r, ['tenant_id']),
      ),
    ),
    syncState: sorted(all('SELECT source, entity, cursor FROM sync_state')),
  }
}

/** Rows that occur more than once (sr_events has no unique key, so a replayed page would show here). */
export function duplicates(rows: readonly Row[]): Row[] {
  const seen = new Set<string>()
  const dup: Row[] = []
  for (const r of rows) {
    const key = JSON.stringify(r)
    if (seen.has(key)) dup.push(r)
    seen.add(key)
  }
  return dup
}

const msOrNull = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso))

/** The SRs as the store should hold them after syncing ITSM source `source` from `sim` (its current data). */
export function itsmTruth(sim: ItsmSimulator, source: string): Row[] {
  return sorted(
    sim.data.srs.map((r) => ({
      source,
      source_id: r.id,
      number: r.number,
      tenant_name: r.tenant,
      title: r.title,
      category_name: r.category,
      priority: r.priority,
      status: r.status,
      requester: r.requester,
      assignee_name: r.assignee,
      created_at: Date.parse(r.created_at),
      first_response_at: msOrNull(r.first_response_at),
      resolved_at_source: msOrNull(r.resolved_at),
      closed_at: msOrNull(r.closed_at),
      updated_at: Date.parse(r.updated_at),
      reassignment_count: r.reassignment_count,
      reopen_count: r.reopen_count,
      raw: r,
    })),
  )
}

/** The same fields read back from the store, for comparison with itsmTruth. */
export function itsmStored(sqlite: Database.Database, source: string): Row[] {
  const rows = sqlite
    .prepare(
      `SELECT sr.source, sr.source_id, sr.number, t.name AS tenant_name, sr.title, c.name AS category_name,
         sr.priority, sr.status, sr.requester, p.name AS assignee_name, sr.created_at, sr.first_response_at,
         sr.resolved_at_source, sr.closed_at, sr.updated_at, sr.reassignment_count, sr.reopen_count, sr.raw
       FROM service_requests sr JOIN tenants t ON t.id = sr.tenant_id
       LEFT JOIN categories c ON c.id = sr.category_id LEFT JOIN people p ON p.id = sr.assignee_id
       WHERE sr.source = ?`,
    )
    .all(source) as Row[]
  return sorted(rows.map((r) => ({ ...r, raw: JSON.parse(String(r['raw'])) as unknown })))
}

/** The incidents the integration user may read, as the store should hold them (a few mapped fields). */
export function serviceNowTruth(sim: SnSimulator, source: string): Row[] {
  return sorted(
    sim.records
      .filter((r) => !sim.hidden.has(r['sys_id']?.value ?? ''))
      .map((r) => {
        const v = (name: string): string => r[name]?.value ?? ''
        return {
          source,
          source_id: v('sys_id'),
          number: v('number'),
          title: v('short_description'),
          tenant_name: r['company']?.display_value || '(no company)',
          status: STATE_MAP[v('state')] ?? null,
          priority: PRIORITY_MAP[v('priority')] ?? null,
          updated_at: parseSnDateTime(v('sys_updated_on')),
          reassignment_count: Number(v('reassignment_count') || '0'),
        }
      }),
  )
}

/** The same fields read back from the store, for comparison with serviceNowTruth. */
export function serviceNowStored(sqlite: Database.Database, source: string): Row[] {
  return sorted(
    sqlite
      .prepare(
        `SELECT sr.source, sr.source_id, sr.number, sr.title, t.name AS tenant_name, sr.status, sr.priority,
           sr.updated_at, sr.reassignment_count
         FROM service_requests sr JOIN tenants t ON t.id = sr.tenant_id WHERE sr.source = ?`,
      )
      .all(source) as Row[],
  )
}
