// Reading stored KPI values (SPEC §6): the board (current period, status, sparkline, summary), a
// KPI's detail and its history. Only small tables are read here, so the board answers in about a
// millisecond whatever the number of SRs.
import type {
  KpiBoard,
  KpiBoardItem,
  KpiDefinition,
  KpiDetail,
  KpiHistory,
  KpiPeriod,
  KpiPoint,
  KpiStatus,
  KpiVersion,
} from '../../../shared/ipc/types-kpi'
import type { Store } from '../db/open-database'
import { formatInstant as formatUncached } from '../metrics/periods'
import { roundTo } from '../metrics/rounding'
import { kpiVersions, listKpis, versionAt, type StoredKpi, type StoredVersion } from './definitions'
import { kpiPeriodContaining } from './kpi-periods'
import { overallStatus, summarize } from './status'

export type ReadOptions = { asOf: number; zone: string }

type ValueRow = {
  period_start: number
  period_end: number
  value: number | null
  status: KpiStatus
  achievement_pct: number | null
  computed_at: number
}

const SPARKLINE = 12

// Period bounds repeat across KPIs and calls, and luxon formatting dominates the board's time.
const formatted = new Map<string, string>()
function formatInstant(ms: number, zone: string): string {
  const key = `${ms}|${zone}`
  let text = formatted.get(key)
  if (text === undefined) {
    if (formatted.size > 20_000) formatted.clear()
    text = formatUncached(ms, zone)
    formatted.set(key, text)
  }
  return text
}

function point(row: ValueRow, versions: readonly StoredVersion[], o: ReadOptions): KpiPoint {
  const v = versionAt(versions, row.period_start)
  return {
    period_start: formatInstant(row.period_start, o.zone),
    period_end: formatInstant(row.period_end, o.zone),
    value: row.value === null ? null : roundTo(row.value, 2),
    target: v?.target ?? 0,
    status: row.status,
    achievement_pct: row.achievement_pct === null ? null : roundTo(row.achievement_pct, 1),
    version: v?.version ?? 0,
    partial: row.period_start <= o.asOf && o.asOf < row.period_end,
  }
}

function readValues(store: Store, kpiId: number, o: ReadOptions, limit: number, from = 0): ValueRow[] {
  const rows = store.sqlite
    .prepare(
      `SELECT period_start, period_end, value, status, achievement_pct, computed_at FROM kpi_values
       WHERE kpi_id = ? AND period_start <= ? AND period_start >= ? ORDER BY period_start DESC LIMIT ?`,
    )
    .all(kpiId, o.asOf, from, limit) as ValueRow[]
  return rows.reverse()
}

function boardItem(store: Store, kpi: StoredKpi, o: ReadOptions, historyLength: number): KpiBoardItem {
  const versions = kpiVersions(store, kpi.id)
  const rows = readValues(store, kpi.id, o, Math.max(historyLength, 1))
  const last = rows[rows.length - 1]
  const currentRow = last && last.period_end > o.asOf ? last : undefined
  const inForce = versionAt(versions, o.asOf) ?? versions[versions.length - 1]
  const period: KpiPeriod = inForce?.period ?? kpi.period
  const bounds = currentRow
    ? { start: currentRow.period_start, end: currentRow.period_end }
    : kpiPeriodContaining(o.asOf, period, o.zone)
  const current = currentRow ? point(currentRow, versions, o) : null
  return {
    id: kpi.id,
    name: kpi.name,
    display_name: kpi.display_name,
    description: kpi.description,
    unit: inForce?.unit ?? kpi.unit,
    direction: inForce?.direction ?? kpi.direction,
    base_metric: inForce?.base_metric ?? kpi.base_metric,
    period,
    filter: inForce?.filter ?? kpi.filter,
    thresholds: inForce?.thresholds ?? kpi.thresholds,
    value: current?.value ?? null,
    target: current?.target ?? inForce?.target ?? kpi.target,
    status: current?.status ?? 'NO_DATA',
    achievement_pct: current?.achievement_pct ?? null,
    period_start: formatInstant(bounds.start, o.zone),
    period_end: formatInstant(bounds.end, o.zone),
    last_calculated_at: currentRow ? formatInstant(currentRow.computed_at, o.zone) : null,
    history: historyLength === 0 ? [] : rows.slice(-historyLength).map((r) => point(r, versions, o)),
  }
}

