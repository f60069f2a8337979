// Number formats of the BI charts, per UI language (counts and hours come from i18n/format.ts).
import { localeOf } from '../i18n/format'

/** A percentage with one decimal (SPEC §3), without the % sign: 95.0, 100.0. */
export function formatPct(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value)
}

/** Axis ticks: whole numbers with grouping, compact above ten thousand (1.2만 / 12K). */
export function formatTick(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), {
    notation: Math.abs(value) >= 10_000 ? 'compact' : 'standard',
    maximumFractionDigits: 1,
  }).format(value)
}

/** A bucket label for an axis: days lose their year (03-18), other labels stay as the server wrote them. */
export function shortBucketLabel(label: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(label) ? label.slice(5) : label
}
