// bi:sla-heatmap (SPEC §4): resolved SRs by ISO week of resolution × category: total, on time
// (the per-SR judgement sla_met) and compliance %.
import type { SlaHeatmapCell, SlaHeatmapResponse } from '../../../../shared/ipc/types-bi'
import { isoDateOfDay } from '../../rollups/local-day'
import type { ResolvedQuery } from '../query'
import { countSlices, type CountSource } from './aggregate'
import { BI_LABELS } from './labels'
import { byLabel, categoryNames } from './names'
import { bucketsOf, metaOf, pct, widgetRange, type Bucket, type WidgetRange } from './range'

export const HEATMAP_DEFAULT_WEEKS = 12

/** The range and ISO-week buckets of a heatmap request (shared with drill-down). */
export function heatmapWeeks(q: ResolvedQuery): { range: WidgetRange; buckets: Bucket[] } {
  const range = widgetRange(q, 'week', HEATMAP_DEFAULT_WEEKS)
  return { range, buckets: bucketsOf(range, 'week', q.zone) }
}

/** Compliance per week × category; only cells with resolved SRs. */
export function slaHeatmap(src: CountSource, q: ResolvedQuery): SlaHeatmapResponse {
  const { range, buckets } = heatmapWeeks(q)
  const counts = countSlices(src, 'resolved', 'category', buckets)
  const names = categoryNames(src.store)
  const other = BI_LABELS[q.lang].uncategorised
  const data: SlaHeatmapCell[] = []
  const seen = new Map<number, string | null>()
  let sumTotal = 0
  let sumOnTime = 0
  buckets.forEach((b, i) => {
    const weekStart = isoDateOfDay(b.startDay)
    const cells: SlaHeatmapCell[] = []
    for (const [id, v] of counts[i] ?? []) {
      const name = Number(id) === 0 ? null : (names.get(Number(id)) ?? null)
      seen.set(Number(id), name)
      const n = v[0] ?? 0
      const onTime = v[1] ?? 0
      sumTotal += n
      sumOnTime += onTime
      cells.push({
        week: b.key,
        week_start: weekStart,
        category: name ?? other,
        category_key: name,
        total: n,
        on_time: onTime,
        compliance_pct: pct(onTime, n),
      })
    }
    cells.sort(categoryOrder)
    data.push(...cells)
  })
  const categories = [...seen.values()]
    .map((key) => ({ key, label: key ?? other }))
    .sort((a, b) =>
      categoryOrder({ category_key: a.key, category: a.label }, { category_key: b.key, category: b.label }),
    )
  return {
    ...metaOf(q, range),
    weeks: buckets.map((b) => ({
      key: b.key,
      start: isoDateOfDay(b.startDay),
    })),
    categories,
    data,
    summary: {
      total: sumTotal,
      on_time: sumOnTime,
      compliance_pct: sumTotal === 0 ? null : pct(sumOnTime, sumTotal),
    },
  }
}

function categoryOrder(
  a: { category_key: string | null; category: string },
  b: { category_key: string | null; category: string },
): number {
  return Number(a.category_key === null) - Number(b.category_key === null) || byLabel(a.category, b.category)
}
