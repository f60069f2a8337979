import type { TFunction } from 'i18next'
import { formatCount, formatDateTime } from '../../i18n/format'

/** An epoch-ms instant as local wall time in the workspace zone. */
export function formatInstant(
  ms: number | null | undefined,
  timeZone: string,
  language: string,
): string | null {
  return ms === null || ms === undefined
    ? null
    : formatDateTime(new Date(ms).toISOString(), timeZone, language)
}

/** A short duration: "45초" / "2분 5초" / "1시간 3분" (en: 45 s, 2 min 5 s, 1 h 3 min). */
export function formatDuration(ms: number, language: string): string {
  const s = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  const ko = language !== 'en'
  const unit = { h: ko ? '시간' : ' h', m: ko ? '분' : ' min', s: ko ? '초' : ' s' }
  if (h > 0) return `${h}${unit.h} ${m}${unit.m}`
  if (m > 0) return `${m}${unit.m} ${sec}${unit.s}`
  return `${sec}${unit.s}`
}

export function formatRate(rate: number, language: string): string {
  return formatCount(Math.round(rate), language)
}

/**
 * A retry that asks for a smaller page (the page timed out): "… 1,000건 대신 500건을 요청합니다." / "… asks
 * for 500 rows instead of 1,000."
 */
export function retryPageRowsText(
  t: TFunction,
  rows: { from: number; to: number },
  language: string,
): string {
  return t('sync.retryPageRows', { count: rows.to, from: formatCount(rows.from, language) })
}
