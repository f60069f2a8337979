// Response types of the IPC contract. Field names follow the reference API where it has them
// (cards[].key/label/value/unit/change, labels + datasets[].label/data, data[], funnel[].stage/count/pct).

export type OverviewCardKey = 'open_sr' | 'inprog_sr' | 'done_month' | 'done_week' | 'mttr'

export type OverviewCard = {
  key: OverviewCardKey
  label: string
  /** Counts are integers; MTTR is hours rounded to 1 decimal (null when nothing was resolved). */
  value: number | null
  unit: string
  color: 'red' | 'orange' | 'green' | 'blue' | 'purple'
  change?: number
  change_label?: string
}

export type OverviewResponse = {
  cards: OverviewCard[]
  /** The data watermark: the last successful sync (or demo generation), not the clock. Null = no data yet. */
  updated_at: string | null
  /** The instant the figures are computed at (now, or the as-of given). */
  as_of: string
  time_zone: string
  tenants: string[] | null
}

export type WorkspaceStatus = {
  empty: boolean
  srCount: number
  tenantCount: number
  watermark: string | null
  /** True when the workspace was made by the demo generator. */
  demo: boolean
  /**
   * Connections whose latest sync failed (offline included, a cancelled one not), by name: the
   * watermark is the last success of any connection, so the header says when some are behind it.
   */
  syncFailing: string[]
}

/**
 * A tenant (기관) for the institution filter. `id` is its row id, which stays when a sync renames the
 * tenant upstream (and is never reused), so a selection can follow it under its new name.
 */
export type TenantSummary = { id: number; name: string; srCount: number }

export type AppInfo = {
  name: string
  version: string
  runtime: 'electron' | 'web-harness' | 'cli'
  dataDir: string
  timeZone: string
}

export type DemoResult = {
  srCount: number
  tenantCount: number
  peopleCount: number
  videoCount: number
  durationMs: number
}
