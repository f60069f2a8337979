// Response and request shapes of the SLA policy channels (SPEC §3), shared by core and renderer.
import type { Priority } from '../domain'

export type SlaCalendarKind = '24x7' | 'business'
/** Hours per priority. */
export type SlaTargets = Record<Priority, number>
/** A category's own target, for one priority or (priority null) for all of them. */
export type SlaOverride = { category: string; priority: Priority | null; hours: number }
/** Opening intervals per ISO weekday, index 0 = Monday … 6 = Sunday; minutes from local midnight, [start, end). */
export type SlaWeekHours = [number, number][][]

export type SlaPolicyVersionView = {
  /** 0 is the built-in default, in force until the first stored version's effective date. */
  version: number
  /** Local day (workspace zone) from which the version judges newly created SRs; null for the built-in default. */
  effectiveFrom: string | null
  calendar: SlaCalendarKind
  targets: SlaTargets
  overrides: SlaOverride[]
  pauseOnPending: boolean
  /** ISO instant of the save; null for the built-in default. */
  createdAt: string | null
  changedBy: string | null
}

export type SlaHoliday = { day: string; name: string; origin: 'manual' | 'ical' }

export type SlaPolicyResponse = {
  /** The version in force now. */
  current: SlaPolicyVersionView
  /** Every version, newest first, ending with the built-in default (version 0). */
  versions: SlaPolicyVersionView[]
  business: { zone: string; week: SlaWeekHours; holidays: SlaHoliday[] }
  /** The workspace zone effective dates and holidays are read in. */
  timeZone: string
  /** Today's local date in that zone (the core's clock): the default effective date of a new version. */
  today: string
}

/** What a change did to the stored judgements (SRs re-judged after it). */
export type SlaChangeResult = {
  policy: SlaPolicyResponse
  rejudged: number
  rejudgeMs: number
}

export type SlaImportResult = SlaChangeResult & {
  /** Holidays new to the calendar, and existing ones whose name changed. */
  added: number
  updated: number
  events: number
  skippedTimed: number
}

export type SlaRejudgeProgress = { done: number; total: number }
