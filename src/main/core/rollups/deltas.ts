// Rollup deltas: what one SR contributes to the four daily rollup tables (schema.ts "BI rollups"),
// accumulated in memory and applied in one pass. The SR writer removes a row's old contribution and
// adds its new one inside its own transaction; a rebuild adds every stored SR. Both use the same
// code, so the incremental path and a rebuild can never disagree.
import type { Priority, SrStatus } from '../../../shared/domain'
import type Database from 'better-sqlite3'
import { localDayFn } from './local-day'

const HOUR = 3_600_000
/** SPEC §3 default targets, used only for resolved SRs not judged yet (sla_met null). */
export const DEFAULT_SLA_TARGET_MS: Record<Priority, number> = {
  P1: 4 * HOUR,
  P2: 8 * HOUR,
  P3: 24 * HOUR,
  P4: 72 * HOUR,
}
/** The same rule in SQL for the base-row path (must match effectiveOnTime); `a` = table alias + '.'. */
export function onTimeSql(a = ''): string {
  return `coalesce(${a}sla_met, (${a}resolved_at - ${a}created_at) <= CASE ${a}priority
  WHEN 'P1' THEN ${4 * HOUR} WHEN 'P2' THEN ${8 * HOUR} WHEN 'P3' THEN ${24 * HOUR} ELSE ${72 * HOUR} END)`
}
/** The MTTR clock in SQL (must match effectiveMttr). */
export function mttrSql(a = ''): string {
  return `coalesce(${a}mttr_ms, ${a}resolved_at - ${a}created_at)`
}

/** The columns of an SR the rollups depend on. */
export type RollupSr = {
  tenantId: number
  categoryId: number | null
  assigneeId: number | null
  status: SrStatus
  priority: Priority
  createdAt: number
  resolvedAt: number | null
  mttrMs: number | null
  slaMet: number | null
}

/** SELECT list (snake_case → RollupSr order) for reading stored SRs as raw arrays. */
export const ROLLUP_SR_SELECT =
  'tenant_id, category_id, assignee_id, status, priority, created_at, resolved_at, mttr_ms, sla_met'
export type RollupSrTuple = [
  number,
  number | null,
  number | null,
  SrStatus,
  Priority,
  number,
  number | null,
  number | null,
  number | null,
]

export function tupleToSr(t: RollupSrTuple): RollupSr {
  return {
    tenantId: t[0],
    categoryId: t[1],
    assigneeId: t[2],
    status: t[3],
    priority: t[4],
    createdAt: t[5],
    resolvedAt: t[6],
    mttrMs: t[7],
    slaMet: t[8],
  }
}

function effectiveOnTime(sr: RollupSr, resolvedAt: number): number {
  if (sr.slaMet !== null) return sr.slaMet ? 1 : 0
  return resolvedAt - sr.createdAt <= DEFAULT_SLA_TARGET_MS[sr.priority] ? 1 : 0
}

function effectiveMttr(sr: RollupSr, resolvedAt: number): number {
  return sr.mttrMs ?? resolvedAt - sr.createdAt
}

