// Pure form helpers of Settings → SLA: drafts as the inputs hold them (strings), validation with
// message keys, and conversion to the channel requests. The core validates again.
import type { Priority } from '../../../../shared/domain'
import type { SlaOverride, SlaPolicyVersionView, SlaWeekHours } from '../../../../shared/ipc/types-sla'

export const PRIORITY_LIST: readonly Priority[] = ['P1', 'P2', 'P3', 'P4']

export type OverrideDraft = { category: string; priority: Priority | ''; hours: string }
export type PolicyDraft = {
  effectiveFrom: string
  calendar: '24x7' | 'business'
  targets: Record<Priority, string>
  overrides: OverrideDraft[]
  pauseOnPending: boolean
}
/** Field → message key (slaSettings.errors.*). */
export type PolicyErrors = Partial<Record<string, string>>

export function toPolicyDraft(v: SlaPolicyVersionView, today: string): PolicyDraft {
  return {
    effectiveFrom: today,
    calendar: v.calendar,
    targets: {
      P1: String(v.targets.P1),
      P2: String(v.targets.P2),
      P3: String(v.targets.P3),
      P4: String(v.targets.P4),
    },
    overrides: v.overrides.map((o) => ({
      category: o.category,
      priority: o.priority ?? '',
      hours: String(o.hours),
    })),
    pauseOnPending: v.pauseOnPending,
  }
}

function hoursValue(text: string): number | null {
  const n = Number(text.trim())
  return text.trim() !== '' && Number.isFinite(n) && n > 0 && n <= 8760 ? n : null
}

/** Validates a policy draft; returns the request or the errors by field. */
export function validatePolicy(d: PolicyDraft):
  | {
      ok: true
      request: {
        effectiveFrom: string
        calendar: '24x7' | 'business'
        targets: Record<Priority, number>
        overrides: SlaOverride[]
        pauseOnPending: boolean
      }
    }
  | { ok: false; errors: PolicyErrors } {
  const errors: PolicyErrors = {}
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.effectiveFrom) || Number.isNaN(Date.parse(d.effectiveFrom)))
    errors.effectiveFrom = 'date'
  const targets = { P1: 0, P2: 0, P3: 0, P4: 0 }
  for (const p of PRIORITY_LIST) {
    const v = hoursValue(d.targets[p])
    if (v === null) errors[`target-${p}`] = 'target'
    else targets[p] = v
  }
  const seen = new Set<string>()
  const overrides: SlaOverride[] = []
  d.overrides.forEach((o, i) => {
    const category = o.category.trim()
    if (!category) errors[`override-${i}`] = 'category'
    const v = hoursValue(o.hours)
    if (v === null) errors[`override-${i}`] ??= 'target'
    const key = `${category}\u0000${o.priority}`
    if (category && seen.has(key)) errors[`override-${i}`] = 'duplicate'
    seen.add(key)
    overrides.push({ category, priority: o.priority === '' ? null : o.priority, hours: v ?? 0 })
  })
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    request: {
      effectiveFrom: d.effectiveFrom,
      calendar: d.calendar,
      targets,
      overrides,
      pauseOnPending: d.pauseOnPending,
    },
  }
}

const pad = (n: number) => String(n).padStart(2, '0')
const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`

/** One weekday's intervals as the input shows them: "09:00-12:00, 13:00-18:00". */
export function formatDay(intervals: readonly (readonly [number, number])[]): string {
  return intervals.map(([s, e]) => `${hhmm(s)}-${hhmm(e)}`).join(', ')
}

function minutes(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null
  return h * 60 + min
}

/** Parses the seven weekday inputs; errors by weekday index (message keys). */
export function parseWeek(
  days: readonly string[],
): { ok: true; week: SlaWeekHours } | { ok: false; errors: Record<number, string> } {
  const errors: Record<number, string> = {}
  const week: SlaWeekHours = []
  let total = 0
  days.forEach((text, i) => {
    const parts = text
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '')
    const day: [number, number][] = []
    for (const p of parts) {
      const [a = '', b = ''] = p.split(/[-–~]/)
      const s = minutes(a)
      const e = minutes(b)
      if (s === null || e === null || s >= e) {
        errors[i] = 'hours'
        return
      }
      day.push([s, e])
    }
    day.sort((x, y) => x[0] - y[0])
    for (let k = 1; k < day.length; k++)
      if ((day[k]?.[0] ?? 0) < (day[k - 1]?.[1] ?? 0)) errors[i] = 'overlap'
    total += day.reduce((n, [s, e]) => n + e - s, 0)
    week.push(day)
  })
  if (Object.keys(errors).length === 0 && total === 0) errors[0] = 'noHours'
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, week }
}
