// SPEC §5 user retention: people grouped by the local month they were created; for each following
// month, the share of the cohort active that month. Active = created an SR as its requester, was
// assigned one (an 'assignment' event naming them, or the SR's assignee), logged work on one (a
// 'worklog' event by them), or has last_active_at in that month. Nothing is estimated: a month with
// no recorded activity is 0 %, a month after as-of is null.
import type { UserRetentionCohort, UserRetentionResponse } from '../../../../shared/ipc/types-cohorts'
import type { Store } from '../../db/open-database'
import { roundTo } from '../../metrics/rounding'
import type { ResolvedQuery } from '../query'
import { tenantClause } from '../tenant-filter'
import { COHORT_METRICS } from './labels'
import {
  cohortMeta,
  cohortWindow,
  countedEnd,
  monthIndex,
  monthIndexSql,
  monthsBetween,
  partialMonth,
  triangleRow,
  type Month,
} from './months'
import { firstSrAt } from './scope'

type PersonRow = {
  id: number
  source: string
  source_id: string
  name: string
  tenant_id: number | null
  created_at: number
  last_active_at: number | null
}

/**
 * User retention cohorts. The tenant filter keeps the people of those tenants (staff tied to no tenant
 * drop out); their activity counts on any SR. Without from/to the cohorts start at the month of the
 * first SR in scope, since before it there is no activity record to measure anyone by.
 */
export function userRetention(store: Store, q: ResolvedQuery): UserRetentionResponse {
  const base = { ...cohortMeta(q), metric: COHORT_METRICS[q.lang].userRetention }
  const empty = { ...base, cohort_months: 0, data: [] }
  const tenant = tenantClause(q.tenants)
  const people = store.sqlite
    .prepare(
      `SELECT id, source, source_id, name, tenant_id, created_at, last_active_at FROM people
       WHERE created_at <= ?${tenant.sql}`,
    )
    .all(q.asOf, ...tenant.params) as PersonRow[]
  const window = cohortWindow(q, firstSrAt(store, q))
  const first = window[0]
  if (!first || people.length === 0) return empty

  const grid = monthsBetween(first.start, q.asOf, q.zone)
  const asOfIndex = grid.length - 1
  const shown = new Set(window.map((m) => m.key))
  const cohortOf = new Map<number, number>()
  const members = new Map<number, number>()
  for (const p of people) {
    const i = monthIndex(grid, p.created_at)
    if (i < 0 || !shown.has(grid[i]?.key ?? '')) continue
    cohortOf.set(p.id, i)
    members.set(i, (members.get(i) ?? 0) + 1)
  }
  if (cohortOf.size === 0) return empty

  const active = new Map<number, Set<number>>()
  const mark = (personId: number, index: number) => {
    const start = cohortOf.get(personId)
    if (start === undefined || index < start || index > asOfIndex) return
    let months = active.get(personId)
    if (!months) active.set(personId, (months = new Set()))
    months.add(index)
  }
  markRequesters(store, grid, q.asOf, people, mark)
  markAssignees(store, grid, q.asOf, mark)
  markEvents(store, grid, q.asOf, mark)
  for (const p of people) {
    if (p.last_active_at !== null && p.last_active_at <= q.asOf)
      mark(p.id, monthIndex(grid, p.last_active_at))
  }

  const activeCounts = new Map<number, number[]>()
  for (const [personId, months] of active) {
    const start = cohortOf.get(personId) ?? 0
    const counts = activeCounts.get(start) ?? []
    for (const i of months) counts[i - start] = (counts[i - start] ?? 0) + 1
    activeCounts.set(start, counts)
  }
  const starts = [...members.keys()].sort((a, b) => a - b)
  const columns = asOfIndex - (starts[0] ?? 0) + 1
  const partial = partialMonth(q) !== null
  const data: UserRetentionCohort[] = starts.map((start) => {
    const size = members.get(start) ?? 0
    const counts = activeCounts.get(start) ?? []
    const activeRow = triangleRow(start, asOfIndex, columns, (k) => counts[k] ?? 0)
    return {
      cohort: grid[start]?.key ?? '',
      new_users: size,
      active_by_month: activeRow,
      retention_by_month: activeRow.map((n) => (n === null ? null : roundTo((n / size) * 100, 1))),
      partial_index: partial ? asOfIndex - start : null,
    }
  })
  return { ...base, cohort_months: columns, data }
}

type Mark = (personId: number, index: number) => void

/**
 * SRs name their requester as the source does (a source id or a display name), so requesters are
 * matched like the writer matches people: by source id, then by name within the SR's tenant.
 */
function markRequesters(store: Store, grid: readonly Month[], asOf: number, people: PersonRow[], mark: Mark) {
  const byKey = new Map<string, PersonRow>()
  const byName = new Map<string, PersonRow[]>()
  for (const p of people) {
    byKey.set(`${p.source}\u0000${p.source_id}`, p)
    const k = `${p.source}\u0000${p.name}`
    byName.set(k, [...(byName.get(k) ?? []), p])
  }
  // One range read per month on the created_at index; DISTINCT keeps the answer to people × months.
  const requesters = store.sqlite
    .prepare(
      `SELECT DISTINCT source, requester, tenant_id FROM service_requests
       WHERE created_at >= ? AND created_at < ? AND requester IS NOT NULL`,
    )
    .raw(true)
  grid.forEach((month, i) => {
    for (const row of requesters.all(month.start, countedEnd(month, asOf)) as [string, string, number][]) {
      const [source, requester, tenantId] = row
      const person =
        byKey.get(`${source}\u0000${requester}`) ??
        byName
          .get(`${source}\u0000${requester}`)
          ?.find((p) => p.tenant_id === null || p.tenant_id === tenantId)
      if (person) mark(person.id, i)
    }
  })
}

/** The SR's current assignee counts as assigned in the SR's creation month (its assignment time is unknown without events). */
function markAssignees(store: Store, grid: readonly Month[], asOf: number, mark: Mark) {
  const assignees = store.sqlite
    .prepare(
      `SELECT DISTINCT assignee_id FROM service_requests
       WHERE created_at >= ? AND created_at < ? AND assignee_id IS NOT NULL`,
    )
    .pluck()
  grid.forEach((month, i) => {
    for (const id of assignees.all(month.start, countedEnd(month, asOf)) as number[]) mark(id, i)
  })
}

/** Assignment events (the person assigned) and work logs (their author), bucketed in one pass. */
function markEvents(store: Store, grid: readonly Month[], asOf: number, mark: Mark) {
  const first = grid[0]
  if (!first) return
  const rows = store.sqlite
    .prepare(
      `SELECT DISTINCT CASE kind WHEN 'assignment' THEN assignee_id ELSE actor_id END AS person,
         ${monthIndexSql('at', grid)} AS month
       FROM sr_events WHERE kind IN ('assignment', 'worklog') AND at >= ? AND at <= ?`,
    )
    .raw(true)
    .all(first.start, asOf) as [number | null, number][]
  for (const [person, month] of rows) if (person !== null) mark(person, month)
}
