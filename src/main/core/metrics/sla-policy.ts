// SLA policy storage (SPEC §3): versions with an effective date (sla_policy_versions), two calendars
// (sla_calendars: '24x7' and 'business' with weekly hours and a zone) and the business calendar's
// holidays (sla_holidays). Versions are append-only: saving a policy adds a version, so an SR keeps
// being judged by the version in force at its created_at. Hours and holidays belong to the calendar,
// not to a version; changing them re-judges every SR whose version uses that calendar.
import { DEFAULT_TIME_ZONE, PRIORITIES, type Priority } from '../../../shared/domain'
import type {
  SlaCalendarKind,
  SlaHoliday,
  SlaOverride,
  SlaTargets,
  SlaWeekHours,
} from '../../../shared/ipc/types-sla'
import type { Store } from '../db/open-database'
import { DEFAULT_WEEK, weekHoursProblem, type WeekHours } from './calendar'
import { writeTransaction } from '../db/write-transaction'

/** SPEC §3 defaults: 24x7, P1 4 h, P2 8 h, P3 24 h, P4 72 h, PENDING pauses the clock. */
export const DEFAULT_TARGETS: SlaTargets = { P1: 4, P2: 8, P3: 24, P4: 72 }

export type StoredPolicyVersion = {
  version: number
  /** Epoch ms; -Infinity for the built-in default. */
  effectiveFrom: number
  calendar: SlaCalendarKind
  targets: SlaTargets
  overrides: SlaOverride[]
  pauseOnPending: boolean
  createdAt: number | null
  changedBy: string | null
}

export type BusinessCalendar = { zone: string; week: WeekHours; holidays: SlaHoliday[] }

export type SlaState = {
  /** Ascending by (effectiveFrom, version); the first is always the built-in default (version 0). */
  versions: StoredPolicyVersion[]
  business: BusinessCalendar
}

/** The built-in version 0, in force before any stored version. */
export const DEFAULT_VERSION: StoredPolicyVersion = {
  version: 0,
  effectiveFrom: Number.NEGATIVE_INFINITY,
  calendar: '24x7',
  targets: DEFAULT_TARGETS,
  overrides: [],
  pauseOnPending: true,
  createdAt: null,
  changedBy: null,
}

const CALENDAR_NAME: Record<SlaCalendarKind, string> = { '24x7': '24x7', business: 'business' }

type VersionRow = {
  version: number
  effective_from: number
  kind: SlaCalendarKind
  targets: string
  overrides: string
  pause_on_pending: number
  created_at: number
  changed_by: string | null
}

/** Reads every policy version, the business calendar and its holidays. */
export function readSlaState(store: Store, defaultZone = DEFAULT_TIME_ZONE): SlaState {
  const rows = store.sqlite
    .prepare(
      `SELECT v.version, v.effective_from, c.kind, v.targets, v.overrides, v.pause_on_pending, v.created_at,
       v.changed_by FROM sla_policy_versions v JOIN sla_calendars c ON c.id = v.calendar_id
       ORDER BY v.effective_from, v.version`,
    )
    .all() as VersionRow[]
  const versions = [
    DEFAULT_VERSION,
    ...rows.map((r) => ({
      version: r.version,
      effectiveFrom: r.effective_from,
      calendar: r.kind,
      targets: parseTargets(r.targets),
      overrides: parseOverrides(r.overrides),
      pauseOnPending: r.pause_on_pending === 1,
      createdAt: r.created_at,
      changedBy: r.changed_by,
    })),
  ]
  const cal = store.sqlite
    .prepare("SELECT id, hours FROM sla_calendars WHERE kind = 'business' LIMIT 1")
    .get() as { id: number; hours: string | null } | undefined
  const { zone, week } = parseHours(cal?.hours ?? null, defaultZone)
  const holidays = cal
    ? (store.sqlite
        .prepare('SELECT day, name, origin FROM sla_holidays WHERE calendar_id = ? ORDER BY day')
        .all(cal.id) as SlaHoliday[])
    : []
  return { versions, business: { zone, week, holidays } }
}

