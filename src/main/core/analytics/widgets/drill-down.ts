// bi:drill-down (SPEC §4): the SRs behind any number of a widget, with the same filters. Each
// widget's number is re-expressed as a condition on the SRs over the very slices the widget counted
// (same buckets, same range clipped at as-of), so `total` always equals the number shown.
import type { z } from 'zod'
import { DRILL_SERIES, type drillDownSchema } from '../../../../shared/ipc/channels/bi'
import type { DrillDownResponse, DrillDownRow } from '../../../../shared/ipc/types-bi'
import type { Priority, SrStatus } from '../../../../shared/domain'
import { CARD_LABELS } from '../../../../shared/labels'
import { CoreError } from '../../errors'
import { currentPeriodToDate, formatInstant } from '../../metrics/periods'
import { mttrSql, onTimeSql } from '../../rollups/deltas'
import type { Store } from '../../db/open-database'
import type { ResolvedQuery } from '../query'
import { tenantClause } from '../tenant-filter'
import type { Slice } from './aggregate'
import { createdRange } from './category-pie'
import { BI_LABELS } from './labels'
import { mttrMonths } from './mttr-trend'
import { categoryIdOf } from './names'
import { hours1, metaOf, type Bucket, type WidgetRange } from './range'
import { heatmapWeeks } from './sla-heatmap'
import { srTrendBuckets } from './sr-trend'

export type DrillRequest = z.output<typeof drillDownSchema>
type Condition = { where: string[]; params: (string | number)[]; title: string[]; range: WidgetRange }

const DEFAULT_PAGE_SIZE = 50
const RESOLVED_LIKE_SQL = "s.status IN ('RESOLVED', 'DONE')"
const OPEN_LIKE_SQL = "s.status IN ('OPEN', 'IN_PROGRESS', 'PENDING')"

function bad(message: string): never {
  throw new CoreError('BAD_REQUEST', message)
}

function seriesOf(req: DrillRequest): string {
  const allowed: readonly string[] = DRILL_SERIES[req.widget]
  const series = req.series ?? allowed[0] ?? ''
  if (!allowed.includes(series))
    bad(`series for ${req.widget} is one of ${allowed.join(', ')} (got "${series}")`)
  return series
}

function bucketOf(buckets: Bucket[], key: string | undefined, what: string): Bucket {
  if (key === undefined) bad(`Give the ${what} to drill into (bucket)`)
  const b = buckets.find((x) => x.key === key)
  if (!b) {
    const span = buckets.length ? `${buckets[0]?.key} … ${buckets[buckets.length - 1]?.key}` : 'empty'
    bad(`${what} "${key}" is not in the widget's range (${span})`)
  }
  return b
}

function inSlice(column: string, s: Slice): { where: string; params: number[] } {
  return { where: `s.${column} >= ? AND s.${column} < ?`, params: [s.start, s.end] }
}

function categoryCondition(store: Store, req: DrillRequest, c: Condition, other: string): void {
  if (req.category === undefined) bad('Give the category to drill into (null = no category)')
  const id = categoryIdOf(store, req.category)
  if (id === undefined) {
    c.where.push('0')
  } else if (id === null) {
    c.where.push('s.category_id IS NULL')
  } else {
    c.where.push('s.category_id = ?')
    c.params.push(id)
  }
  c.title.push(req.category ?? other)
}

