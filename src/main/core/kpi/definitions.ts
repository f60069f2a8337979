// KPI definitions and their versions (SPEC §6): every edit is a new version with an effective date,
// and a period is judged by the version in force at its start. kpi_definitions holds the newest
// version's fields for quick listing; kpi_definition_versions holds them all.
import type {
  KpiBaseMetric,
  KpiDefinitionFields,
  KpiDirection,
  KpiFilter,
  KpiPeriod,
  KpiThresholds,
} from '../../../shared/ipc/types-kpi'
import type { Store } from '../db/open-database'
import { CoreError } from '../errors'
import { BASE_METRICS } from './base-metrics'
import { DEFAULT_THRESHOLDS } from './status'
import { writeTransaction } from '../db/write-transaction'

export type StoredVersion = KpiDefinitionFields & {
  version: number
  /** Epoch ms; 0 = from the first data on. */
  effectiveFrom: number
  createdAt: number
  changedBy: string | null
}

export type StoredKpi = KpiDefinitionFields & {
  id: number
  name: string
  effectiveFrom: number
  createdAt: number
  updatedAt: number
  version: number
}

type DefinitionRow = {
  id: number
  name: string
  display_name: string
  description: string
  unit: string
  direction: KpiDirection
  target: number
  period: KpiPeriod
  thresholds: string
  filter: string | null
  base_metric: KpiBaseMetric
  effective_from: number
  created_at: number
  updated_at: number
  version: number | null
}

type VersionRow = Omit<DefinitionRow, 'id' | 'name' | 'updated_at' | 'version'> & {
  version: number
  changed_by: string | null
}

function parseThresholds(text: string): KpiThresholds {
  const t = JSON.parse(text) as Partial<KpiThresholds>
  return { ...DEFAULT_THRESHOLDS, ...t }
}

function parseFilter(text: string | null): KpiFilter | null {
  if (text === null) return null
  const f = JSON.parse(text) as KpiFilter
  return Object.keys(f).length === 0 ? null : f
}

function fieldsOf(
  row: Omit<VersionRow, 'version' | 'changed_by' | 'effective_from' | 'created_at'>,
): KpiDefinitionFields {
  return {
    display_name: row.display_name,
    description: row.description,
    unit: row.unit,
    direction: row.direction,
    target: row.target,
    period: row.period,
    thresholds: parseThresholds(row.thresholds),
    filter: parseFilter(row.filter),
    base_metric: row.base_metric,
  }
}

const SELECT_DEFINITIONS = `SELECT d.*, (SELECT max(version) FROM kpi_definition_versions v WHERE v.kpi_id = d.id) AS version
  FROM kpi_definitions d`

function toKpi(row: DefinitionRow): StoredKpi {
  return {
    ...fieldsOf(row),
    id: row.id,
    name: row.name,
    effectiveFrom: row.effective_from,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version ?? 1,
  }
}

/** Every KPI definition, by name. */
export function listKpis(store: Store): StoredKpi[] {
  return (store.sqlite.prepare(`${SELECT_DEFINITIONS} ORDER BY d.name`).all() as DefinitionRow[]).map(toKpi)
}

/** The KPI with this id or name; NOT_FOUND otherwise. */
export function getKpi(store: Store, ref: number | string): StoredKpi {
  const row = store.sqlite
    .prepare(`${SELECT_DEFINITIONS} WHERE ${typeof ref === 'number' ? 'd.id' : 'd.name'} = ?`)
    .get(ref) as DefinitionRow | undefined
  if (!row)
    throw new CoreError(
      'NOT_FOUND',
      `No KPI ${typeof ref === 'number' ? `with id ${ref}` : `named "${ref}"`}`,
    )
  return toKpi(row)
}

/** The versions of a KPI, oldest first. */
export function kpiVersions(store: Store, kpiId: number): StoredVersion[] {
  const rows = store.sqlite
    .prepare('SELECT * FROM kpi_definition_versions WHERE kpi_id = ? ORDER BY version')
    .all(kpiId) as VersionRow[]
  return rows.map((r) => ({
    ...fieldsOf(r),
    version: r.version,
    effectiveFrom: r.effective_from,
    createdAt: r.created_at,
    changedBy: r.changed_by,
  }))
}

/**
 * The version in force at instant `t`: the newest edit whose effective date is ≤ t (a later edit
 * with an earlier effective date supersedes an older one from its date on); null before any.
 */
export function versionAt(versions: readonly StoredVersion[], t: number): StoredVersion | null {
  let best: StoredVersion | null = null
  for (const v of versions) if (v.effectiveFrom <= t && (best === null || v.version > best.version)) best = v
  return best
}

