// SPEC §2 "Derived instants": resolved_at and finished_at, computed once when an SR is written so
// every metric reads the same value. Instants are epoch milliseconds (UTC).
import { RESOLVED_LIKE, type SrStatus } from '../../../shared/domain'

export type SrInstants = {
  status: SrStatus
  createdAt: number
  resolvedAt: number | null
  closedAt: number | null
  updatedAt: number
}

/** A status change from the SR's event history, if the source provides one. */
export type StatusEvent = { at: number; toStatus: SrStatus }

export type DerivedInstants = {
  /** First time the SR reached RESOLVED or DONE; null when it is not resolved-like now. */
  resolvedAt: number | null
  /** True when resolved_at fell back to updated_at (SPEC: "last resort, flagged as estimated"). */
  resolvedAtEstimated: boolean
  /** resolved_at for resolved-like SRs, closed_at ?? updated_at for CANCELLED, else null. */
  finishedAt: number | null
}

/** Derives resolved_at / finished_at per SPEC §2 from the source fields and (optional) status events. */
export function deriveInstants(sr: SrInstants, events: readonly StatusEvent[] = []): DerivedInstants {
  if (RESOLVED_LIKE.includes(sr.status)) {
    const fromEvents = firstResolvedEvent(events)
    const resolvedAt = sr.resolvedAt ?? fromEvents ?? sr.closedAt
    if (resolvedAt !== null) return { resolvedAt, resolvedAtEstimated: false, finishedAt: resolvedAt }
    return { resolvedAt: sr.updatedAt, resolvedAtEstimated: true, finishedAt: sr.updatedAt }
  }
  if (sr.status === 'CANCELLED') {
    return { resolvedAt: null, resolvedAtEstimated: false, finishedAt: sr.closedAt ?? sr.updatedAt }
  }
  return { resolvedAt: null, resolvedAtEstimated: false, finishedAt: null }
}

function firstResolvedEvent(events: readonly StatusEvent[]): number | null {
  let first: number | null = null
  for (const e of events) {
    if (RESOLVED_LIKE.includes(e.toStatus) && (first === null || e.at < first)) first = e.at
  }
  return first
}
