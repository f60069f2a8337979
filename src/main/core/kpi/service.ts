// The KPI engine's operations as the channels and the CLI use them: create, edit (a new version),
// apply templates, each followed by a calculation of the KPIs it touched.
import type {
  KpiApplyResult,
  KpiDefinitionFields,
  KpiFilter,
  KpiPeriod,
  KpiThresholds,
} from '../../../shared/ipc/types-kpi'
import type { Store } from '../db/open-database'
import { CoreError } from '../errors'
import { startOfLocalDay } from '../metrics/periods'
import { calculateKpi } from './calculate'
import { addVersion, getKpi, insertKpi, normalizeFilter, type StoredKpi } from './definitions'
import { kpiPeriodContaining } from './kpi-periods'
import type { MetricSource } from './metric-source'
import { DEFAULT_THRESHOLDS } from './status'
import { kpiTemplates } from './templates'

export type ServiceOptions = {
  now: number
  zone: string
  changedBy: string | null
  source?: MetricSource
  /** false: only write the definition; the caller calculates it (in the background job runner). */
  calculate?: boolean
}

export type FieldsPatch = Partial<Omit<KpiDefinitionFields, 'thresholds' | 'filter'>> & {
  thresholds?: Partial<KpiThresholds>
  filter?: KpiFilter | null
}

/** An effective date as the start of the period containing that local day (the period it takes effect in). */
function effectiveStart(day: string, period: KpiPeriod, zone: string): number {
  try {
    return kpiPeriodContaining(startOfLocalDay(day, zone), period, zone).start
  } catch (err) {
    throw new CoreError('BAD_REQUEST', (err as Error).message)
  }
}

/** Creates a KPI (version 1) and calculates it (unless `o.calculate` is false). */
export function createKpi(
  store: Store,
  input: FieldsPatch &
    Pick<KpiDefinitionFields, 'display_name' | 'unit' | 'direction' | 'target' | 'base_metric'> & {
      name: string
      effective_from?: string
    },
  o: ServiceOptions,
): StoredKpi {
  const fields: KpiDefinitionFields = {
    display_name: input.display_name,
    description: input.description ?? '',
    unit: input.unit,
    direction: input.direction,
    target: input.target,
    period: input.period ?? 'MONTHLY',
    thresholds: { ...DEFAULT_THRESHOLDS, ...input.thresholds },
    filter: normalizeFilter(input.filter),
    base_metric: input.base_metric,
  }
  const effectiveFrom = input.effective_from ? effectiveStart(input.effective_from, fields.period, o.zone) : 0
  const kpi = insertKpi(store, input.name, fields, { effectiveFrom, now: o.now, changedBy: o.changedBy })
  if (o.calculate !== false)
    calculateKpi(store, kpi, { now: o.now, zone: o.zone, ...(o.source ? { source: o.source } : {}) })
  return kpi
}

/**
 * Edits a KPI: a new version from `effective_from` (the period containing that day; default the
 * current period), so earlier periods keep the version they were judged by. Recalculates it.
 */
export function updateKpi(
  store: Store,
  ref: number | string,
  patch: FieldsPatch & { effective_from?: string },
  o: ServiceOptions,
): StoredKpi {
  const kpi = getKpi(store, ref)
  const fields: KpiDefinitionFields = {
    display_name: patch.display_name ?? kpi.display_name,
    description: patch.description ?? kpi.description,
    unit: patch.unit ?? kpi.unit,
    direction: patch.direction ?? kpi.direction,
    target: patch.target ?? kpi.target,
    period: patch.period ?? kpi.period,
    thresholds: { ...kpi.thresholds, ...patch.thresholds },
    filter: patch.filter === undefined ? kpi.filter : normalizeFilter(patch.filter),
    base_metric: patch.base_metric ?? kpi.base_metric,
  }
  const effectiveFrom = patch.effective_from
    ? effectiveStart(patch.effective_from, fields.period, o.zone)
    : kpiPeriodContaining(o.now, fields.period, o.zone).start
  const updated = addVersion(store, kpi, fields, { effectiveFrom, now: o.now, changedBy: o.changedBy })
  if (o.calculate !== false)
    calculateKpi(store, updated, { now: o.now, zone: o.zone, ...(o.source ? { source: o.source } : {}) })
  return updated
}

/**
 * The KPI a template has already made: the one named `kpiName`, or for a tenant the template's KPI
 * made before that tenant was renamed upstream (its name keeps the old tenant's, its filter follows
 * the rename: repositories/tenants.ts).
 */
function existingTemplateKpi(
  store: Store,
  kpiName: string,
  template: string,
  tenant: string | undefined,
): string | undefined {
  const named = store.sqlite.prepare('SELECT name FROM kpi_definitions WHERE name = ?').pluck().get(kpiName)
  if (named !== undefined || tenant === undefined) return named as string | undefined
  return store.sqlite
    .prepare(
      `SELECT name FROM kpi_definitions WHERE substr(name, 1, length(@prefix)) = @prefix
         AND filter IS NOT NULL AND json_valid(filter) AND json_extract(filter, '$.tenant') = @tenant
       ORDER BY id LIMIT 1`,
    )
    .pluck()
    .get({ prefix: `${template}@`, tenant }) as string | undefined
}

/** Creates KPIs from built-in templates (skipping names that exist) and calculates them (unless `o.calculate` is false). */
export function applyTemplates(
  store: Store,
  req: { template_names: string[]; lang?: 'ko' | 'en'; tenant?: string; period?: KpiPeriod },
  o: ServiceOptions,
): KpiApplyResult {
  const templates = kpiTemplates(req.lang ?? 'ko')
  const unknown = req.template_names.filter((n) => !templates.some((t) => t.name === n))
  if (unknown.length > 0) {
    throw new CoreError(
      'BAD_REQUEST',
      `Unknown template ${unknown.map((n) => `"${n}"`).join(', ')}. Known: ${templates.map((t) => t.name).join(', ')}`,
    )
  }
  const created: string[] = []
  const skipped: string[] = []
  for (const name of [...new Set(req.template_names)]) {
    const tpl = templates.find((t) => t.name === name)
    if (!tpl) continue
    const kpiName = req.tenant ? `${tpl.name}@${req.tenant}` : tpl.name
    const filter = req.tenant && tpl.kind === 'itsm' ? { tenant: req.tenant } : null
    const existing = existingTemplateKpi(store, kpiName, tpl.name, filter?.tenant)
    if (existing !== undefined) {
      skipped.push(existing)
      continue
    }
    createKpi(
      store,
      {
        name: kpiName,
        display_name: req.tenant && filter ? `${tpl.display_name} · ${req.tenant}` : tpl.display_name,
        description: tpl.description,
        unit: tpl.unit,
        direction: tpl.direction,
        target: tpl.default_target,
        period: req.period ?? tpl.period,
        thresholds: tpl.thresholds,
        filter,
        base_metric: tpl.base_metric,
      },
      o,
    )
    created.push(kpiName)
  }
  return { created, skipped, count: created.length }
}