/** The version in force at `at`: the latest effective date ≤ at, the higher version on a tie. */
export function versionAt<T extends { effectiveFrom: number }>(ascending: readonly T[], at: number): T {
  let lo = 0
  let hi = ascending.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((ascending[mid] as T).effectiveFrom <= at) lo = mid
    else hi = mid - 1
  }
  return ascending[lo] as T
}

export type NewPolicyVersion = {
  effectiveFrom: number
  calendar: SlaCalendarKind
  targets: SlaTargets
  overrides: SlaOverride[]
  pauseOnPending: boolean
}

/** Checks a policy before it is stored; returns the first problem or null. */
export function policyProblem(p: NewPolicyVersion): string | null {
  for (const pr of PRIORITIES) {
    const h = p.targets[pr]
    if (!Number.isFinite(h) || h <= 0 || h > 8760)
      return `${pr}: the target must be more than 0 and at most 8760 hours`
  }
  const seen = new Set<string>()
  for (const o of p.overrides) {
    const category = o.category.trim()
    if (!category) return 'A category override needs a category'
    if (!Number.isFinite(o.hours) || o.hours <= 0 || o.hours > 8760) {
      return `${category}: the target must be more than 0 and at most 8760 hours`
    }
    const key = `${category}\u0000${o.priority ?? '*'}`
    if (seen.has(key))
      return `${category} ${o.priority ?? ''}: the same override is given twice`.replace('  ', ' ')
    seen.add(key)
  }
  return null
}

