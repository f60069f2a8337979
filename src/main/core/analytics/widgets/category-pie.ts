// bi:category-pie (SPEC §4): SRs created in the range by category; none → 기타 / Other.
import type { CategoryPieResponse } from '../../../../shared/ipc/types-bi'
import type { ResolvedQuery } from '../query'
import { countSlices, total, type CountSource } from './aggregate'
import { BI_LABELS } from './labels'
import { byLabel, categoryNames } from './names'
import { metaOf, pct, widgetRange, type WidgetRange } from './range'

/** Default range: the 30 local days ending with as-of's day (also engineer-load and the funnel). */
export function createdRange(q: ResolvedQuery): WidgetRange {
  return widgetRange(q, 'day', 30)
}

/** Count and share per category, largest first (ties by name, 기타 / Other last). */
export function categoryPie(src: CountSource, q: ResolvedQuery): CategoryPieResponse {
  const range = createdRange(q)
  const [counts = new Map()] = countSlices(src, 'created', 'category', [range])
  const names = categoryNames(src.store)
  const all = total(counts)
  const other = BI_LABELS[q.lang].uncategorised
  const data = [...counts].map(([id, v]) => {
    const name = id === 0 ? null : (names.get(Number(id)) ?? null)
    const count = v[0] ?? 0
    return { category: name ?? other, category_key: name, count, pct: pct(count, all) }
  })
  data.sort(
    (a, b) =>
      b.count - a.count ||
      Number(a.category_key === null) - Number(b.category_key === null) ||
      byLabel(a.category, b.category),
  )
  return { ...metaOf(q, range), total: all, data }
}
