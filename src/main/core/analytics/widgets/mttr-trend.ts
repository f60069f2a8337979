// bi:mttr-trend (SPEC §4): mean MTTR clock hours and count per calendar month of resolution, the
// month holding as-of (or one the range cuts) marked partial.
import { DEFAULT_MTTR_MONTHS } from '../../../../shared/ipc/channels/bi'
import type { MttrTrendResponse } from '../../../../shared/ipc/types-bi'
import type { ResolvedQuery } from '../query'
import { countSlices, type CountSource } from './aggregate'
import { BI_LABELS, COLORS } from './labels'
import { bucketsOf, hours1, metaOf, widgetRange, type Bucket, type WidgetRange } from './range'

/** The range and month buckets of an mttr-trend request (shared with drill-down). */
export function mttrMonths(
  q: ResolvedQuery,
  months = DEFAULT_MTTR_MONTHS,
): { range: WidgetRange; buckets: Bucket[] } {
  const range = widgetRange(q, 'month', months)
  return { range, buckets: bucketsOf(range, 'month', q.zone) }
}

/** MTTR and count for each month of the range (every month present). */
export function mttrTrend(src: CountSource, q: ResolvedQuery, months?: number): MttrTrendResponse {
  const { range, buckets } = mttrMonths(q, months)
  const counts = countSlices(src, 'resolved', 'none', buckets)
  const raw = buckets.map((b, i) => {
    const v = counts[i]?.get(0) ?? [0, 0, 0]
    const n = v[0] ?? 0
    // Partial as sr-trend's buckets: the month holding as-of (counted up to it), or cut by the range.
    return {
      month: b.key,
      mttr_hours: n === 0 ? null : hours1((v[2] ?? 0) / n),
      count: n,
      partial: b.partial,
    }
  })
  return {
    ...metaOf(q, range),
    labels: raw.map((r) => r.month),
    datasets: [
      {
        key: 'mttr_hours',
        label: BI_LABELS[q.lang].mttr,
        data: raw.map((r) => r.mttr_hours),
        color: COLORS.mttr,
      },
    ],
    raw,
  }
}
