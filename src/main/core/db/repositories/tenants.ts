// Tenants (기관) and categories: small dimension tables, usually created on the fly by the SR writer.
//
// Both are keyed by name: every row of every source names them, and the same name from two
// connections or a file import is one tenant (category). A source that serves them with ids of its
// own (ITSM REST /tenants and /categories) also gets its id remembered per connection
// (tenant_source_ids, category_source_ids), so that when a later sync serves a known id under a new
// name, the stored row is renamed in place: its SRs, people, deployments, usage and rollups keep
// pointing at the same row id, and KPI filters (and SLA overrides of a category) naming the old name
// are rewritten to the new one.
//
// A rename to a name another tenant already holds:
// - held by a tenant this connection does not serve (created from the name by an SR, a person, a
//   deployment or usage row, e.g. SRs that arrived with the new name before /tenants served the
//   rename; a file import; another connection): the two are one institution by name, so they are
//   merged into the renamed row. Every SR, person and deployment of the other row moves (SRs are
//   keyed by source and id, so none is lost or counted twice); usage of the same source, feature and
//   month keeps the larger count; the rollups are rebuilt.
// - held by another tenant this connection serves (a swap or a chain of renames split over two
//   pages, or a server serving one name under two ids): never merged. The rename waits (pending)
//   under the old name and is tried again after every later page of this connection's tenants, so
//   a swap completes when its other half arrives.
import type Database from 'better-sqlite3'
import type { Store } from '../open-database'
import { writeTransaction } from '../write-transaction'
import { rejudgeCategorySrs } from '../../metrics/rejudge'
import { loadPolicySet, type PolicySet } from '../../metrics/sla-judge'

export type TenantRow = { id: number; name: string; createdAt: number }

/** A tenant as a feed serves it; `source` and `sourceId` when the source has ids of its own. */
export type TenantInput = { name: string; createdAt: number; source?: string; sourceId?: string }

/** A category as a feed serves it: its name, or its name and the source's id of it. */
export type CategoryInput = string | { name: string; source?: string; sourceId?: string }

/**
 * Forgets the ids `source` (a connection, `itsm:NAME`) served its tenants and categories under; the
 * tenants and categories stay. For a connection removed, or pointed at another server: a later
 * connection of that name (or the new server) must not rename a stored tenant because its id "1" once
 * meant another institution. Ids are learnt again, by name, from the next /tenants and /categories.
 */
export function forgetSourceIds(store: Store, source: string): void {
  store.sqlite.prepare('DELETE FROM tenant_source_ids WHERE source = ?').run(source)
  store.sqlite.prepare('DELETE FROM category_source_ids WHERE source = ?').run(source)
}

/**
 * Inserts tenants that do not exist yet (by name) and renames those whose source id now comes with
 * another name (see above). An existing one takes the earlier created_at: a tenant first met in a
 * row naming it (an SR, a person or a deployment of a tenant added upstream after the run's tenants
 * pass) was stored with that row's instant as a guess, or with 0 (unknown) when met in the
 * feature-usage feed, and the tenants feed's own date replaces the guess (a second source serving
 * the same tenant does not move it later).
 */
export function ensureTenants(store: Store, rows: readonly TenantInput[]): void {
  const { sqlite } = store
  const upsert = sqlite.prepare(
    `INSERT INTO tenants (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET created_at =
      CASE WHEN tenants.created_at = 0 THEN excluded.created_at
        ELSE MIN(tenants.created_at, excluded.created_at) END
    RETURNING id`,
  )
  const keepEarlier = sqlite.prepare(
    `UPDATE tenants SET created_at = CASE WHEN created_at = 0 THEN @createdAt
      ELSE MIN(created_at, @createdAt) END WHERE id = @id`,
  )
  writeTransaction(sqlite, () => {
    writeDimension(store, TENANTS, rows, {
      upsert: (r) => (upsert.get(r.name, r.createdAt) as { id: number }).id,
      known: (id, r) => void keepEarlier.run({ id, createdAt: r.createdAt }),
    })
  })()
}

/** Inserts categories that do not exist yet (by name) and renames those served under a new name. */
export function ensureCategories(store: Store, rows: readonly CategoryInput[]): void {
  const { sqlite } = store
  const upsert = sqlite.prepare(
    'INSERT INTO categories (name) VALUES (?) ON CONFLICT(name) DO UPDATE SET name = name RETURNING id',
  )
  writeTransaction(sqlite, () => {
    writeDimension(
      store,
      CATEGORIES,
      rows.map((r) => (typeof r === 'string' ? { name: r } : r)),
      { upsert: (r) => (upsert.get(r.name) as { id: number }).id, known: () => {} },
    )
  })()
}