/** The condition that selects exactly the SRs behind the requested number. */
function conditionOf(store: Store, q: ResolvedQuery, req: DrillRequest): Condition {
  const labels = BI_LABELS[q.lang]
  const series = seriesOf(req)
  const push = (c: Condition, part: { where: string; params: number[] }) => {
    c.where.push(part.where)
    c.params.push(...part.params)
  }
  switch (req.widget) {
    case 'overview': {
      const key = series as keyof (typeof CARD_LABELS)['ko']
      const c: Condition = {
        where: [],
        params: [],
        title: [CARD_LABELS[q.lang][key]],
        range: rangeOfSlice(q, { start: 0, end: q.asOf + 1 }),
      }
      if (key === 'open_sr' || key === 'inprog_sr') {
        c.where.push('s.status = ? AND s.created_at <= ?')
        c.params.push(key === 'open_sr' ? 'OPEN' : 'IN_PROGRESS', q.asOf)
        return c
      }
      const period = currentPeriodToDate(q.asOf, key === 'done_week' ? 'week' : 'month', q.zone)
      c.range = rangeOfSlice(q, period)
      push(c, inSlice('resolved_at', period))
      return c
    }
    case 'sr-trend': {
      const { range, buckets } = srTrendBuckets(q, req.period ?? 'daily')
      const b = bucketOf(buckets, req.bucket, 'bucket')
      const c: Condition = {
        where: [],
        params: [],
        title: [b.key, series === 'created' ? labels.created : labels.resolved],
        range,
      }
      push(c, inSlice(series === 'created' ? 'created_at' : 'resolved_at', b))
      return c
    }
    case 'mttr-trend': {
      const { range, buckets } = mttrMonths(q, req.months)
      const b = bucketOf(buckets, req.bucket, 'month')
      const c: Condition = { where: [], params: [], title: [b.key, labels.resolved], range }
      push(c, inSlice('resolved_at', b))
      return c
    }
    case 'sla-heatmap': {
      const { range, buckets } = heatmapWeeks(q)
      const b = bucketOf(buckets, req.bucket, 'week')
      const c: Condition = { where: [], params: [], title: [b.key], range }
      push(c, inSlice('resolved_at', b))
      categoryCondition(store, req, c, labels.uncategorised)
      if (series !== 'total') c.where.push(`${onTimeSql('s.')} = ${series === 'on_time' ? 1 : 0}`)
      c.title.push(labels.series[series as 'total' | 'on_time' | 'breached'])
      return c
    }
    case 'category-pie':
    case 'engineer-load':
    case 'resolution-funnel': {
      const range = createdRange(q)
      const c: Condition = { where: [], params: [], title: [`${range.from}–${range.to}`], range }
      push(c, inSlice('created_at', range))
      if (req.widget === 'category-pie') {
        categoryCondition(store, req, c, labels.uncategorised)
      } else if (req.widget === 'resolution-funnel') {
        if (req.stage === undefined) bad('Give the stage (status) to drill into')
        c.where.push('s.status = ?')
        c.params.push(req.stage)
        c.title.push(labels.stages[req.stage])
      } else {
        if (req.assignee === undefined) bad('Give the assignee to drill into (null = unassigned)')
        if (req.assignee === null) c.where.push('s.assignee_id IS NULL')
        else {
          c.where.push('s.assignee_id = ?')
          c.params.push(req.assignee)
        }
        if (series === 'resolved') c.where.push(RESOLVED_LIKE_SQL)
        if (series === 'open') c.where.push(OPEN_LIKE_SQL)
        c.title.push(req.assignee === null ? labels.unassigned : `#${req.assignee}`)
        if (series !== 'total') c.title.push(series === 'open' ? labels.series.open : labels.resolved)
      }
      return c
    }
  }
}

function rangeOfSlice(q: ResolvedQuery, s: Slice): WidgetRange {
  const date = (ms: number) => formatInstant(ms, q.zone).slice(0, 10)
  return { start: s.start, end: s.end, from: date(s.start), to: date(s.end - 1) }
}

type RowTuple = [
  number,
  string | null,
  string,
  string,
  string | null,
  Priority,
  SrStatus,
  string | null,
  number,
  number | null,
  number | null,
  number | null,
]

/** One page of the SRs behind a number, newest first, with the total. */
export function drillDown(store: Store, q: ResolvedQuery, req: DrillRequest): DrillDownResponse {
  const c = conditionOf(store, q, req)
  const tenant = tenantClause(q.tenants, 's.tenant_id')
  const where = `${c.where.join(' AND ')}${tenant.sql}`
  const params = [...c.params, ...tenant.params]
  const count = store.sqlite
    .prepare(`SELECT count(*) AS n FROM service_requests s WHERE ${where}`)
    .get(...params) as {
    n: number
  }
  const page = req.page ?? 1
  const pageSize = req.pageSize ?? DEFAULT_PAGE_SIZE
  const rows = store.sqlite
    .prepare(
      `SELECT s.id, s.number, t.name, s.title, c.name, s.priority, s.status, p.name, s.created_at, s.resolved_at,
         CASE WHEN s.resolved_at IS NULL THEN NULL ELSE ${mttrSql('s.')} END,
         CASE WHEN s.resolved_at IS NULL THEN NULL ELSE ${onTimeSql('s.')} END
       FROM service_requests s JOIN tenants t ON t.id = s.tenant_id
       LEFT JOIN categories c ON c.id = s.category_id LEFT JOIN people p ON p.id = s.assignee_id
       WHERE ${where} ORDER BY s.created_at DESC, s.id DESC LIMIT ? OFFSET ?`,
    )
    .raw()
    .all(...params, pageSize, (page - 1) * pageSize) as RowTuple[]
  return {
    ...metaOf(q, c.range),
    widget: req.widget,
    title: c.title.join(' · '),
    total: count.n,
    page,
    page_size: pageSize,
    rows: rows.map((r): DrillDownRow => ({
      id: r[0],
      number: r[1],
      tenant: r[2],
      title: r[3],
      category: r[4],
      priority: r[5],
      status: r[6],
      assignee: r[7],
      created_at: formatInstant(r[8], q.zone),
      resolved_at: r[9] === null ? null : formatInstant(r[9], q.zone),
      mttr_hours: r[10] === null ? null : hours1(r[10]),
      sla_met: r[11] === null ? null : r[11] === 1,
    })),
  }
}
