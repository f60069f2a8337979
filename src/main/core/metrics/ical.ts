// Holiday import from an iCalendar file (RFC 5545), e.g. a Korean public-holiday calendar exported
// from a groupware or Google Calendar. Only all-day VEVENTs matter to an SLA calendar: DTSTART as a
// DATE, DTEND exclusive (or DURATION, or one day), multi-day spans, an optional yearly RRULE with
// COUNT/UNTIL/INTERVAL and EXDATE. Parsed here rather than with a library: the subset is small,
// and each rule below is pinned by a test (test/unit/metrics/ical.test.ts).
import { DateTime } from 'luxon'

export type IcsHoliday = { day: string; name: string }
export type IcsParseResult = {
  holidays: IcsHoliday[]
  /** All-day events read. */
  events: number
  /** Timed (non all-day) events ignored: they do not close a whole day. */
  skippedTimed: number
}

/** A file that is not a usable iCalendar: the message says where and why. */
export class IcsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IcsError'
  }
}

const MAX_EVENT_DAYS = 366

type Prop = { name: string; params: Map<string, string>; value: string; line: number }

/** Unfolds RFC 5545 content lines (CRLF or LF, continuation lines start with a space or tab). */
export function unfoldLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = []
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  raw.forEach((l, i) => {
    const last = out[out.length - 1]
    if ((l.startsWith(' ') || l.startsWith('\t')) && last) last.text += l.slice(1)
    else if (l.length > 0) out.push({ text: l, line: i + 1 })
  })
  return out
}

function parseProp(text: string, line: number): Prop {
  // The value starts at the first ':' outside a quoted parameter value.
  let quoted = false
  let colon = -1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    else if (c === ':' && !quoted) {
      colon = i
      break
    }
  }
  if (colon < 0) throw new IcsError(`Line ${line}: not an iCalendar property ("${text.slice(0, 40)}")`)
  const [name = '', ...paramParts] = text.slice(0, colon).split(';')
  const params = new Map<string, string>()
  for (const p of paramParts) {
    const eq = p.indexOf('=')
    if (eq > 0) params.set(p.slice(0, eq).toUpperCase(), p.slice(eq + 1).replace(/^"|"$/g, ''))
  }
  return { name: name.toUpperCase(), params, value: text.slice(colon + 1), line }
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c)).trim()
}

function parseDate(value: string, line: number, what: string): DateTime {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim())
  const dt = m ? DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, { zone: 'UTC' }) : null
  if (!dt || !dt.isValid) throw new IcsError(`Line ${line}: ${what} "${value}" is not a date (YYYYMMDD)`)
  return dt
}

function isDateProp(p: Prop): boolean {
  return p.params.get('VALUE')?.toUpperCase() === 'DATE' || /^\d{8}$/.test(p.value.trim())
}

type Rule = { interval: number; count: number | null; until: DateTime | null }

function parseRRule(p: Prop): Rule {
  const parts = new Map<string, string>()
  for (const kv of p.value.split(';')) {
    const [k, v] = kv.split('=')
    if (k && v !== undefined) parts.set(k.toUpperCase(), v)
  }
  if (parts.get('FREQ')?.toUpperCase() !== 'YEARLY') {
    throw new IcsError(`Line ${p.line}: only yearly repeating holidays are supported (RRULE ${p.value})`)
  }
  for (const k of parts.keys()) {
    if (!['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYMONTH', 'BYMONTHDAY', 'WKST'].includes(k)) {
      throw new IcsError(`Line ${p.line}: RRULE part ${k} is not supported (holidays on a fixed date only)`)
    }
  }
  const interval = Number(parts.get('INTERVAL') ?? '1')
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null
  if (
    !Number.isInteger(interval) ||
    interval < 1 ||
    (count !== null && (!Number.isInteger(count) || count < 1))
  ) {
    throw new IcsError(`Line ${p.line}: bad INTERVAL or COUNT in RRULE ${p.value}`)
  }
  const untilText = parts.get('UNTIL')
  const until = untilText ? parseDate(untilText.slice(0, 8), p.line, 'UNTIL') : null
  return { interval, count, until }
}

type Event = {
  start: Prop | null
  end: Prop | null
  duration: Prop | null
  summary: string
  rrule: Prop | null
  exdates: Prop[]
  line: number
}

/**
 * Reads the all-day holidays of an iCalendar text. Yearly rules are expanded up to `untilYear`
 * inclusive. Throws IcsError with a line number on anything malformed, so nothing half-read is stored.
 */
