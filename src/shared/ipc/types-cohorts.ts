// Response types of the cohort and tenant-benchmark channels (SPEC §5). Field names follow the
// reference API where it has them (cohort, monthly_sr, new_users, retention_by_month, sr_count,
// avg_resolution_hours, benchmark, feature_adoption[].feature/usage_count/adopted, as_of).

/** What every cohort response echoes about how it was computed. */
export type CohortMeta = {
  /** The instant the figures are computed at (now, or the as-of given), ISO with the zone's offset. */
  as_of: string
  time_zone: string
  /** The tenant filter (null = all tenants). */
  tenants: string[] | null
  /** The local-day range the request gave (both inclusive), or null. */
  range: { from: string; to: string } | null
  /** 'YYYY-MM' of the month containing as-of when it is not over yet (its figures are partial), else null. */
  partial_month: string | null
}

export type TenantGrowthCohort = {
  /** Onboarding month 'YYYY-MM': the local month of the tenants' first SR. */
  cohort: string
  tenant_count: number
  /** The tenants onboarded that month (tenant growth is not anonymised; the benchmark is). */
  members: string[]
  /** SRs created in month 0, 1, 2, … since onboarding; null for months not reached at as-of. */
  monthly_sr: (number | null)[]
  /** Index of the month containing as-of when it is partial, else null. */
  partial_index: number | null
}

export type TenantGrowthResponse = CohortMeta & {
  metric: string
  /** Columns of the triangle (the longest row's length). */
  cohort_months: number
  data: TenantGrowthCohort[]
}

export type UserRetentionCohort = {
  /** Sign-up month 'YYYY-MM': the local month of the people's created_at. */
  cohort: string
  /** Cohort size. */
  new_users: number
  /** People of the cohort active in month 0, 1, …; null for months not reached at as-of. */
  active_by_month: (number | null)[]
  /** active / new_users × 100 (1 decimal); null for months not reached. */
  retention_by_month: (number | null)[]
  partial_index: number | null
}

export type UserRetentionResponse = CohortMeta & {
  metric: string
  cohort_months: number
  data: UserRetentionCohort[]
}

export type ResolutionSpeed = 'fast' | 'normal' | 'slow'

export type SrResolutionCohort = {
  /** Creation month 'YYYY-MM'. */
  cohort: string
  /** SRs created that month (up to as-of). */
  sr_count: number
  /** Of those, resolved by as-of. */
  resolved_count: number
  avg_resolution_hours: number | null
  median_resolution_hours: number | null
  /** Nearest-rank 90th percentile. */
  p90_resolution_hours: number | null
  /** The speed class of `basis` against the thresholds; null when nothing was resolved. */
  speed: ResolutionSpeed | null
  /** The reference's label: 빠름/보통/느림 (Fast/Normal/Slow in English). */
  benchmark: string | null
  partial: boolean
}

export type SrResolutionResponse = CohortMeta & {
  metric: string
  thresholds: { fast_below_hours: number; slow_from_hours: number }
  /** Which statistic the label judges. */
  basis: 'mean' | 'median' | 'p90'
  /**
   * Which clock the hours use: 'judged' = the stored per-SR MTTR (business hours when the SLA calendar
   * says so), 'calendar' = resolved_at − created_at, 'mixed' = some of each; null when nothing resolved.
   */
  clock: 'judged' | 'calendar' | 'mixed' | null
  data: SrResolutionCohort[]
}

export type FeatureAdoptionMonth = {
  month: string
  /** Tenants with usage > 0 that month. */
  tenants: number
  usage_count: number
}

export type FeatureAdoptionRow = {
  feature: string
  /** Total usage over the months shown. */
  usage_count: number
  adopted: boolean
  /** Distinct tenants with usage in the months shown. */
  tenants_using: number
  /** First month with usage in the months shown, or null. */
  first_month: string | null
  by_month: FeatureAdoptionMonth[]
}

export type FeatureAdoptionResponse = CohortMeta & {
  metric: string
  months: string[]
  /** Tenants in scope (the filter's, else every tenant in the workspace). */
  tenant_total: number
  feature_adoption: FeatureAdoptionRow[]
}

export type BenchmarkMetricKey = 'mttr' | 'fcr' | 'sla' | 'backlog' | 'reopen'

export type BenchmarkDistribution = { min: number; q1: number; median: number; q3: number; max: number }

export type BenchmarkMetric = {
  key: BenchmarkMetricKey
  label: string
  unit: string
  direction: 'HIGHER_BETTER' | 'LOWER_BETTER'
  /** The chosen tenant's value (null = no value, e.g. nothing resolved in the period, or no tenant chosen). */
  value: number | null
  /** 1 = best; tied tenants share the best rank of their tie (1, 2, 2, 4). */
  rank: number | null
  /** Tenants with a value for this metric (the "of N"). */
  n: number
  /** Quartiles of all tenants' values (Excel QUARTILE.INC); null when suppressed or n = 0. */
  distribution: BenchmarkDistribution | null
  /** True when fewer than `min_group` tenants have a value, so the distribution would expose one. */
  suppressed: boolean
}

export type BenchmarkResponse = CohortMeta & {
  /** The one tenant named in this response; every other tenant is anonymous. */
  tenant: string | null
  /** The period compared: resolved_at from `start` through `end` (both inclusive instants). */
  period: { start: string; end: string }
  /** The instant backlog is counted at (the end of the period, at most as-of). */
  backlog_at: string
  /** Tenants in the comparison (with at least one SR by the end of the period). */
  tenant_count: number
  min_group: number
  metrics: BenchmarkMetric[]
}
