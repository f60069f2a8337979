// Number and date formatting with Intl, per UI language (SPEC §3: hours to 1 decimal in dashboards).
import type { Language } from '../../../shared/domain'

const LOCALES: Record<Language, string> = { ko: 'ko-KR', en: 'en-US' }

export function localeOf(language: string): string {
  return language === 'en' ? LOCALES.en : LOCALES.ko
}

/** Whole counts with grouping (1,234). */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 0 }).format(value)
}

/** A span of whole seconds in the largest unit that divides it: "15분", "2 hours", "90 seconds". */
export function formatSeconds(seconds: number, language: string): string {
  const [unit, size] =
    seconds % 3600 === 0
      ? (['hour', 3600] as const)
      : seconds % 60 === 0
        ? (['minute', 60] as const)
        : (['second', 1] as const)
  return new Intl.NumberFormat(localeOf(language), { style: 'unit', unit, unitDisplay: 'long' }).format(
    seconds / size,
  )
}

/** Hours with exactly one decimal (12.0, 1,234.5). */
export function formatHours(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value)
}

/** A signed difference: +12, −3, 0. */
export function formatChange(value: number, language: string): string {
  const text = new Intl.NumberFormat(localeOf(language), {
    signDisplay: 'exceptZero',
    maximumFractionDigits: 1,
  }).format(value)
  // A true minus sign reads better than a hyphen next to an arrow.
  return text.replace('-', '\u2212')
}

/**
 * An instant as local wall time in the workspace zone, "2026-03-18 14:05 (GMT+9)": ISO-like order in
 * both languages, which ops staff compare against logs.
 */
export function formatDateTime(iso: string, timeZone: string, language: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const parts = new Intl.DateTimeFormat(localeOf(language), {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${part('timeZoneName')})`
}
