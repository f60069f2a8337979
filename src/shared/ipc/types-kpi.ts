// Response types of the KPI engine's channels (SPEC §6). JSON keeps the reference API's field names
// (name, display_name, value, target, status, achievement_pct) and its snake_case.

export const KPI_DIRECTIONS = ['HIGHER_BETTER', 'LOWER_BETTER'] as const
export type KpiDirection = (typeof KPI_DIRECTIONS)[number]

export const KPI_PERIODS = ['DAILY', 'WEEKLY', 'MONTHLY'] as const
export type KpiPeriod = (typeof KPI_PERIODS)[number]

export const KPI_STATUSES = ['GREEN', 'YELLOW', 'RED', 'NO_DATA'] as const
export type KpiStatus = (typeof KPI_STATUSES)[number]

/** SR-based metrics of SPEC §3 (the filter applies) and deployments (tenant filter only). */
export const SR_BASE_METRICS = [
  'created',
  'resolved',
  'mttr',
  'fcr',
  'sla_compliance',
  'backlog',
  'reopen_rate',
] as const
/** Metrics of the selected YouTube channel's daily figures (no filter). */
export const YT_BASE_METRICS = [
  'yt_views',
  'yt_watch_hours',
  'yt_net_subscribers',
  'yt_engagement_rate',
] as const
export const KPI_BASE_METRICS = [...SR_BASE_METRICS, 'deploy_success_rate', ...YT_BASE_METRICS] as const
export type KpiBaseMetric = (typeof KPI_BASE_METRICS)[number]

/** Band edges: HIGHER_BETTER uses green/yellow (achievement %), LOWER_BETTER uses yellowFactor × target. */
export type KpiThresholds = { green: number; yellow: number; yellowFactor: number }

/** Optional narrowing of the SRs a KPI counts (names, as shown to users). */
export type KpiFilter = { tenant?: string; category?: string; priority?: 'P1' | 'P2' | 'P3' | 'P4' }

/** The editable part of a definition, as one version holds it. */
export type KpiDefinitionFields = {
  display_name: string
  description: string
  unit: string
  direction: KpiDirection
  target: number
  period: KpiPeriod
  thresholds: KpiThresholds
  filter: KpiFilter | null
  base_metric: KpiBaseMetric
}

export type KpiTemplate = KpiDefinitionFields & {
  name: string
  /** The reference's name for the target a template starts with. */
  default_target: number
  kind: 'itsm' | 'youtube'
}

export type KpiApplyResult = { created: string[]; skipped: string[]; count: number }

/** One point of a KPI's history. */
export type KpiPoint = {
  period_start: string
  period_end: string
  /** Rounded to 2 decimals; null = no data for the period. */
  value: number | null
  target: number
  status: KpiStatus
  /** Rounded to 1 decimal; null when there is no value. */
  achievement_pct: number | null
  version: number
  /** True for the period containing as-of (its value is to-date). */
  partial: boolean
}

/** A KPI on the board: its current period's value, status and a short history for the sparkline. */
export type KpiBoardItem = {
  id: number
  name: string
  display_name: string
  description: string
  unit: string
  direction: KpiDirection
  base_metric: KpiBaseMetric
  period: KpiPeriod
  filter: KpiFilter | null
  thresholds: KpiThresholds
  value: number | null
  target: number
  status: KpiStatus
  achievement_pct: number | null
  period_start: string
  period_end: string
  last_calculated_at: string | null
  history: KpiPoint[]
}

export type KpiSummary = Record<KpiStatus, number>

export type KpiBoard = {
  kpis: KpiBoardItem[]
  summary: KpiSummary
  overall_status: KpiStatus
  as_of: string
  time_zone: string
  /** The latest calculation over all KPIs (null before any). */
  last_updated: string | null
}

export type KpiVersion = KpiDefinitionFields & {
  version: number
  /** Null = from the first data on. */
  effective_from: string | null
  created_at: string
  changed_by: string | null
}

export type KpiDefinition = KpiDefinitionFields & {
  id: number
  name: string
  effective_from: string | null
  created_at: string
  updated_at: string
  version: number
}

export type KpiDetail = {
  definition: KpiDefinition
  versions: KpiVersion[]
  /** The version judging the period containing as-of. */
  version_in_force: number
  history: KpiPoint[]
}

export type KpiCalcItem = {
  kpi_id: number
  name: string
  value: number | null
  unit: string
  target: number
  status: KpiStatus
  achievement_pct: number | null
  periods_computed: number
}

export type KpiCalcResult = { results: KpiCalcItem[]; duration_ms: number; as_of: string }

export type KpiHistory = {
  kpi_id: number
  name: string
  display_name: string
  unit: string
  direction: KpiDirection
  history: KpiPoint[]
}

export type KpiDrillRow = {
  id: number
  number: string | null
  tenant: string
  title: string
  category: string | null
  priority: string
  status: string
  assignee: string | null
  created_at: string
  resolved_at: string | null
  /** Hours from creation to resolution (MTTR clock), 2 decimals; null unless resolved. */
  resolution_hours: number | null
  /** Whether the SR counts toward the KPI's numerator (FCR, SLA met, reopened); null for counts and backlog. */
  counted: boolean | null
}

export type KpiDrillDown = {
  kpi_id: number
  name: string
  base_metric: KpiBaseMetric
  period_start: string
  period_end: string
  total: number
  rows: KpiDrillRow[]
}

/** KPI calculation in the background: KPIs done of those this run calculates. */
export type KpiCalcProgress = { done: number; total: number }