const STATUS_CODES: readonly SrStatus[] = ['OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'DONE', 'CANCELLED']
const STATUS_CODE = new Map<string, number>(STATUS_CODES.map((st, i) => [st, i]))
const RESOLVED_LIKE = new Set<string>(['RESOLVED', 'DONE'])
const OPEN_LIKE = new Set<string>(['OPEN', 'IN_PROGRESS', 'PENDING'])

// Keys are packed into one double (day 16 bits, tenant 16, category/assignee/status 21: 53 bits),
// so a delta costs a Map lookup and a few additions, no string or array allocation. Anything out of
// those ranges (a day before 1970 or after 2149, huge ids) goes to a slower string-keyed map.
const T = 65_536
const X = 2_097_152

type Table = { fast: Map<number, number[]>; slow: Map<string, number[]>; width: number }

function table(width: number): Table {
  return { fast: new Map(), slow: new Map(), width }
}

function slot(t: Table, day: number, tenant: number, x: number): number[] {
  let acc: number[] | undefined
  if (day >= 0 && day < T && tenant >= 0 && tenant < T && x >= 0 && x < X) {
    const key = (day * T + tenant) * X + x
    acc = t.fast.get(key)
    if (!acc) {
      acc = new Array<number>(t.width).fill(0)
      t.fast.set(key, acc)
    }
  } else {
    const key = `${day},${tenant},${x}`
    acc = t.slow.get(key)
    if (!acc) {
      acc = new Array<number>(t.width).fill(0)
      t.slow.set(key, acc)
    }
  }
  return acc
}

function* entries(t: Table): Generator<[number, number, number, number[]]> {
  for (const [key, v] of t.fast) {
    const x = key % X
    const rest = (key - x) / X
    const tenant = rest % T
    yield [(rest - tenant) / T, tenant, x, v]
  }
  for (const [key, v] of t.slow) {
    const [day = 0, tenant = 0, x = 0] = key.split(',').map(Number)
    yield [day, tenant, x, v]
  }
}

/** In-memory deltas for the four rollup tables, keyed by their primary keys. */
export class RollupAccumulator {
  private readonly tenant = table(4)
  private readonly category = table(3)
  private readonly status = table(1)
  private readonly assignee = table(3)
  private readonly dayOf: (ms: number) => number

  constructor(zone: string) {
    this.dayOf = localDayFn(zone)
  }

  /** Adds (sign 1) or removes (sign −1) one SR's contribution. */
  apply(sr: RollupSr, sign: 1 | -1): void {
    const cDay = this.dayOf(sr.createdAt)
    const tenant = sr.tenantId
    const cat = sr.categoryId ?? 0
    ;(slot(this.tenant, cDay, tenant, 0)[0] as number) += sign
    ;(slot(this.category, cDay, tenant, cat)[0] as number) += sign
    ;(slot(this.status, cDay, tenant, STATUS_CODE.get(sr.status) ?? 0)[0] as number) += sign
    const a = slot(this.assignee, cDay, tenant, sr.assigneeId ?? 0)
    a[0] = (a[0] ?? 0) + sign
    if (RESOLVED_LIKE.has(sr.status)) a[1] = (a[1] ?? 0) + sign
    else if (OPEN_LIKE.has(sr.status)) a[2] = (a[2] ?? 0) + sign
    if (sr.resolvedAt !== null) {
      const rDay = this.dayOf(sr.resolvedAt)
      const onTime = effectiveOnTime(sr, sr.resolvedAt) * sign
      const t = slot(this.tenant, rDay, tenant, 0)
      t[1] = (t[1] ?? 0) + sign
      t[2] = (t[2] ?? 0) + onTime
      t[3] = (t[3] ?? 0) + effectiveMttr(sr, sr.resolvedAt) * sign
      const c = slot(this.category, rDay, tenant, cat)
      c[1] = (c[1] ?? 0) + sign
      c[2] = (c[2] ?? 0) + onTime
    }
  }

  get size(): number {
    let n = 0
    for (const t of [this.tenant, this.category, this.status, this.assignee]) n += t.fast.size + t.slow.size
    return n
  }

  /**
   * Adds the accumulated deltas to the tables and clears them. `fresh`: the tables were just
   * emptied (a rebuild), so plain INSERTs do.
   */
  flush(sqlite: Database.Database, fresh = false): void {
    const put = (
      t: Table,
      insert: string,
      conflict: string,
      keyOf: ((x: number) => number | string) | null,
    ) => {
      if (t.fast.size + t.slow.size === 0) return
      const stmt = sqlite.prepare(fresh ? insert : `${insert} ${conflict}`)
      for (const [day, tenant, x, values] of entries(t)) {
        if (values.every((v) => v === 0)) continue
        if (keyOf) stmt.run(day, tenant, keyOf(x), ...values)
        else stmt.run(day, tenant, ...values)
      }
      t.fast.clear()
      t.slow.clear()
    }
    put(
      this.tenant,
      `INSERT INTO sr_rollup_tenant_daily (day, tenant_id, created, resolved, on_time, mttr_ms)
       VALUES (?, ?, ?, ?, ?, ?)`,
      `ON CONFLICT (day, tenant_id) DO UPDATE SET created = created + excluded.created,
       resolved = resolved + excluded.resolved, on_time = on_time + excluded.on_time,
       mttr_ms = mttr_ms + excluded.mttr_ms`,
      null,
    )
    put(
      this.category,
      `INSERT INTO sr_rollup_category_daily (day, tenant_id, category_id, created, resolved, on_time)
       VALUES (?, ?, ?, ?, ?, ?)`,
      `ON CONFLICT (day, tenant_id, category_id) DO UPDATE SET created = created + excluded.created,
       resolved = resolved + excluded.resolved, on_time = on_time + excluded.on_time`,
      (x) => x,
    )
    put(
      this.status,
      'INSERT INTO sr_rollup_status_daily (day, tenant_id, status, created) VALUES (?, ?, ?, ?)',
      'ON CONFLICT (day, tenant_id, status) DO UPDATE SET created = created + excluded.created',
      (x) => STATUS_CODES[x] ?? 'OPEN',
    )
    put(
      this.assignee,
      `INSERT INTO sr_rollup_assignee_daily (day, tenant_id, assignee_id, total, resolved, open)
       VALUES (?, ?, ?, ?, ?, ?)`,
      `ON CONFLICT (day, tenant_id, assignee_id) DO UPDATE SET total = total + excluded.total,
       resolved = resolved + excluded.resolved, open = open + excluded.open`,
      (x) => x,
    )
  }
}
