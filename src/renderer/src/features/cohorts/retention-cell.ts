import { localeOf } from '../../i18n/format'

/**
 * A retention cell's figure: the whole percentage without its sign (the months' heading says "%"),
 * so a cohort's 18 months fit a 960 px window; the cell's title keeps one decimal. Rounding never
 * says what is not so: a few active is "<1", not 0, and all but a few is ">99", not 100.
 */
export function retentionCell(percent: number, language: string): string {
  const whole = Math.round(percent)
  if (percent > 0 && whole === 0) return '<1'
  if (percent < 100 && whole === 100) return '>99'
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 0 }).format(whole)
}
