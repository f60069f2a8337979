// Traffic-light judgement of one KPI value (SPEC §6), and the board's overall status.
import type { KpiDirection, KpiStatus, KpiSummary, KpiThresholds } from '../../../shared/ipc/types-kpi'

export const DEFAULT_THRESHOLDS: KpiThresholds = { green: 95, yellow: 80, yellowFactor: 1.2 }

export type Judgement = { status: KpiStatus; achievementPct: number | null }

// Band edges are inclusive ("GREEN ≥ 95", "value ≤ 1.2×target"), and binary floating point puts
// e.g. 1.2 × 3 at 3.5999999999999996, so comparisons allow a relative hair of slack.
const EPS = 1e-9
const atLeast = (a: number, b: number): boolean => a >= b - EPS * Math.max(1, Math.abs(b))
const atMost = (a: number, b: number): boolean => a <= b + EPS * Math.max(1, Math.abs(b))

/** Status and achievement % (unrounded) of `value` against `target` under `thresholds`. */
export function judge(
  value: number | null,
  direction: KpiDirection,
  target: number,
  thresholds: KpiThresholds,
): Judgement {
  if (value === null || !Number.isFinite(value)) return { status: 'NO_DATA', achievementPct: null }
  if (direction === 'HIGHER_BETTER') {
    // Targets of HIGHER_BETTER KPIs are validated > 0, so the ratio is defined.
    const pct = (value / target) * 100
    const status = atLeast(pct, thresholds.green)
      ? 'GREEN'
      : atLeast(pct, thresholds.yellow)
        ? 'YELLOW'
        : 'RED'
    return { status, achievementPct: pct }
  }
  if (atMost(value, target)) return { status: 'GREEN', achievementPct: 100 }
  // value > target ≥ 0 here, so value > 0 and the ratio is defined.
  const pct = (target / value) * 100
  return { status: atMost(value, thresholds.yellowFactor * target) ? 'YELLOW' : 'RED', achievementPct: pct }
}

/** Counts by status. */
export function summarize(statuses: readonly KpiStatus[]): KpiSummary {
  const summary: KpiSummary = { GREEN: 0, YELLOW: 0, RED: 0, NO_DATA: 0 }
  for (const s of statuses) summary[s] += 1
  return summary
}

/** RED if any RED, else YELLOW if any, else GREEN if any, else NO_DATA. */
export function overallStatus(summary: KpiSummary): KpiStatus {
  if (summary.RED > 0) return 'RED'
  if (summary.YELLOW > 0) return 'YELLOW'
  if (summary.GREEN > 0) return 'GREEN'
  return 'NO_DATA'
}