/** All tenants, by name. */
export function listTenants(store: Store): TenantRow[] {
  return store.sqlite
    .prepare('SELECT id, name, created_at AS createdAt FROM tenants ORDER BY name')
    .all() as TenantRow[]
}

// ---- Shared by tenants and categories ----

type Dimension = {
  table: 'tenants' | 'categories'
  ids: 'tenant_source_ids' | 'category_source_ids'
  column: 'tenant_id' | 'category_id'
  /** The KPI filter field naming a row of this table. */
  kpiField: 'tenant' | 'category'
  /** Moves everything of row `from` to row `to` (the mappings and the row itself are done by the caller). */
  merge(sqlite: Database.Database, from: number, to: number): void
  /** After rows were renamed (and others merged into them), in the same transaction. */
  renamed?(store: Store, rows: readonly { id: number; name: string }[]): void
}

const TENANTS: Dimension = {
  table: 'tenants',
  ids: 'tenant_source_ids',
  column: 'tenant_id',
  kpiField: 'tenant',
  merge(sqlite, from, to) {
    // SR updates of tenant_id mark the rollups stale (guard trigger of migration 0002): they are rebuilt.
    sqlite.prepare('UPDATE service_requests SET tenant_id = ? WHERE tenant_id = ?').run(to, from)
    sqlite.prepare('UPDATE people SET tenant_id = ? WHERE tenant_id = ?').run(to, from)
    sqlite.prepare('UPDATE deployments SET tenant_id = ? WHERE tenant_id = ?').run(to, from)
    // Usage is keyed by (source, tenant, feature, month): a month both rows hold from one source is
    // the same server row served under each name, and the larger count is the later one.
    sqlite
      .prepare(
        `UPDATE feature_usage AS t SET count = max(t.count, f.count) FROM feature_usage AS f
         WHERE t.tenant_id = @to AND f.tenant_id = @from AND f.source = t.source AND f.feature = t.feature
           AND f.month = t.month`,
      )
      .run({ from, to })
    sqlite
      .prepare(
        `DELETE FROM feature_usage WHERE tenant_id = @from AND EXISTS (SELECT 1 FROM feature_usage AS t
           WHERE t.tenant_id = @to AND t.source = feature_usage.source AND t.feature = feature_usage.feature
             AND t.month = feature_usage.month)`,
      )
      .run({ from, to })
    sqlite.prepare('UPDATE feature_usage SET tenant_id = ? WHERE tenant_id = ?').run(to, from)
    // A count kept from before usage had a source ('') gives way to a source's count of that month,
    // as the usage writer does, so the merged month is not counted twice.
    sqlite
      .prepare(
        `DELETE FROM feature_usage WHERE tenant_id = ? AND source = '' AND EXISTS (SELECT 1 FROM feature_usage AS t
           WHERE t.tenant_id = feature_usage.tenant_id AND t.source <> '' AND t.feature = feature_usage.feature
             AND t.month = feature_usage.month)`,
      )
      .run(to)
    sqlite
      .prepare(
        `UPDATE tenants SET created_at = (SELECT CASE WHEN min(created_at) FILTER (WHERE created_at > 0) IS NULL
           THEN 0 ELSE min(created_at) FILTER (WHERE created_at > 0) END FROM tenants WHERE id IN (@from, @to))
         WHERE id = @to`,
      )
      .run({ from, to })
  },
}

const CATEGORIES: Dimension = {
  table: 'categories',
  ids: 'category_source_ids',
  column: 'category_id',
  kpiField: 'category',
  merge(sqlite, from, to) {
    sqlite.prepare('UPDATE service_requests SET category_id = ? WHERE category_id = ?').run(to, from)
  },
  // Each SR stores its SLA judgement, made under its category's override when it was written. The
  // overrides followed the rename (rewriteKpiFilters), but a merged category's SRs were judged under
  // the other name's override (or none), and an override the new name already had may now apply to
  // the renamed category's own SRs: re-judge the category's SRs, so they carry the target a fresh
  // sync would give them and the SLA widgets, rollups and KPIs count them by it. Only when some
  // policy version overrides the new name: otherwise no SR of either row was judged by an override.
  renamed(store, rows) {
    const overridden = store.sqlite
      .prepare(
        `SELECT 1 FROM sla_policy_versions AS v, json_each(v.overrides) AS o
         WHERE json_valid(v.overrides) AND json_extract(o.value, '$.category') = ? LIMIT 1`,
      )
      .pluck()
    let policies: PolicySet | undefined
    for (const { id, name } of rows) {
      if (overridden.get(name) === undefined) continue
      policies ??= loadPolicySet(store)
      rejudgeCategorySrs(store, policies, id)
    }
  },
}

