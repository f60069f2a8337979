// bi:engineer-load (SPEC §4): SRs created in the range by assignee: total, resolved now, open now;
// the top 20 by total; no assignee → 미배정 / Unassigned.
import type { EngineerLoadResponse, EngineerLoadRow } from '../../../../shared/ipc/types-bi'
import type { ResolvedQuery } from '../query'
import { countSlices, type CountSource } from './aggregate'
import { createdRange } from './category-pie'
import { BI_LABELS, COLORS } from './labels'
import { byLabel, peopleNames } from './names'
import { metaOf } from './range'

export const ENGINEER_TOP = 20

/** The top assignees by SRs created in the range. */
export function engineerLoad(src: CountSource, q: ResolvedQuery): EngineerLoadResponse {
  const range = createdRange(q)
  const [counts = new Map()] = countSlices(src, 'created', 'assignee', [range])
  const names = peopleNames(src.store, [...counts.keys()].map(Number))
  const labels = BI_LABELS[q.lang]
  const all: EngineerLoadRow[] = [...counts].map(([id, v]) => {
    const assignee = Number(id) === 0 ? null : Number(id)
    return {
      engineer: assignee === null ? labels.unassigned : (names.get(assignee) ?? `#${assignee}`),
      assignee_id: assignee,
      total: v[0] ?? 0,
      resolved: v[1] ?? 0,
      open: v[2] ?? 0,
    }
  })
  all.sort(
    (a, b) =>
      b.total - a.total || byLabel(a.engineer, b.engineer) || (a.assignee_id ?? 0) - (b.assignee_id ?? 0),
  )
  const data = all.slice(0, ENGINEER_TOP)
  return {
    ...metaOf(q, range),
    labels: data.map((d) => d.engineer),
    datasets: [
      {
        key: 'resolved',
        label: labels.engineerResolved,
        data: data.map((d) => d.resolved),
        color: COLORS.resolved,
      },
      { key: 'open', label: labels.engineerOpen, data: data.map((d) => d.open), color: COLORS.open },
    ],
    data,
    engineer_count: all.length,
  }
}
