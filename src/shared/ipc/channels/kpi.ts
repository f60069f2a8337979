// Channels of the KPI engine (SPEC §6). Merged into the one contract in ../contract.ts.
import { z } from 'zod'
import { LANGUAGES, PRIORITIES } from '../../domain'
import { instant, isoDate, returns, timeZone, type ChannelSpec } from '../define'
import {
  KPI_BASE_METRICS,
  KPI_DIRECTIONS,
  KPI_PERIODS,
  type KpiApplyResult,
  type KpiBoard,
  type KpiCalcProgress,
  type KpiCalcResult,
  type KpiDefinition,
  type KpiDetail,
  type KpiDrillDown,
  type KpiHistory,
  type KpiTemplate,
} from '../types-kpi'

const when = { asOf: instant.optional(), timeZone: timeZone.optional() }
/** A KPI by id or by name. */
const kpiRef = z.union([z.number().int().positive(), z.string().min(1).max(100)])

export const kpiThresholdsSchema = z
  .object({
    green: z.number().min(0).max(1000),
    yellow: z.number().min(0).max(1000),
    yellowFactor: z.number().min(1).max(10),
  })
  .strict()

export const kpiFilterSchema = z
  .object({
    tenant: z.string().min(1).max(200).optional(),
    category: z.string().min(1).max(200).optional(),
    priority: z.enum(PRIORITIES).optional(),
  })
  .strict()

const fields = {
  display_name: z.string().trim().min(1, 'Display name is required').max(200),
  description: z.string().max(2000),
  unit: z.string().trim().min(1, 'Unit is required').max(20),
  direction: z.enum(KPI_DIRECTIONS),
  target: z.number().finite(),
  period: z.enum(KPI_PERIODS),
  thresholds: kpiThresholdsSchema.partial(),
  filter: kpiFilterSchema.nullable(),
  base_metric: z.enum(KPI_BASE_METRICS),
}

/** Name: letters, digits and _ . : @ - (it identifies the KPI in the CLI and reports). */
export const kpiNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}_.:@-]+$/u, 'Use letters, digits and _ . : @ - only (no spaces)')

export const kpiCreateSchema = z
  .object({
    name: kpiNameSchema,
    display_name: fields.display_name,
    description: fields.description.optional(),
    unit: fields.unit,
    direction: fields.direction,
    target: fields.target,
    period: fields.period.optional(),
    thresholds: fields.thresholds.optional(),
    filter: fields.filter.optional(),
    base_metric: fields.base_metric,
    /** First local day the KPI is judged from (default: from the first data). */
    effective_from: isoDate.optional(),
    ...when,
  })
  .strict()

export const kpiUpdateSchema = z
  .object({
    kpi: kpiRef,
    display_name: fields.display_name.optional(),
    description: fields.description.optional(),
    unit: fields.unit.optional(),
    direction: fields.direction.optional(),
    target: fields.target.optional(),
    period: fields.period.optional(),
    thresholds: fields.thresholds.optional(),
    filter: fields.filter.optional(),
    base_metric: fields.base_metric.optional(),
    /** The local day the new version takes effect (its period included); default: the current period. */
    effective_from: isoDate.optional(),
    ...when,
  })
  .strict()

export const kpiChannels = {
  'kpi:templates': {
    scope: 'core',
    request: z.object({ lang: z.enum(LANGUAGES).optional() }).strict(),
    response: returns<KpiTemplate[]>(),
  },
  'kpi:apply': {
    scope: 'core',
    request: z
      .object({
        template_names: z.array(z.string().min(1).max(100)).min(1).max(50),
        lang: z.enum(LANGUAGES).optional(),
        /** Narrow every applied KPI to this tenant (named TEMPLATE@tenant). */
        tenant: z.string().min(1).max(200).optional(),
        period: z.enum(KPI_PERIODS).optional(),
        ...when,
      })
      .strict(),
    response: returns<KpiApplyResult>(),
  },
  'kpi:list': {
    scope: 'core',
    request: z
      .object({
        ...when,
        /** Only KPIs filtered to one of these tenants. */
        tenants: z.array(z.string().min(1).max(200)).max(500).optional(),
        period: z.enum(KPI_PERIODS).optional(),
        /** Sparkline length (default 12). */
        history: z.number().int().min(0).max(60).optional(),
      })
      .strict(),
    response: returns<KpiBoard>(),
  },
  'kpi:get': {
    scope: 'core',
    request: z.object({ kpi: kpiRef, ...when }).strict(),
    response: returns<KpiDetail>(),
  },
  'kpi:create': { scope: 'core', request: kpiCreateSchema, response: returns<KpiDefinition>() },
  'kpi:update': { scope: 'core', request: kpiUpdateSchema, response: returns<KpiDefinition>() },
  'kpi:delete': {
    scope: 'core',
    request: z.object({ kpi: kpiRef }).strict(),
    response: returns<{ deleted: string }>(),
  },
  'kpi:calc': {
    scope: 'core',
    request: z
      .object({
        kpi: kpiRef.optional(),
        /** Only KPIs filtered to one of these tenants (not with `kpi`). */
        tenants: z.array(z.string().min(1).max(200)).min(1).max(500).optional(),
        /** Only KPIs of this period (not with `kpi`). */
        period: z.enum(KPI_PERIODS).optional(),
        /** Recompute every stored period, not only missing ones and the current one. */
        full: z.boolean().optional(),
        ...when,
      })
      .strict()
      .refine((r) => r.kpi === undefined || (r.tenants === undefined && r.period === undefined), {
        message: 'Name one KPI, or narrow by tenants and/or period, not both',
      }),
    response: returns<KpiCalcResult>(),
  },
  'kpi:history': {
    scope: 'core',
    request: z.object({ kpi: kpiRef, from: isoDate.optional(), to: isoDate.optional(), ...when }).strict(),
    response: returns<KpiHistory>(),
  },
  'kpi:drill-down': {
    scope: 'core',
    request: z
      .object({
        kpi: kpiRef,
        /** A local day inside the period (default: the period containing as-of). */
        period: isoDate.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
        ...when,
      })
      .strict(),
    response: returns<KpiDrillDown>(),
  },
} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type KpiEvents = {
  /** A background KPI calculation (after apply/edit, a sync, an SLA change, a period boundary). */
  'kpi:calc-progress': KpiCalcProgress
}
export const KPI_EVENTS = ['kpi:calc-progress'] as const satisfies readonly (keyof KpiEvents)[]