type DimensionRow = { name: string; source?: string; sourceId?: string }

type Writes<R> = {
  /** Id of the row named `r.name`, inserted when missing (and its other fields merged in). */
  upsert(r: R): number
  /** Merges the other fields of `r` into row `id`, known by its source id. */
  known(id: number, r: R): void
}

function writeDimension<R extends DimensionRow>(
  store: Store,
  dim: Dimension,
  rows: readonly R[],
  writes: Writes<R>,
): void {
  const { sqlite } = store
  const findMapping = sqlite
    .prepare(`SELECT ${dim.column} FROM ${dim.ids} WHERE source = ? AND source_id = ?`)
    .pluck()
  const setServedName = sqlite.prepare(
    `UPDATE ${dim.ids} SET name = ?, pending = 0 WHERE source = ? AND source_id = ?`,
  )
  const insertMapping = sqlite.prepare(
    `INSERT INTO ${dim.ids} (source, source_id, ${dim.column}, name) VALUES (?, ?, ?, ?)`,
  )
  // Per source, the rows whose id it served in this call: only these (and renames still waiting) are
  // renamed, so a row another connection renamed is not renamed back by one that merely still knows it.
  const served = new Map<string, Set<number>>()
  const serve = (r: R, id: number): void => {
    const source = r.source ?? ''
    const set = served.get(source) ?? new Set<number>()
    set.add(id)
    served.set(source, set)
    setServedName.run(r.name, r.source, r.sourceId)
  }

  // Rows of ids already known first: their renames free (or take) names before a new id is matched
  // by name, so a new tenant that takes a renamed one's old name is not taken for it.
  const fresh: R[] = []
  for (const r of rows) {
    const known =
      r.source === undefined || r.sourceId === undefined
        ? undefined
        : (findMapping.get(r.source, r.sourceId) as number | undefined)
    if (known === undefined) fresh.push(r)
    else {
      writes.known(known, r)
      serve(r, known)
    }
  }
  for (const [source, ids] of served) applyRenames(store, dim, source, ids)
  for (const r of fresh) {
    if (r.source === undefined || r.sourceId === undefined) {
      writes.upsert(r)
      continue
    }
    // The same id twice in one page (a row changed while paging) is known by its second copy.
    const known = findMapping.get(r.source, r.sourceId) as number | undefined
    if (known === undefined) {
      const id = writes.upsert(r)
      insertMapping.run(r.source, r.sourceId, id, r.name)
      continue
    }
    writes.known(known, r)
    serve(r, known)
    applyRenames(store, dim, r.source, new Set([known]))
  }
  // A rename that waited for a name this source held elsewhere may go ahead now.
  for (const source of new Set(rows.flatMap((r) => (r.sourceId === undefined ? [] : [r.source ?? ''])))) {
    applyRenames(store, dim, source, new Set())
  }
}

/**
 * Renames the rows of `dim` among `ids`, and those whose rename waits, to the name `source` last
 * served for them, where that name is free or held by a row `source` does not serve (merged into the
 * renamed one); the others wait (pending = 1) under their old name.
 */
