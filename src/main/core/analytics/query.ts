// Turns a BI filter from any caller (IPC, CLI, harness) into resolved instants and zone.
import type { BiFilter } from '../../../shared/ipc/contract'
import type { Language } from '../../../shared/domain'
import { CoreError } from '../errors'
import { parseInstant, startOfLocalDay, startOfNextLocalDay } from '../metrics/periods'

export type ResolvedQuery = {
  asOf: number
  zone: string
  lang: Language
  /** Tenant names to keep; null = all tenants. */
  tenants: string[] | null
  /** [from, to) in epoch ms when a date range was given (local days, both inclusive). */
  range: { start: number; end: number } | null
}

type Defaults = { now: () => number; settings: () => { timeZone: string; language: Language } }

/** Resolves as-of, zone, language, tenants and the date range of a BI request. */
export function resolveQuery(filter: BiFilter, defaults: Defaults): ResolvedQuery {
  const settings = defaults.settings()
  const zone = filter.timeZone ?? settings.timeZone
  let asOf: number
  try {
    asOf = filter.asOf !== undefined ? parseInstant(filter.asOf, zone) : defaults.now()
  } catch (err) {
    throw new CoreError('BAD_REQUEST', (err as Error).message)
  }
  let range: ResolvedQuery['range'] = null
  if (filter.from !== undefined || filter.to !== undefined) {
    if (filter.from === undefined || filter.to === undefined) {
      throw new CoreError('BAD_REQUEST', 'Give both from and to (local days, both inclusive)')
    }
    const start = startOfLocalDay(filter.from, zone)
    const end = startOfNextLocalDay(filter.to, zone)
    if (end <= start) throw new CoreError('BAD_REQUEST', `from (${filter.from}) is after to (${filter.to})`)
    range = { start, end }
  }
  const tenants = filter.tenants && filter.tenants.length > 0 ? [...new Set(filter.tenants)] : null
  return { asOf, zone, lang: filter.lang ?? settings.language, tenants, range }
}
