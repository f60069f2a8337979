// bi:resolution-funnel (SPEC §4): SRs created in the range by current status, in the order OPEN,
// IN_PROGRESS, PENDING, RESOLVED, DONE with the share of the non-cancelled total; CANCELLED apart.
import type { ResolutionFunnelResponse } from '../../../../shared/ipc/types-bi'
import type { ResolvedQuery } from '../query'
import { countSlices, type CountSource } from './aggregate'
import { createdRange } from './category-pie'
import { BI_LABELS } from './labels'
import { metaOf, pct } from './range'

export const FUNNEL_STAGES = ['OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'DONE'] as const

/** The funnel of SRs created in the range. */
export function resolutionFunnel(src: CountSource, q: ResolvedQuery): ResolutionFunnelResponse {
  const range = createdRange(q)
  const [counts = new Map()] = countSlices(src, 'created', 'status', [range])
  const n = (status: string) => counts.get(status)?.[0] ?? 0
  const totalCreated = FUNNEL_STAGES.reduce((sum, s) => sum + n(s), 0)
  const stages = BI_LABELS[q.lang].stages
  return {
    ...metaOf(q, range),
    total_created: totalCreated,
    funnel: FUNNEL_STAGES.map((stage) => ({
      stage,
      label: stages[stage],
      count: n(stage),
      pct: pct(n(stage), totalCreated),
    })),
    cancelled: n('CANCELLED'),
  }
}
