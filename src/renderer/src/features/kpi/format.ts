// Presentation helpers of KPI figures: values with up to 2 decimals (SPEC §3), unit labels per language.
import { localeOf } from '../../i18n/format'

/** A KPI value with grouping and up to 2 decimals; '—' for no value. */
export function formatKpiValue(value: number | null, language: string): string {
  if (value === null) return '—'
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 }).format(value)
}

/** An achievement percentage with exactly 1 decimal (SPEC §3); '—' for none. */
export function formatPct(value: number | null, language: string): string {
  if (value === null) return '—'
  return new Intl.NumberFormat(localeOf(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value)
}

/** A value followed by its (translated) unit; '%' sticks to the number. */
export function withUnit(value: string, unit: string): string {
  return unit === '%' ? `${value}%` : `${value} ${unit}`
}

const KNOWN_UNITS = new Set(['hours', '건', '회', '명', '%'])
/** Units that count something: their word follows the number (English "1 SR", "2 SRs"). */
export const COUNTED_UNITS: ReadonlySet<string> = new Set(['건', '회', '명'])

/** The i18n key of a known unit, or null to show the admin's own unit text. */
export function unitKey(unit: string): string | null {
  return KNOWN_UNITS.has(unit) ? `kpiBoard.units.${unit}` : null
}

/** The last local day of a period from its exclusive end ("2026-04-01T00:00+09:00" → "2026-03-31"). */
export function lastDayOf(periodEnd: string): string {
  const day = Date.parse(`${periodEnd.slice(0, 10)}T00:00:00Z`) - 86_400_000
  return new Date(day).toISOString().slice(0, 10)
}