/** Appends a policy version (the next number); returns it. Callers check the admin role first. */
export function insertPolicyVersion(
  store: Store,
  p: NewPolicyVersion,
  meta: { now: number; zone: string; changedBy: string | null },
): number {
  const problem = policyProblem(p)
  if (problem) throw new Error(problem)
  return writeTransaction(store.sqlite, () => {
    const calendarId = ensureCalendar(store, p.calendar, meta.zone, meta.now)
    const row = store.sqlite
      .prepare('SELECT coalesce(max(version), 0) AS v FROM sla_policy_versions')
      .get() as {
      v: number
    }
    const version = row.v + 1
    store.sqlite
      .prepare(
        `INSERT INTO sla_policy_versions (version, effective_from, calendar_id, targets, overrides, pause_on_pending,
         created_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        version,
        p.effectiveFrom,
        calendarId,
        JSON.stringify(p.targets),
        JSON.stringify(p.overrides.map((o) => ({ ...o, category: o.category.trim() }))),
        p.pauseOnPending ? 1 : 0,
        meta.now,
        meta.changedBy,
      )
    return version
  })()
}

/** Sets the business calendar's weekly hours (and the zone they are local to). */
export function setBusinessHours(store: Store, week: WeekHours, zone: string, now: number): void {
  const problem = weekHoursProblem(week)
  if (problem) throw new Error(problem)
  writeTransaction(store.sqlite, () => {
    const id = ensureCalendar(store, 'business', zone, now)
    store.sqlite
      .prepare('UPDATE sla_calendars SET hours = ?, updated_at = ? WHERE id = ?')
      .run(hoursJson(zone, week), now, id)
  })()
}

/** Adds or renames holidays of the business calendar; returns how many were new and renamed. */
export function upsertHolidays(
  store: Store,
  holidays: readonly { day: string; name: string }[],
  origin: SlaHoliday['origin'],
  meta: { zone: string; now: number },
): { added: number; updated: number } {
  return writeTransaction(store.sqlite, () => {
    const id = ensureCalendar(store, 'business', meta.zone, meta.now)
    const find = store.sqlite.prepare('SELECT name FROM sla_holidays WHERE calendar_id = ? AND day = ?')
    const put = store.sqlite.prepare(
      `INSERT INTO sla_holidays (calendar_id, day, name, origin) VALUES (?, ?, ?, ?)
       ON CONFLICT (calendar_id, day) DO UPDATE SET name = excluded.name, origin = excluded.origin`,
    )
    let added = 0
    let updated = 0
    for (const h of holidays) {
      const prev = find.get(id, h.day) as { name: string } | undefined
      if (!prev) added++
      else if (prev.name !== h.name) updated++
      else continue
      put.run(id, h.day, h.name, origin)
    }
    store.sqlite.prepare('UPDATE sla_calendars SET updated_at = ? WHERE id = ?').run(meta.now, id)
    return { added, updated }
  })()
}

/** Removes holidays by local day; returns how many existed. */
export function deleteHolidays(store: Store, days: readonly string[]): number {
  const del = store.sqlite.prepare(
    "DELETE FROM sla_holidays WHERE day = ? AND calendar_id IN (SELECT id FROM sla_calendars WHERE kind = 'business')",
  )
  return writeTransaction(store.sqlite, () => days.reduce((n, d) => n + del.run(d).changes, 0))()
}

function ensureCalendar(store: Store, kind: SlaCalendarKind, zone: string, now: number): number {
  const found = store.sqlite.prepare('SELECT id FROM sla_calendars WHERE kind = ? LIMIT 1').get(kind) as
    { id: number } | undefined
  if (found) return found.id
  const hours = kind === 'business' ? hoursJson(zone, DEFAULT_WEEK) : null
  return Number(
    store.sqlite
      .prepare('INSERT INTO sla_calendars (name, kind, hours, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(CALENDAR_NAME[kind], kind, hours, now, now).lastInsertRowid,
  )
}

// sla_calendars.hours: {"zone": IANA, "days": {"1": [[start, end], …], …, "7": […]}} (1 = Monday).
function hoursJson(zone: string, week: WeekHours): string {
  const days: Record<string, (readonly [number, number])[]> = {}
  week.forEach((d, i) => (days[String(i + 1)] = [...d]))
  return JSON.stringify({ zone, days })
}

function parseHours(text: string | null, defaultZone: string): { zone: string; week: SlaWeekHours } {
  const fallback = {
    zone: defaultZone,
    week: DEFAULT_WEEK.map((d) => d.map(([s, e]) => [s, e] as [number, number])),
  }
  if (!text) return fallback
  try {
    const parsed = JSON.parse(text) as { zone?: unknown; days?: Record<string, unknown> } & Record<
      string,
      unknown
    >
    // Also accept the bare weekday map the schema comment describes.
    const days = (parsed.days ?? parsed) as Record<string, unknown>
    const week: SlaWeekHours = []
    for (let d = 1; d <= 7; d++) {
      const list = Array.isArray(days[String(d)]) ? (days[String(d)] as unknown[]) : []
      week.push(
        list
          .filter((iv): iv is [number, number] => Array.isArray(iv) && iv.length === 2)
          .map(([s, e]) => [Number(s), Number(e)]),
      )
    }
    if (weekHoursProblem(week)) return fallback
    return { zone: typeof parsed.zone === 'string' ? parsed.zone : defaultZone, week }
  } catch {
    return fallback
  }
}

function parseTargets(text: string): SlaTargets {
  const parsed = JSON.parse(text) as Partial<Record<Priority, unknown>>
  const out = { ...DEFAULT_TARGETS }
  for (const p of PRIORITIES) {
    const v = Number(parsed[p])
    if (Number.isFinite(v) && v > 0) out[p] = v
  }
  return out
}

function parseOverrides(text: string): SlaOverride[] {
  const parsed = JSON.parse(text) as unknown
  if (!Array.isArray(parsed)) return []
  return parsed.flatMap((o: { category?: unknown; priority?: unknown; hours?: unknown }) => {
    const hours = Number(o.hours)
    if (typeof o.category !== 'string' || !Number.isFinite(hours) || hours <= 0) return []
    const priority = PRIORITIES.includes(o.priority as Priority) ? (o.priority as Priority) : null
    return [{ category: o.category, priority, hours }]
  })
}