/** Checks a definition's fields beyond their shapes; throws BAD_REQUEST with what to fix. */
export function validateFields(store: Store, f: KpiDefinitionFields): void {
  const bad = (message: string): never => {
    throw new CoreError('BAD_REQUEST', message)
  }
  if (!Number.isFinite(f.target)) bad('target must be a number')
  if (f.direction === 'HIGHER_BETTER' && f.target <= 0)
    bad('target must be greater than 0 for a HIGHER_BETTER KPI (achievement is value ÷ target)')
  if (f.direction === 'LOWER_BETTER' && f.target < 0) bad('target must be 0 or more for a LOWER_BETTER KPI')
  const t = f.thresholds
  if (t.yellow > t.green) bad(`thresholds: yellow (${t.yellow}) must not exceed green (${t.green})`)
  if (t.yellowFactor < 1) bad('thresholds: yellowFactor must be at least 1')
  const info = BASE_METRICS[f.base_metric]
  for (const key of Object.keys(f.filter ?? {}) as (keyof KpiFilter)[]) {
    if (!info.filters.includes(key))
      bad(`filter.${key} does not apply to ${f.base_metric} (allowed: ${info.filters.join(', ') || 'none'})`)
  }
  if (
    f.filter?.tenant !== undefined &&
    !store.sqlite.prepare('SELECT 1 FROM tenants WHERE name = ?').get(f.filter.tenant)
  )
    bad(`filter.tenant: no tenant named "${f.filter.tenant}" in this workspace`)
  if (
    f.filter?.category !== undefined &&
    !store.sqlite.prepare('SELECT 1 FROM categories WHERE name = ?').get(f.filter.category)
  )
    bad(`filter.category: no category named "${f.filter.category}" in this workspace`)
}

/** Normalises a filter: drops empty objects to null. */
export function normalizeFilter(filter: KpiFilter | null | undefined): KpiFilter | null {
  if (!filter) return null
  const out: KpiFilter = {}
  if (filter.tenant !== undefined) out.tenant = filter.tenant
  if (filter.category !== undefined) out.category = filter.category
  if (filter.priority !== undefined) out.priority = filter.priority
  return Object.keys(out).length === 0 ? null : out
}

function serialize(f: KpiDefinitionFields) {
  return {
    display_name: f.display_name,
    description: f.description,
    unit: f.unit,
    direction: f.direction,
    target: f.target,
    period: f.period,
    thresholds: JSON.stringify(f.thresholds),
    filter: f.filter === null ? null : JSON.stringify(f.filter),
    base_metric: f.base_metric,
  }
}

const FIELD_COLUMNS =
  'display_name, description, unit, direction, target, period, thresholds, filter, base_metric'
const FIELD_PARAMS =
  '@display_name, @description, @unit, @direction, @target, @period, @thresholds, @filter, @base_metric'

/** Inserts a KPI and its version 1; CONFLICT when the name is taken. */
export function insertKpi(
  store: Store,
  name: string,
  fields: KpiDefinitionFields,
  opts: { effectiveFrom: number; now: number; changedBy: string | null },
): StoredKpi {
  validateFields(store, fields)
  const { sqlite } = store
  if (sqlite.prepare('SELECT 1 FROM kpi_definitions WHERE name = ?').get(name))
    throw new CoreError('CONFLICT', `A KPI named "${name}" already exists`)
  const params = {
    ...serialize(fields),
    name,
    effective_from: opts.effectiveFrom,
    now: opts.now,
    by: opts.changedBy,
  }
  const id = writeTransaction(sqlite, () => {
    const info = sqlite
      .prepare(
        `INSERT INTO kpi_definitions (name, ${FIELD_COLUMNS}, effective_from, created_at, updated_at)
         VALUES (@name, ${FIELD_PARAMS}, @effective_from, @now, @now)`,
      )
      .run(params)
    const kpiId = Number(info.lastInsertRowid)
    sqlite
      .prepare(
        `INSERT INTO kpi_definition_versions (kpi_id, version, effective_from, ${FIELD_COLUMNS}, created_at, changed_by)
         VALUES (@kpi_id, 1, @effective_from, ${FIELD_PARAMS}, @now, @by)`,
      )
      .run({ ...params, kpi_id: kpiId })
    return kpiId
  })()
  return getKpi(store, id)
}

/** Adds a version (the new fields from `effectiveFrom` on) and makes it the definition's current state. */
export function addVersion(
  store: Store,
  kpi: StoredKpi,
  fields: KpiDefinitionFields,
  opts: { effectiveFrom: number; now: number; changedBy: string | null },
): StoredKpi {
  validateFields(store, fields)
  const { sqlite } = store
  const params = {
    ...serialize(fields),
    id: kpi.id,
    effective_from: opts.effectiveFrom,
    now: opts.now,
    by: opts.changedBy,
  }
  writeTransaction(sqlite, () => {
    sqlite
      .prepare(
        `INSERT INTO kpi_definition_versions (kpi_id, version, effective_from, ${FIELD_COLUMNS}, created_at, changed_by)
         VALUES (@id, (SELECT coalesce(max(version), 0) + 1 FROM kpi_definition_versions WHERE kpi_id = @id),
           @effective_from, ${FIELD_PARAMS}, @now, @by)`,
      )
      .run(params)
    sqlite
      .prepare(
        `UPDATE kpi_definitions SET display_name = @display_name, description = @description, unit = @unit,
          direction = @direction, target = @target, period = @period, thresholds = @thresholds, filter = @filter,
          base_metric = @base_metric, updated_at = @now WHERE id = @id`,
      )
      .run(params)
    // Periods from the effective date on are judged by the new version: drop their stored values so
    // the next calculation recomputes them.
    sqlite
      .prepare('DELETE FROM kpi_values WHERE kpi_id = ? AND period_start >= ?')
      .run(kpi.id, opts.effectiveFrom)
  })()
  return getKpi(store, kpi.id)
}

/** Deletes a KPI with its versions and values. */
export function deleteKpi(store: Store, kpi: StoredKpi): void {
  // Versions and values go with it (ON DELETE CASCADE).
  store.sqlite.prepare('DELETE FROM kpi_definitions WHERE id = ?').run(kpi.id)
}
