// bi:sr-trend (SPEC §4): SRs created vs resolved per daily / weekly / monthly bucket, every bucket
// present with zeros, the bucket holding as-of (or cut by the range) marked partial.
import type { BiPeriod, SrTrendResponse } from '../../../../shared/ipc/types-bi'
import { formatInstant } from '../../metrics/periods'
import type { ResolvedQuery } from '../query'
import { countSlices, total, type CountSource } from './aggregate'
import { BI_LABELS, COLORS } from './labels'
import { bucketsOf, metaOf, widgetRange, type Bucket, type WidgetRange } from './range'

const UNIT = { daily: 'day', weekly: 'week', monthly: 'month' } as const
/** Default bucket counts when the request has no from/to. */
export const TREND_DEFAULT_BUCKETS: Record<BiPeriod, number> = { daily: 30, weekly: 12, monthly: 12 }

/** The range and buckets of an sr-trend request (shared with drill-down). */
export function srTrendBuckets(
  q: ResolvedQuery,
  period: BiPeriod,
): { range: WidgetRange; buckets: Bucket[] } {
  const range = widgetRange(q, UNIT[period], TREND_DEFAULT_BUCKETS[period])
  return { range, buckets: bucketsOf(range, UNIT[period], q.zone) }
}

/** Created and resolved SRs per bucket. */
export function srTrend(src: CountSource, q: ResolvedQuery, period: BiPeriod = 'daily'): SrTrendResponse {
  const { range, buckets } = srTrendBuckets(q, period)
  const created = countSlices(src, 'created', 'none', buckets).map((c) => total(c))
  const resolved = countSlices(src, 'resolved', 'none', buckets).map((c) => total(c))
  const labels = BI_LABELS[q.lang]
  return {
    ...metaOf(q, range),
    period,
    labels: buckets.map((b) => b.key),
    datasets: [
      { key: 'created', label: labels.created, data: created, color: COLORS.created },
      { key: 'resolved', label: labels.resolved, data: resolved, color: COLORS.resolved },
    ],
    buckets: buckets.map((b) => ({
      key: b.key,
      start: formatInstant(b.start, q.zone),
      end: formatInstant(b.end, q.zone),
      partial: b.partial,
    })),
  }
}
