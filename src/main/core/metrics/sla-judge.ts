// Per-SR SLA/MTTR judgement (SPEC §3), computed when an SR is written and again after a policy or
// calendar change, so every widget, rollup and KPI reads the same four stored numbers:
//   mttr_ms        resolved_at − created_at on the MTTR clock (calendar, or business hours when the
//                  policy's calendar is business hours)
//   sla_target_ms  the target of the version in force at created_at (priority, category override)
//   sla_elapsed_ms resolution time on the SLA calendar minus PENDING time (when status events exist)
//   sla_met        1 when elapsed ≤ target, 0 when breached; null (like the two above) unless resolved
import type { Priority, SrStatus } from '../../../shared/domain'
import type { Store } from '../db/open-database'
import { CALENDAR_CLOCK, businessClock, type Clock } from './calendar'
import { readSlaState, versionAt, type SlaState, type StoredPolicyVersion } from './sla-policy'

const HOUR = 3_600_000

type CompiledVersion = {
  effectiveFrom: number
  clock: Clock
  targetMs: Record<Priority, number>
  /** category → priority ('*' for any) → ms */
  overrides: Map<string, Map<string, number>>
  pauseOnPending: boolean
}

/** Every policy version compiled for fast per-SR lookups; load once per write batch. */
export type PolicySet = {
  versions: CompiledVersion[]
  /** True when one version rules everything on the 24x7 calendar with no overrides: the fast path. */
  simple: boolean
}

export type StatusChange = { at: number; fromStatus?: SrStatus | null; toStatus?: SrStatus | null }

export type JudgeInput = {
  createdAt: number
  resolvedAt: number | null
  priority: Priority
  category: string | null
  /** Status events of the SR in any order, or null/empty when the source has none. */
  statusEvents?: readonly StatusChange[] | null
}

export type Judgement = {
  mttrMs: number | null
  slaTargetMs: number
  slaElapsedMs: number | null
  slaMet: 0 | 1 | null
}

/** Compiles stored SLA state (see readSlaState) into a PolicySet. */
export function compilePolicies(state: SlaState): PolicySet {
  const needsBusiness = state.versions.some((v) => v.calendar === 'business')
  const business = needsBusiness
    ? businessClock({
        zone: state.business.zone,
        week: state.business.week,
        holidays: new Set(state.business.holidays.map((h) => h.day)),
      })
    : null
  const versions = state.versions.map((v) =>
    compileVersion(v, v.calendar === 'business' && business ? business : CALENDAR_CLOCK),
  )
  const only = versions.length === 1 ? versions[0] : undefined
  return { versions, simple: only !== undefined && only.clock.kind === '24x7' && only.overrides.size === 0 }
}

/** Loads and compiles the store's SLA policy versions and calendars. */
export function loadPolicySet(store: Store): PolicySet {
  return compilePolicies(readSlaState(store))
}

function compileVersion(v: StoredPolicyVersion, clock: Clock): CompiledVersion {
  const overrides = new Map<string, Map<string, number>>()
  for (const o of v.overrides) {
    const byPriority = overrides.get(o.category) ?? new Map<string, number>()
    byPriority.set(o.priority ?? '*', o.hours * HOUR)
    overrides.set(o.category, byPriority)
  }
  return {
    effectiveFrom: v.effectiveFrom,
    clock,
    targetMs: {
      P1: v.targets.P1 * HOUR,
      P2: v.targets.P2 * HOUR,
      P3: v.targets.P3 * HOUR,
      P4: v.targets.P4 * HOUR,
    },
    overrides,
    pauseOnPending: v.pauseOnPending,
  }
}

/** Judges one SR by the version in force at its created_at. */
export function judgeSr(set: PolicySet, sr: JudgeInput): Judgement {
  const v = set.simple ? (set.versions[0] as CompiledVersion) : versionAt(set.versions, sr.createdAt)
  const byCategory = sr.category === null ? undefined : v.overrides.get(sr.category)
  const slaTargetMs = byCategory?.get(sr.priority) ?? byCategory?.get('*') ?? v.targetMs[sr.priority]
  if (sr.resolvedAt === null) return { mttrMs: null, slaTargetMs, slaElapsedMs: null, slaMet: null }
  const mttrMs = v.clock.elapsed(sr.createdAt, sr.resolvedAt)
  let paused = 0
  if (v.pauseOnPending && sr.statusEvents && sr.statusEvents.length > 0) {
    for (const [a, b] of pendingSpans(sr.statusEvents, sr.createdAt, sr.resolvedAt))
      paused += v.clock.elapsed(a, b)
  }
  const slaElapsedMs = Math.max(0, mttrMs - paused)
  return { mttrMs, slaTargetMs, slaElapsedMs, slaMet: slaElapsedMs <= slaTargetMs ? 1 : 0 }
}

/**
 * The spans [a, b) an SR spent in PENDING between creation and resolution, from its status events.
 * Before the first event the SR is in that event's from-status (OPEN when the source does not say).
 */
export function pendingSpans(
  events: readonly StatusChange[],
  createdAt: number,
  resolvedAt: number,
): [number, number][] {
  let sorted = events
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as StatusChange).at < (events[i - 1] as StatusChange).at) {
      sorted = [...events].sort((x, y) => x.at - y.at)
      break
    }
  }
  const spans: [number, number][] = []
  let since: number | null = null
  let first = true
  for (const e of sorted) {
    if (!e.toStatus) continue
    if (first && e.fromStatus === 'PENDING') since = createdAt
    first = false
    if (e.at >= resolvedAt) break
    if (e.toStatus === 'PENDING') since ??= e.at
    else if (since !== null) {
      spans.push([Math.max(since, createdAt), e.at])
      since = null
    }
  }
  if (since !== null) spans.push([Math.max(since, createdAt), resolvedAt])
  return spans.filter(([a, b]) => b > a)
}
