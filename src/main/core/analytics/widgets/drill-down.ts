// bi:drill-down (SPEC §4): the SRs behind any number of a widget, with the same filters. Each
// widget's number is re-expressed as a condition on the SRs over the very slices the widget counted
// (same buckets, same range clipped at as-of), so `total` always equals the number shown. The
// sla-heatmap's summary figures (resolved, on time, late over the whole range, or one category over
// every week) are the union of its cells, so they drill over the range itself.
import type { z } from 'zod'
import { DRILL_SERIES, type drillDownSchema } from '../../../../shared/ipc/channels/bi'
import type { DrillDownResponse } from '../../../../shared/ipc/types-bi'
import { CARD_LABELS } from '../../../../shared/labels'
import { CoreError } from '../../errors'
import { currentPeriodToDate, formatInstant } from '../../metrics/periods'
import { onTimeSql } from '../../rollups/deltas'
import type { Store } from '../../db/open-database'
import type { ResolvedQuery } from '../query'
import { tenantClause } from '../tenant-filter'
import { countSlices, type CountSource, type Slice } from './aggregate'
import { createdRange } from './category-pie'
import { drillRows } from './drill-rows'
import { BI_LABELS } from './labels'
import { mttrMonths } from './mttr-trend'
import { categoryIdOf, peopleNames } from './names'
import { metaOf, type Bucket, type WidgetRange } from './range'
import { heatmapWeeks } from './sla-heatmap'
import { srTrendBuckets } from './sr-trend'

export type DrillRequest = z.output<typeof drillDownSchema>
type Condition = {
  where: string[]
  params: (string | number)[]
  title: string[]
  range: WidgetRange
  /**
   * The count by the widget's own engine, when that is much cheaper than counting the rows (the
   * sla-heatmap over a whole range reads every resolved SR of it for sla_met); same number by
   * construction (rollup-equivalence.test.ts).
   */
  total?: () => number
}

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

/** Adds the category condition; returns the category's id (null = none, undefined = unknown name). */
function categoryCondition(
  store: Store,
  req: DrillRequest,
  c: Condition,
  other: string,
): number | null | undefined {
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
  return id
}

/** The condition that selects exactly the SRs behind the requested number. */
function conditionOf(src: CountSource, q: ResolvedQuery, req: DrillRequest): Condition {
  const { store } = src
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
      // No week: every week of the range, i.e. the range itself (the weeks are clipped to it).
      const slice = req.bucket === undefined ? range : bucketOf(buckets, req.bucket, 'week')
      const c: Condition = {
        where: [],
        params: [],
        title: [req.bucket ?? `${range.from}–${range.to}`],
        range,
      }
      push(c, inSlice('resolved_at', slice))
      // No category: every category (null is the no-category row).
      const all = req.category === undefined
      const id = all ? 0 : categoryCondition(store, req, c, labels.uncategorised)
      if (series !== 'total') c.where.push(`${onTimeSql('s.')} = ${series === 'on_time' ? 1 : 0}`)
      c.title.push(labels.series[series as 'total' | 'on_time' | 'late'])
      if (src.rollups && id !== undefined) {
        c.total = () => {
          // Measures of resolved SRs: [count, on time, …]; keyed by category id (0 = none) or 0.
          const [counts] = countSlices(src, 'resolved', all ? 'none' : 'category', [slice])
          const [n = 0, onTime = 0] = counts?.get(id ?? 0) ?? []
          return series === 'total' ? n : series === 'on_time' ? onTime : n - onTime
        }
      }
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
        // Unary + keeps the planner on the created_at range: through the (status, tenant, created_at)
        // index it would walk every SR of a common status ever created (DONE: 134 ms at 1M SRs
        // against 14 ms for the range).
        c.where.push('+s.status = ?')
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
        c.title.push(
          req.assignee === null
            ? labels.unassigned
            : (peopleNames(store, [req.assignee]).get(req.assignee) ?? `#${req.assignee}`),
        )
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

/** One page of the SRs behind a number (newest first unless `sort` says otherwise), with the total. */
export function drillDown(src: CountSource, q: ResolvedQuery, req: DrillRequest): DrillDownResponse {
  // One snapshot for the condition's lookups, a rollup total and the rows (drillRows explains why).
  return src.store.sqlite.transaction(() => drillDownIn(src, q, req))()
}

function drillDownIn(src: CountSource, q: ResolvedQuery, req: DrillRequest): DrillDownResponse {
  const c = conditionOf(src, q, req)
  const tenant = tenantClause(q.tenants, 's.tenant_id')
  const order = {
    // The SLA figures are about resolution: latest resolved first, which the resolved_at index
    // serves without sorting the range.
    sort: req.sort ?? (req.widget === 'sla-heatmap' ? 'resolved' : 'created'),
    order: req.order ?? 'desc',
    page: req.page ?? 1,
    pageSize: req.pageSize ?? DEFAULT_PAGE_SIZE,
  } as const
  const { total, rows } = drillRows(
    src.store,
    `${c.where.join(' AND ')}${tenant.sql}`,
    [...c.params, ...tenant.params],
    order,
    q.zone,
    c.total?.(),
  )
  return {
    ...metaOf(q, c.range),
    widget: req.widget,
    title: c.title.join(' · '),
    sort: order.sort,
    order: order.order,
    total,
    page: order.page,
    page_size: order.pageSize,
    rows,
  }
}
