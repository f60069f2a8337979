// Response types of the BI widget channels (SPEC §4). Field names follow the reference API where it
// has them: `labels` + `datasets[].label/data`, `data[]`, `funnel[].stage/count/pct`. Every response
// carries the filters it was computed with (as_of, time_zone, tenants, range) so a screen can show them
// and a drill-down can repeat them.
//
// Default ranges when `from`/`to` are absent (local days in the workspace zone, ending at as-of):
// - sr-trend: daily = the 30 local days ending with as-of's day; weekly = the 12 ISO weeks ending with
//   as-of's week; monthly = the 12 calendar months ending with as-of's month.
// - sla-heatmap: the 12 ISO weeks ending with as-of's week (by week of resolution).
// - engineer-load, category-pie, resolution-funnel: the 30 local days ending with as-of's day.
// - mttr-trend: `months` (default 6) calendar months ending with as-of's month; with from/to, the
//   calendar months the range touches (counts clipped to the range).
// Nothing after as-of is ever counted: every range ends at min(to's end, as-of).
import type { Priority, SrStatus } from '../domain'

export type BiPeriod = 'daily' | 'weekly' | 'monthly'
export type BiWidget =
  | 'overview'
  | 'sr-trend'
  | 'sla-heatmap'
  | 'engineer-load'
  | 'category-pie'
  | 'resolution-funnel'
  | 'mttr-trend'

/** The filters a widget was computed with. */
export type BiMeta = {
  /** The instant the figures are computed at (now, or the as-of given), ISO 8601 with the zone's offset. */
  as_of: string
  time_zone: string
  /** Tenant names kept; null = all tenants. */
  tenants: string[] | null
  /** The local days covered (both inclusive) and the instants [start, end) actually counted. */
  range: { from: string; to: string; start: string; end: string }
}

export type BiDataset<K extends string> = {
  /** Language-independent series key, used by drill-down (`series`). */
  key: K
  label: string
  data: number[]
  color: string
}

export type SrTrendBucket = {
  /** The bucket's key, used by drill-down (`bucket`): 'YYYY-MM-DD' daily, 'YYYY-Www' weekly (ISO), 'YYYY-MM' monthly. */
  key: string
  /** Instants counted, [start, end), ISO 8601 with the zone's offset (a DST day is 23 or 25 hours). */
  start: string
  end: string
  /** True when the bucket is cut short: it contains as-of (end = as-of) or the range cuts it. */
  partial: boolean
}

/** `bi:sr-trend`: created vs resolved per bucket; every bucket present, zeros included. */
export type SrTrendResponse = BiMeta & {
  period: BiPeriod
  /** One per bucket, equal to buckets[].key. */
  labels: string[]
  datasets: [BiDataset<'created'>, BiDataset<'resolved'>]
  buckets: SrTrendBucket[]
}

export type SlaHeatmapCell = {
  /** ISO week of resolution, 'YYYY-Www' (drill-down `bucket`). */
  week: string
  /** Monday of that week, 'YYYY-MM-DD'. */
  week_start: string
  /** Display label; 기타 / Other when the SR has no category. */
  category: string
  /** Category name, null = no category (drill-down `category`). */
  category_key: string | null
  total: number
  on_time: number
  /** on_time / total × 100, 1 decimal. */
  compliance_pct: number
}

/** `bi:sla-heatmap`: resolved SRs by ISO week of resolution × category; only cells with total > 0. */
export type SlaHeatmapResponse = BiMeta & {
  /** Every ISO week of the range in order (the x axis), empty weeks included. */
  weeks: { key: string; start: string }[]
  /** Categories present in the cells (the y axis), by name; the no-category row last. */
  categories: { key: string | null; label: string }[]
  data: SlaHeatmapCell[]
  /** All resolved SRs of the range: total, on time and compliance (null when none). */
  summary: { total: number; on_time: number; compliance_pct: number | null }
}

export type EngineerLoadRow = {
  /** Assignee name; 미배정 / Unassigned when none. */
  engineer: string
  /** people.id, null = unassigned (drill-down `assignee`). */
  assignee_id: number | null
  /** SRs created in the range assigned to them. */
  total: number
  /** Of those, now RESOLVED or DONE. */
  resolved: number
  /** Of those, now OPEN, IN_PROGRESS or PENDING (CANCELLED is in total only). */
  open: number
}

