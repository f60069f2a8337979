// A failed call in the UI's language: the error's reason code worded from api-error-messages.ts
// (apiErrors.reasons), else the core's English message (no reason, or a code this renderer does not
// know: a main process older or newer than it).
import type { TFunction } from 'i18next'
import { API_ERROR_REASON_CODES, type ApiErrorReason } from '../../../shared/ipc/error-reasons'
import { formatCount } from '../i18n/format'

const KNOWN: ReadonlySet<string> = new Set(API_ERROR_REASON_CODES)
const STORE_FAILURES: ReadonlySet<string> = new Set([
  'store_full',
  'store_io',
  'store_readonly',
  'store_damaged',
])

/** What the wording needs of an error: an ApiError, an ApiClientError, a preview's problem. */
export type ReasonedError = { message: string; reason?: ApiErrorReason | null | undefined }

/** The wording of `error` in the language `t` speaks (`language` formats the numbers). */
export function apiErrorText(error: ReasonedError, t: TFunction, language: string): string {
  const reason = error.reason
  if (!reason || !KNOWN.has(reason.code)) return error.message
  const params: Record<string, string> = {}
  // A store failure (store_full …) the core could not name the workspace folder of says "the workspace".
  if (STORE_FAILURES.has(reason.code)) params['dir'] = t('apiErrors.workspaceFolder')
  for (const [k, v] of Object.entries(reason.params ?? {})) params[k] = param(k, v, t, language)
  const text = t(`apiErrors.reasons.${reason.code}`, { ...params, defaultValue: error.message })
  return params['otherSheets'] ? `${text} ${t('apiErrors.otherSheets', params)}` : text
}

/** Anything thrown at a call: an error with a reason is worded, another shows its message. */
export function errorText(err: unknown, t: TFunction, language: string): string {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string')
    return apiErrorText(err as ReasonedError, t, language)
  return String(err)
}

/** True when the wording of `error` names its file (so a caller need not say which file it was). */
export function namesFile(error: unknown): boolean {
  const reason = (error as { reason?: ApiErrorReason | null } | null)?.reason
  return !!reason && KNOWN.has(reason.code) && typeof reason.params?.['file'] === 'string'
}

function param(key: string, value: string | number, t: TFunction, language: string): string {
  if (typeof value === 'number') return formatCount(value, language)
  if (key === 'column') return columnRef(value, t)
  // A list of canonical columns ("id, tenant") names each; other items stay as they are.
  if (key === 'columns')
    return value
      .split(', ')
      .map((c) => columnRef(c, t))
      .join(', ')
  if (key === 'secret') return t(`apiErrors.secretKinds.${value}`, { defaultValue: value })
  return value
}

/** A canonical column as the wording names it: "상태(status)" in Korean, "status" in English. */
export function columnRef(column: string, t: TFunction): string {
  const label = t(`importWizard.columnNames.${column}`, { defaultValue: '' })
  return label ? t('importWizard.columnRef', { label, column }) : column
}
