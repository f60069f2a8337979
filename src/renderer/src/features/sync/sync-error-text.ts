// A failed sync or connection test in the UI's language: its reason code worded from
// sync-error-messages.ts (syncErrors.reasons), a core reason (no token stored) as api-error-text.ts
// words it, else the core's English message (no reason: an entry from before reasons were kept, a
// failure nothing sorts; or a code this renderer does not know).
import type { TFunction } from 'i18next'
import { API_ERROR_REASON_CODES } from '../../../../shared/ipc/error-reasons'
import { SYNC_ERROR_REASON_CODES, type SyncFailureReason } from '../../../../shared/ipc/sync-error-reasons'
import { formatCount } from '../../i18n/format'
import { apiErrorText } from '../../lib/api-error-text'

const SYNC_CODES: ReadonlySet<string> = new Set(SYNC_ERROR_REASON_CODES)
const API_CODES: ReadonlySet<string> = new Set(API_ERROR_REASON_CODES)

/** The wording of a failure with `reason` and English `message`, in the language `t` speaks. */
export function syncErrorText(
  t: TFunction,
  reason: SyncFailureReason | null | undefined,
  message: string,
  language: string,
): string {
  if (!reason) return message
  if (API_CODES.has(reason.code) && !SYNC_CODES.has(reason.code))
    return apiErrorText({ message, reason: reason as never }, t, language)
  if (!SYNC_CODES.has(reason.code)) return message
  const params: Record<string, string> = {}
  for (const [k, v] of Object.entries(reason.params ?? {}))
    params[k] = typeof v === 'number' && k !== 'status' ? formatCount(v, language) : String(v)
  // The data being read, named as the Sync screen names it (기관, 서비스 요청 …).
  if (params['entity'])
    params['entity'] = inSentence(t(`sync.entities.${params['entity']}`, { defaultValue: params['entity'] }))
  const parts = [t(`syncErrors.reasons.${reason.code}`, { ...params, defaultValue: message })]
  // Said once for every code: the server's own words, how often it was tried, and where.
  if (params['said']) parts.push(t('syncErrors.said', params))
  if (params['attempts']) parts.push(t('syncErrors.attempts', params))
  if (params['source']) {
    const kind = params['kind'] ? t(`syncErrors.kinds.${params['kind']}`, { defaultValue: '' }) : ''
    parts.push(t(params['entity'] ? 'syncErrors.whereEntity' : 'syncErrors.whereSource', { ...params, kind }))
  }
  return parts.join(' ')
}

/** A label as a word inside a sentence: 'Service requests' → 'service requests'; 'SR events' stays. */
function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label
}