/** `bi:engineer-load`: SRs created in the range by assignee, top 20 by total (ties by name). */
export type EngineerLoadResponse = BiMeta & {
  labels: string[]
  datasets: [BiDataset<'resolved'>, BiDataset<'open'>]
  data: EngineerLoadRow[]
  /** How many assignees (incl. unassigned) had SRs in the range, before the top-20 cut. */
  engineer_count: number
}

export type CategoryPieSlice = {
  /** Display label; 기타 / Other when the SR has no category. */
  category: string
  /** Category name, null = no category (drill-down `category`). */
  category_key: string | null
  count: number
  /** count / total × 100, 1 decimal. */
  pct: number
}

/** `bi:category-pie`: SRs created in the range by category, largest first. */
export type CategoryPieResponse = BiMeta & { total: number; data: CategoryPieSlice[] }

export type FunnelStage = {
  stage: Exclude<SrStatus, 'CANCELLED'>
  label: string
  count: number
  /** count / total_created × 100, 1 decimal. */
  pct: number
}

/** `bi:resolution-funnel`: SRs created in the range by current status; CANCELLED apart. */
export type ResolutionFunnelResponse = BiMeta & {
  /** Created in the range and not CANCELLED: the funnel's 100 %. */
  total_created: number
  funnel: FunnelStage[]
  /** Created in the range and now CANCELLED (drill-down `stage: 'CANCELLED'`). */
  cancelled: number
}

export type MttrTrendPoint = {
  /** 'YYYY-MM' (drill-down `bucket`). */
  month: string
  /** Mean MTTR clock hours over SRs resolved that month, 1 decimal; null when none. */
  mttr_hours: number | null
  count: number
  /**
   * True when the month is counted only in part: it holds as-of (counted up to as-of), or the
   * range cuts it (as sr-trend's buckets).
   */
  partial: boolean
}

/** `bi:mttr-trend`: MTTR and count per calendar month of resolution; every month present. */
export type MttrTrendResponse = BiMeta & {
  labels: string[]
  /** data[i] is null for a month without resolutions. */
  datasets: [{ key: 'mttr_hours'; label: string; data: (number | null)[]; color: string }]
  raw: MttrTrendPoint[]
}

/** One SR behind a number. Instants are ISO 8601 with the zone's offset. */
export type DrillDownRow = {
  id: number
  number: string | null
  tenant: string
  title: string
  /** Category name, null = none. */
  category: string | null
  priority: Priority
  status: SrStatus
  /** Assignee name, null = unassigned. */
  assignee: string | null
  created_at: string
  resolved_at: string | null
  /** MTTR clock hours, 1 decimal; null unless resolved. */
  mttr_hours: number | null
  /** SLA met (true/false); null unless resolved. */
  sla_met: boolean | null
  /** SLA target hours of the SR (its policy version, or the SPEC default for its priority), 1 decimal. */
  sla_target_hours: number
  /** SLA elapsed hours (on the SLA calendar, PENDING time taken off), 1 decimal; null unless resolved. */
  sla_elapsed_hours: number | null
  /** sla_elapsed − sla_target hours, 1 decimal: > 0 is how late, ≤ 0 how early; null unless resolved. */
  over_target_hours: number | null
}

export type DrillSort = 'created' | 'resolved' | 'over_target'

/** `bi:drill-down`: the SRs behind one number of a widget, paged, newest first unless `sort` says otherwise. */
export type DrillDownResponse = BiMeta & {
  widget: BiWidget
  /**
   * A readable title of the number explained, e.g. "2026-03-02 · 신규 SR", "김철수 · 완료" (an
   * assignee by name), "2026-03-01–2026-03-18 · SLA 위반" (an SLA figure over the whole range).
   */
  title: string
  /** The order of the rows. */
  sort: DrillSort
  order: 'desc' | 'asc'
  /** Every row behind the number (equals the number itself). */
  total: number
  page: number
  page_size: number
  rows: DrillDownRow[]
}