export function parseIcsHolidays(text: string, opts: { untilYear: number }): IcsParseResult {
  const lines = unfoldLines(text)
  if (lines[0]?.text.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
    throw new IcsError('Not an iCalendar file: it must start with BEGIN:VCALENDAR')
  }
  const byDay = new Map<string, string>()
  let events = 0
  let skippedTimed = 0
  let ended = false
  let current: Event | null = null
  let nested = 0 // components inside a VEVENT (VALARM …) whose properties are not the event's
  for (const { text: l, line } of lines.slice(1)) {
    const upper = l.toUpperCase()
    if (ended) throw new IcsError(`Line ${line}: content after END:VCALENDAR`)
    if (upper === 'BEGIN:VEVENT') {
      if (current) throw new IcsError(`Line ${line}: BEGIN:VEVENT inside another event`)
      current = { start: null, end: null, duration: null, summary: '', rrule: null, exdates: [], line }
      continue
    }
    if (upper === 'END:VEVENT') {
      if (!current) throw new IcsError(`Line ${line}: END:VEVENT without BEGIN:VEVENT`)
      const days = eventDays(current, opts.untilYear)
      if (days === null) skippedTimed++
      else {
        events++
        for (const day of days) {
          const prev = byDay.get(day)
          byDay.set(day, prev && prev !== current.summary ? `${prev} / ${current.summary}` : current.summary)
        }
      }
      current = null
      continue
    }
    if (upper === 'END:VCALENDAR') {
      if (current)
        throw new IcsError(`Line ${line}: END:VCALENDAR inside an unfinished event (line ${current.line})`)
      ended = true
      continue
    }
    if (!current) continue
    if (upper.startsWith('BEGIN:')) nested++
    else if (upper.startsWith('END:')) nested = Math.max(0, nested - 1)
    if (nested > 0 || upper.startsWith('END:')) continue
    const p = parseProp(l, line)
    if (p.name === 'DTSTART') current.start = p
    else if (p.name === 'DTEND') current.end = p
    else if (p.name === 'DURATION') current.duration = p
    else if (p.name === 'SUMMARY') current.summary = unescapeText(p.value)
    else if (p.name === 'RRULE') current.rrule = p
    else if (p.name === 'EXDATE') current.exdates.push(p)
  }
  if (current) throw new IcsError(`The event starting on line ${current.line} never ends (no END:VEVENT)`)
  if (!ended) throw new IcsError('The file is cut short: END:VCALENDAR is missing')
  if (events === 0) {
    throw new IcsError(
      skippedTimed > 0
        ? `No all-day events found (${skippedTimed} timed events ignored)`
        : 'No events found in the file',
    )
  }
  const holidays = [...byDay.entries()]
    .map(([day, name]) => ({ day, name }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
  return { holidays, events, skippedTimed }
}

/** The local days an all-day event closes, or null for a timed event. */
function eventDays(e: Event, untilYear: number): string[] | null {
  if (!e.start) throw new IcsError(`Line ${e.line}: the event has no DTSTART`)
  if (!isDateProp(e.start)) {
    if (!/^\d{8}T\d{6}Z?$/.test(e.start.value.trim())) {
      throw new IcsError(`Line ${e.start.line}: DTSTART "${e.start.value}" is neither a date nor a date-time`)
    }
    return null
  }
  const start = parseDate(e.start.value, e.start.line, 'DTSTART')
  let length = 1
  if (e.end) {
    const end = parseDate(e.end.value, e.end.line, 'DTEND')
    length = Math.round(end.diff(start, 'days').days)
    if (length < 1) throw new IcsError(`Line ${e.end.line}: DTEND must be after DTSTART (it is exclusive)`)
  } else if (e.duration) {
    const m = /^P(\d+)([DW])$/.exec(e.duration.value.trim())
    if (!m)
      throw new IcsError(`Line ${e.duration.line}: DURATION "${e.duration.value}" must be whole days (P1D)`)
    length = Number(m[1]) * (m[2] === 'W' ? 7 : 1)
    if (length < 1) throw new IcsError(`Line ${e.duration.line}: DURATION must be at least one day`)
  }
  if (length > MAX_EVENT_DAYS)
    throw new IcsError(`Line ${e.start.line}: an event longer than a year is not a holiday`)

  const excluded = new Set<string>()
  for (const x of e.exdates) {
    for (const v of x.value.split(','))
      excluded.add(parseDate(v.slice(0, 8), x.line, 'EXDATE').toISODate() ?? '')
  }
  const starts: DateTime[] = [start]
  if (e.rrule) {
    const rule = parseRRule(e.rrule)
    starts.length = 0
    for (let k = 0; ; k++) {
      const year = start.year + k * rule.interval
      if (year > untilYear || (rule.count !== null && k >= rule.count)) break
      const occ = DateTime.fromObject({ year, month: start.month, day: start.day }, { zone: 'UTC' })
      if (!occ.isValid || occ.day !== start.day) continue // 29 February in a common year: no occurrence
      if (rule.until && occ > rule.until) break
      starts.push(occ)
    }
  }
  const days: string[] = []
  for (const s of starts) {
    if (excluded.has(s.toISODate() ?? '')) continue
    for (let i = 0; i < length; i++) days.push(s.plus({ days: i }).toISODate() ?? '')
  }
  return days
}
