// The General form's draft and its validation, kept apart from the markup.
import { isValidTimeZone, type Language } from '../../../../shared/domain'
import type { AppSettingsPatch, AppSettings, Theme } from '../../../../shared/settings'

export const COMMON_TIME_ZONES = [
  'Asia/Seoul',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Singapore',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
] as const

/** The select's value for "type a zone". */
export const OTHER_ZONE = 'other'

export type Draft = {
  language: Language
  theme: Theme
  zoneChoice: string
  zoneCustom: string
  syncInterval: string
}

export type FieldName = 'language' | 'theme' | 'timeZone' | 'syncIntervalMinutes' | 'reportFolder'
/** Field → message (already translated, or the server's text). */
export type FieldErrors = Partial<Record<FieldName, string>>

export function toDraft(settings: AppSettings): Draft {
  const common = (COMMON_TIME_ZONES as readonly string[]).includes(settings.timeZone)
  return {
    language: settings.language,
    theme: settings.theme,
    zoneChoice: common ? settings.timeZone : OTHER_ZONE,
    zoneCustom: common ? '' : settings.timeZone,
    syncInterval: String(settings.syncIntervalMinutes),
  }
}

export function draftTimeZone(draft: Draft): string {
  return draft.zoneChoice === OTHER_ZONE ? draft.zoneCustom.trim() : draft.zoneChoice
}

/**
 * Checks what the browser can check before saving; the server validates again with the shared
 * schema and its issues are shown the same way.
 */
export function validateDraft(
  draft: Draft,
  messages: { timeZone: string; syncInterval: string },
): { patch: AppSettingsPatch; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const timeZone = draftTimeZone(draft)
  if (!isValidTimeZone(timeZone)) errors.timeZone = messages.timeZone
  const minutes = Number(draft.syncInterval)
  if (!/^\d+$/.test(draft.syncInterval.trim()) || minutes < 1 || minutes > 1440)
    errors.syncIntervalMinutes = messages.syncInterval
  return {
    patch: { language: draft.language, theme: draft.theme, timeZone, syncIntervalMinutes: minutes },
    errors,
  }
}

/** Maps the BAD_REQUEST envelope's issues (path = field name) onto the form. */
export function issuesToFieldErrors(issues: { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const field = issue.path.split('.')[0]
    if (isFieldName(field)) errors[field] ??= issue.message
  }
  return errors
}

function isFieldName(value: string | undefined): value is FieldName {
  return (
    value === 'language' ||
    value === 'theme' ||
    value === 'timeZone' ||
    value === 'syncIntervalMinutes' ||
    value === 'reportFolder'
  )
}