/** The KPIs narrowed to one of `tenants` by their filter (the board's and `kpi calc`'s --tenant). */
export function kpisOfTenants<K extends { filter?: { tenant?: string } | null }>(
  kpis: readonly K[],
  tenants: readonly string[],
): K[] {
  const wanted = new Set(tenants)
  return kpis.filter((k) => k.filter?.tenant !== undefined && wanted.has(k.filter.tenant))
}

/** The KPI board at as-of: each KPI's current period, the summary by status and the overall status. */
export function kpiBoard(
  store: Store,
  o: ReadOptions & { tenants?: string[] | null; period?: KpiPeriod; history?: number },
): KpiBoard {
  let kpis = listKpis(store)
  if (o.tenants && o.tenants.length > 0) kpis = kpisOfTenants(kpis, o.tenants)
  if (o.period) kpis = kpis.filter((k) => k.period === o.period)
  const items = kpis.map((k) => boardItem(store, k, o, o.history ?? SPARKLINE))
  const summary = summarize(items.map((i) => i.status))
  const last = store.sqlite.prepare('SELECT max(computed_at) AS t FROM kpi_values').get() as {
    t: number | null
  }
  return {
    kpis: items,
    summary,
    overall_status: overallStatus(summary),
    as_of: formatInstant(o.asOf, o.zone),
    time_zone: o.zone,
    last_updated: last.t === null ? null : formatInstant(last.t, o.zone),
  }
}

function effective(ms: number, zone: string): string | null {
  return ms === 0 ? null : formatInstant(ms, zone)
}

/** The definition as the API shows it. */
export function definitionOut(kpi: StoredKpi, zone: string): KpiDefinition {
  const { id, name, effectiveFrom, createdAt, updatedAt, version, ...fields } = kpi
  return {
    ...fields,
    id,
    name,
    version,
    effective_from: effective(effectiveFrom, zone),
    created_at: formatInstant(createdAt, zone),
    updated_at: formatInstant(updatedAt, zone),
  }
}

function versionOut(v: StoredVersion, zone: string): KpiVersion {
  const { version, effectiveFrom, createdAt, changedBy, ...fields } = v
  return {
    ...fields,
    version,
    effective_from: effective(effectiveFrom, zone),
    created_at: formatInstant(createdAt, zone),
    changed_by: changedBy,
  }
}

/** A KPI's definition, versions and history (up to as-of). */
export function kpiDetail(store: Store, kpi: StoredKpi, o: ReadOptions): KpiDetail {
  const versions = kpiVersions(store, kpi.id)
  const rows = readValues(store, kpi.id, o, 1000)
  const last = rows[rows.length - 1]
  const judgedAt = last && last.period_end > o.asOf ? last.period_start : o.asOf
  return {
    definition: definitionOut(kpi, o.zone),
    versions: versions.map((v) => versionOut(v, o.zone)),
    version_in_force: versionAt(versions, judgedAt)?.version ?? kpi.version,
    history: rows.map((r) => point(r, versions, o)),
  }
}

/** A KPI's stored values from `from` to as-of. */
export function kpiHistory(store: Store, kpi: StoredKpi, o: ReadOptions & { from?: number }): KpiHistory {
  const versions = kpiVersions(store, kpi.id)
  return {
    kpi_id: kpi.id,
    name: kpi.name,
    display_name: kpi.display_name,
    unit: kpi.unit,
    direction: kpi.direction,
    history: readValues(store, kpi.id, o, 100_000, o.from ?? 0).map((r) => point(r, versions, o)),
  }
}
