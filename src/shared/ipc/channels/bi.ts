// Channels of BI widgets and drill-down (SPEC §4). Merged into the one contract in ../contract.ts.
// Every widget takes the shared BI filter (asOf, timeZone, from, to, tenants, lang); default ranges
// when from/to are absent are documented in ../types-bi.ts.
import { z } from 'zod'
import { SR_STATUSES } from '../../domain'
import { biFilterSchema, returns, type ChannelSpec } from '../define'
import type {
  CategoryPieResponse,
  DrillDownResponse,
  EngineerLoadResponse,
  MttrTrendResponse,
  ResolutionFunnelResponse,
  SlaHeatmapResponse,
  SrTrendResponse,
} from '../types-bi'

export const BI_PERIODS = ['daily', 'weekly', 'monthly'] as const
export const BI_WIDGETS = [
  'overview',
  'sr-trend',
  'sla-heatmap',
  'engineer-load',
  'category-pie',
  'resolution-funnel',
  'mttr-trend',
] as const
/** Series keys a drill-down may name, per widget (the first is the default). */
export const DRILL_SERIES = {
  overview: ['open_sr', 'inprog_sr', 'done_month', 'done_week', 'mttr'],
  'sr-trend': ['created', 'resolved'],
  'sla-heatmap': ['total', 'on_time', 'late'],
  'engineer-load': ['total', 'resolved', 'open'],
  'category-pie': ['count'],
  'resolution-funnel': ['count'],
  'mttr-trend': ['count'],
} as const satisfies Record<(typeof BI_WIDGETS)[number], readonly string[]>

/**
 * Orders of a drill-down list: by created_at (the default), by resolved_at, or by how far the SLA
 * elapsed time went past the target (`over_target`: most late first when descending).
 */
export const DRILL_SORTS = ['created', 'resolved', 'over_target'] as const
export const DRILL_ORDERS = ['desc', 'asc'] as const

export const DEFAULT_MTTR_MONTHS = 6
export const MAX_DRILL_PAGE_SIZE = 1000

const period = z.enum(BI_PERIODS)
const months = z.number().int().min(1).max(36)
/** A category name, or null for SRs without a category. */
const categoryKey = z.string().min(1).max(200).nullable()

export const srTrendSchema = biFilterSchema.extend({ period: period.optional() })
export const mttrTrendSchema = biFilterSchema.extend({ months: months.optional() })

/**
 * Which number to explain: the widget, and the key of its cell/bucket/series as the widget's
 * response gives it (buckets[].key / week / month, category_key, assignee_id, stage, datasets[].key
 * or the overview card key), with the same filters (and period for sr-trend).
 */
export const drillDownSchema = biFilterSchema.extend({
  widget: z.enum(BI_WIDGETS),
  /** A dataset/series key (see DRILL_SERIES); for overview, the card key. Default: the widget's first. */
  series: z.string().min(1).max(40).optional(),
  /**
   * sr-trend bucket key, sla-heatmap week ('YYYY-Www'), mttr-trend month ('YYYY-MM'). The
   * sla-heatmap also takes none: every week of the range (its summary figures).
   */
  bucket: z.string().min(4).max(20).optional(),
  /** sr-trend bucket size (default daily). */
  period: period.optional(),
  /**
   * sla-heatmap row or category-pie slice; null = no category. The sla-heatmap also takes none
   * (absent): every category.
   */
  category: categoryKey.optional(),
  /** engineer-load bar: people.id, null = unassigned. */
  assignee: z.number().int().min(1).nullable().optional(),
  /** resolution-funnel stage, or CANCELLED for the SRs reported apart. */
  stage: z.enum(SR_STATUSES).optional(),
  /** mttr-trend months (only to check the month is in the widget's range). */
  months: months.optional(),
  /** Row order (default: created; resolved for the sla-heatmap). */
  sort: z.enum(DRILL_SORTS).optional(),
  /** Default desc: newest / latest resolved / most late first. */
  order: z.enum(DRILL_ORDERS).optional(),
  /** 1-based page. */
  page: z.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.number().int().min(1).max(MAX_DRILL_PAGE_SIZE).optional(),
})

export type SrTrendRequest = z.input<typeof srTrendSchema>
export type MttrTrendRequest = z.input<typeof mttrTrendSchema>
export type DrillDownRequest = z.input<typeof drillDownSchema>

export const biChannels = {
  'bi:sr-trend': { scope: 'core', request: srTrendSchema, response: returns<SrTrendResponse>() },
  'bi:sla-heatmap': { scope: 'core', request: biFilterSchema, response: returns<SlaHeatmapResponse>() },
  'bi:engineer-load': { scope: 'core', request: biFilterSchema, response: returns<EngineerLoadResponse>() },
  'bi:category-pie': { scope: 'core', request: biFilterSchema, response: returns<CategoryPieResponse>() },
  'bi:resolution-funnel': {
    scope: 'core',
    request: biFilterSchema,
    response: returns<ResolutionFunnelResponse>(),
  },
  'bi:mttr-trend': { scope: 'core', request: mttrTrendSchema, response: returns<MttrTrendResponse>() },
  'bi:drill-down': { scope: 'core', request: drillDownSchema, response: returns<DrillDownResponse>() },
} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type BiEvents = Record<never, never>
export const BI_EVENTS = [] as const satisfies readonly (keyof BiEvents)[]