function applyRenames(store: Store, dim: Dimension, source: string, ids: ReadonlySet<number>): void {
  const { sqlite } = store
  const mappings = sqlite
    .prepare(
      `SELECT m.${dim.column} AS id, m.name AS target, d.name AS current, m.pending FROM ${dim.ids} AS m
       JOIN ${dim.table} AS d ON d.id = m.${dim.column} WHERE m.source = ?`,
    )
    .all(source) as { id: number; target: string; current: string; pending: number }[]
  // Rows this source serves: never merged away.
  const ownRows = new Set(mappings.map((m) => m.id))
  // One row named by two ids of the source (a server serving one name twice) moves only when both agree.
  const targetsOf = new Map<number, Set<string>>()
  for (const m of mappings) targetsOf.set(m.id, (targetsOf.get(m.id) ?? new Set()).add(m.target))
  const moving = new Map<number, { current: string; target: string }>()
  for (const m of mappings) {
    if (m.target === m.current || targetsOf.get(m.id)?.size !== 1) continue
    if (ids.has(m.id) || m.pending === 1) moving.set(m.id, { current: m.current, target: m.target })
  }
  if (moving.size === 0) return

  const holderOf = sqlite.prepare(`SELECT id FROM ${dim.table} WHERE name = ?`).pluck()
  // Which movers can go. One that waits keeps its name, which another may have counted on being
  // freed: decide again until none more waits.
  const waiting = new Set<number>()
  const merges = new Map<number, number>() // mover → the row merged into it
  for (let again = true; again;) {
    again = false
    merges.clear()
    const claimed = new Set<string>()
    for (const [id, m] of moving) {
      if (waiting.has(id)) continue
      const holder = holderOf.get(m.target) as number | undefined
      // A holder that is itself moving away (a swap, a chain) frees the name.
      const held = holder !== undefined && !(moving.has(holder) && !waiting.has(holder)) ? holder : undefined
      if (claimed.has(m.target) || (held !== undefined && ownRows.has(held))) {
        waiting.add(id)
        again = true
        break
      }
      claimed.add(m.target)
      if (held !== undefined) merges.set(id, held)
    }
  }

  const rename = sqlite.prepare(`UPDATE ${dim.table} SET name = ? WHERE id = ?`)
  const setPending = sqlite.prepare(
    `UPDATE ${dim.ids} SET pending = ? WHERE source = ? AND ${dim.column} = ?`,
  )
  const go = [...moving].filter(([id]) => !waiting.has(id))
  // Out of the way first (a swap, a chain), under names no feed sends (control characters); KPI
  // filters too, so that in a chain (A → B, B → C) those of A end on B, not on C.
  const parked = (id: number): string => `\u0001renaming\u0001${id}`
  for (const [id, m] of go) {
    rename.run(parked(id), id)
    rewriteKpiFilters(sqlite, dim.kpiField, m.current, parked(id))
  }
  for (const [id, m] of go) {
    const from = merges.get(id)
    if (from !== undefined) {
      dim.merge(sqlite, from, id)
      sqlite.prepare(`UPDATE ${dim.ids} SET ${dim.column} = ? WHERE ${dim.column} = ?`).run(id, from)
      sqlite.prepare(`DELETE FROM ${dim.table} WHERE id = ?`).run(from)
    }
    rename.run(m.target, id)
    rewriteKpiFilters(sqlite, dim.kpiField, parked(id), m.target)
    setPending.run(0, source, id)
  }
  dim.renamed?.(
    store,
    go.map(([id, m]) => ({ id, name: m.target })),
  )
  for (const id of waiting) setPending.run(1, source, id)
}

/**
 * KPI definitions (and their versions) filtered on `from` now filter on `to` (and a tenant's template
 * KPI's display name "… · from" reads "… · to"; its name, the KPI's key in addresses, stays), and for a category the
 * SLA policy's overrides of it (every version): they follow the rename, so new SRs of a renamed
 * category keep its SLA target. Where the version already overrides `to` for the same priority (a
 * category merged into the renamed one, or an override set for the new name beforehand), that one
 * stays and `from`'s goes, so the policy never gives one override twice (which Settings refuses to save).
 */
function rewriteKpiFilters(
  sqlite: Database.Database,
  field: 'tenant' | 'category',
  from: string,
  to: string,
): void {
  if (field === 'category')
    sqlite
      .prepare(
        `UPDATE sla_policy_versions SET overrides = (SELECT json_group_array(CASE
             WHEN json_extract(o.value, '$.category') = @from THEN json_set(o.value, '$.category', @to)
             ELSE json(o.value) END) FROM json_each(sla_policy_versions.overrides) AS o
           WHERE json_extract(o.value, '$.category') IS NOT @from OR NOT EXISTS (SELECT 1
             FROM json_each(sla_policy_versions.overrides) AS t WHERE json_extract(t.value, '$.category') = @to
               AND json_extract(t.value, '$.priority') IS json_extract(o.value, '$.priority')))
         WHERE json_valid(overrides) AND EXISTS (SELECT 1 FROM json_each(sla_policy_versions.overrides) AS o
           WHERE json_extract(o.value, '$.category') = @from)`,
      )
      .run({ from, to })
  for (const table of ['kpi_definitions', 'kpi_definition_versions']) {
    // A tenant's KPI made from a template is shown as "MTTR · <tenant>" (applyTemplates): that name
    // follows too. A display name the admin wrote otherwise stays as written.
    if (field === 'tenant')
      sqlite
        .prepare(
          `UPDATE ${table} SET display_name = substr(display_name, 1, length(display_name) - length(@from)) || @to
           WHERE filter IS NOT NULL AND json_valid(filter) AND json_extract(filter, '$.tenant') = @from
             AND length(display_name) > length(@from) + 3 AND substr(display_name, -length(@from) - 3) = ' · ' || @from`,
        )
        .run({ from, to })
    sqlite
      .prepare(
        `UPDATE ${table} SET filter = json_set(filter, '$.${field}', @to)
         WHERE filter IS NOT NULL AND json_valid(filter) AND json_extract(filter, '$.${field}') = @from`,
      )
      .run({ from, to })
  }
}
