// SPEC §5 SR resolution cohorts: SRs grouped by local creation month; count, resolved count, mean,
// median and p90 resolution hours, and the speed label (fast < 4 h ≤ normal < 8 h ≤ slow by default).
import type {
  ResolutionSpeed,
  SrResolutionCohort,
  SrResolutionResponse,
} from '../../../../shared/ipc/types-cohorts'
import { CoreError } from '../../errors'
import type { Store } from '../../db/open-database'
import { roundTo } from '../../metrics/rounding'
import type { ResolvedQuery } from '../query'
import { tenantClause } from '../tenant-filter'
import { COHORT_METRICS, SPEED_LABELS } from './labels'
import { cohortMeta, cohortWindow, countedEnd, partialMonth } from './months'
import { firstSrAt } from './scope'
import { mean, median, nearestRank, sortedNumbers } from './stats'

const HOUR = 3_600_000
export const DEFAULT_FAST_BELOW_HOURS = 4
export const DEFAULT_SLOW_FROM_HOURS = 8

export type SrResolutionOptions = {
  fastBelowHours?: number | undefined
  slowFromHours?: number | undefined
  basis?: 'mean' | 'median' | 'p90' | undefined
}

/** The speed class of `hours`: fast below `fast`, slow from `slow`, normal between. */
export function speedOf(hours: number, fast: number, slow: number): ResolutionSpeed {
  return hours < fast ? 'fast' : hours < slow ? 'normal' : 'slow'
}

/**
 * SR resolution cohorts. Resolution time is the SR's stored MTTR clock (mttr_ms, written by the
 * metrics module: business hours when the SLA calendar says so) where it is filled, else
 * resolved_at − created_at on the calendar clock (as metrics/sr-metrics.ts MTTR_MS_SQL); `clock` says which. Only SRs resolved by as-of
 * count as resolved. The tenant filter keeps those tenants' SRs; from/to picks the creation months.
 */
export function srResolution(
  store: Store,
  q: ResolvedQuery,
  opts: SrResolutionOptions = {},
): SrResolutionResponse {
  const fast = opts.fastBelowHours ?? DEFAULT_FAST_BELOW_HOURS
  const slow = opts.slowFromHours ?? DEFAULT_SLOW_FROM_HOURS
  if (fast > slow) {
    throw new CoreError('BAD_REQUEST', `fastBelowHours (${fast}) must not exceed slowFromHours (${slow})`)
  }
  const basis = opts.basis ?? 'mean'
  const tenant = tenantClause(q.tenants)
  const countCreated = store.sqlite
    .prepare(`SELECT count(*) FROM service_requests WHERE created_at >= ? AND created_at < ?${tenant.sql}`)
    .pluck()
  // The per-SR duration is the metrics module's (MTTR_MS_SQL in metrics/sr-metrics.ts: the stored
  // clock, else the calendar clock never below 0), encoded so the clock travels with it.
  // One range read per month on the created_at index, one number per SR: the duration doubled, plus 1
  // when it is the stored MTTR clock (so the clock is known without a second read). A plain number
  // per row is ~2.5× faster to hand over than a row array. Sorted in JS (a typed-array sort of a
  // month takes a few ms; an ORDER BY in SQLite several times that).
  const durations = store.sqlite
    .prepare(
      `SELECT COALESCE(mttr_ms * 2 + 1, max(resolved_at - created_at, 0) * 2) FROM service_requests
       WHERE created_at >= ? AND created_at < ? AND resolved_at IS NOT NULL AND resolved_at <= ?${tenant.sql}`,
    )
    .pluck()
  const partial = partialMonth(q)
  let judged = 0
  let calendar = 0
  const data: SrResolutionCohort[] = cohortWindow(q, firstSrAt(store, q)).map((month) => {
    const end = countedEnd(month, q.asOf)
    const count = countCreated.get(month.start, end, ...tenant.params) as number
    const encoded = durations.all(month.start, end, q.asOf, ...tenant.params) as number[]
    const hours = new Float64Array(encoded.length)
    encoded.forEach((v, i) => {
      // Durations are whole milliseconds, so v is an integer and its parity is the flag.
      const isJudged = Math.abs(v % 2) === 1
      hours[i] = (isJudged ? v - 1 : v) / 2 / HOUR
      if (isJudged) judged++
      else calendar++
    })
    const sorted = sortedNumbers(hours)
    const stats = { mean: mean(sorted), median: median(sorted), p90: nearestRank(sorted, 90) }
    const judgedValue = stats[basis]
    const speed = judgedValue === null ? null : speedOf(judgedValue, fast, slow)
    const round = (v: number | null) => (v === null ? null : roundTo(v, 1))
    return {
      cohort: month.key,
      sr_count: count,
      resolved_count: encoded.length,
      avg_resolution_hours: round(stats.mean),
      median_resolution_hours: round(stats.median),
      p90_resolution_hours: round(stats.p90),
      speed,
      benchmark: speed === null ? null : SPEED_LABELS[q.lang][speed],
      partial: partial?.key === month.key,
    }
  })
  return {
    ...cohortMeta(q),
    metric: COHORT_METRICS[q.lang].srResolution,
    thresholds: { fast_below_hours: fast, slow_from_hours: slow },
    basis,
    clock: judged + calendar === 0 ? null : calendar === 0 ? 'judged' : judged === 0 ? 'calendar' : 'mixed',
    data,
  }
}
