// A failed sync or connection test in the UI's language: its reason code worded from
// sync-error-messages.ts (syncErrors.reasons), a core reason (no token stored) as api-error-text.ts
// words it, else the core's English message (no reason: an entry from before reasons were kept, a
// failure nothing sorts; or a code this renderer does not know).
import type { TFunction } from 'i18next'
import { API_ERROR_REASON_CODES } from '../../../../shared/ipc/error-reasons'
import {
  ITSM_FIELD_PROBLEM_CODES,
  NETWORK_DETAIL_CODES,
  SERVICENOW_ROW_PROBLEM_CODES,
  SYNC_ERROR_REASON_CODES,
  type ServiceNowRecordProblem,
  type SyncFailureReason,
} from '../../../../shared/ipc/sync-error-reasons'
import { formatCount } from '../../i18n/format'
import { COUNTED_REASONS } from './sync-error-messages'
import { apiErrorText } from '../../lib/api-error-text'

/** Numbers that are names, not counts: shown as they are (6000, not 6,000). */
const PLAIN_NUMBERS: ReadonlySet<string> = new Set(['status', 'port', 'exitCode'])
const SYNC_CODES: ReadonlySet<string> = new Set(SYNC_ERROR_REASON_CODES)
const API_CODES: ReadonlySet<string> = new Set(API_ERROR_REASON_CODES)

/** The wording of a failure with `reason` and English `message`, in the language `t` speaks. */
export function syncErrorText(
  t: TFunction,
  reason: SyncFailureReason | null | undefined,
  message: string,
  language: string,
): string {
  const text = failureText(t, reason, message, language)
  // A run that failed after skipping collections refused to the account (403) says them after why it
  // failed, as its English message does (only a translated text: the English message has it already).
  const refused = reason?.params?.['refused']
  if (typeof refused !== 'string' || refused === '' || text === message) return text
  const one = !refused.includes(',')
  return `${text} ${t(one ? 'syncErrors.refusedBeforeOne' : 'syncErrors.refusedBefore', { entities: entityNames(t, refused) })}`
}

/** Entity keys separated by commas, named as the Sync screen names them: "사용자, 기능 사용". */
export function entityNames(t: TFunction, keys: string): string {
  return keys
    .split(',')
    .map((e) => inSentence(t(`sync.entities.${e.trim()}`, { defaultValue: e.trim() })))
    .join(', ')
}

function failureText(
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
    params[k] = typeof v === 'number' && !PLAIN_NUMBERS.has(k) ? formatCount(v, language) : String(v)
  // An ITSM REST row's field problem in the UI's language (the English `problem` otherwise).
  const issue = params['issue']
  if (issue && FIELD_CODES.has(issue)) {
    const type = (name: string | undefined): string =>
      name ? t(`syncErrors.types.${name}`, { defaultValue: name }) : ''
    params['problem'] = t(`syncErrors.fieldProblems.${issue}`, {
      ...params,
      expected: type(params['expected']),
      received: type(params['received']),
    })
  }
  // ServiceNow records that cannot be read, worded one by one (the English `detail` otherwise).
  const records = recordProblems(reason.params?.['records'])
  if (records) {
    const more = Number(reason.params?.['more'] ?? 0)
    params['detail'] =
      records.map((r) => recordText(t, r)).join('; ') +
      (more > 0 ? ` ${t('syncErrors.recordsMore', { count: more, more: formatCount(more, language) })}` : '')
  }
  // A network or certificate failure's detail in the UI's language, with the code kept for support.
  const detailCode = params['detailCode']
  if (detailCode && DETAIL_CODES.has(detailCode))
    params['detail'] = t('syncErrors.detailCoded', {
      text: t(`syncErrors.details.${detailCode}`, { hostname: '', host: '', altnames: '', ...params }),
      code: detailCode,
    })
  // A worker that exited: its exit code, said in the UI's language.
  if (params['exitCode'] !== undefined) params['detail'] = t('syncErrors.exitCode', params)
  // A web page's title, when it has one, in brackets after the address.
  if (reason.code === 'html_page') params['titled'] = params['title'] ? t('syncErrors.titled', params) : ''
  // The data being read, named as the Sync screen names it (기관, 서비스 요청 …).
  if (params['entity'])
    params['entity'] = inSentence(t(`sync.entities.${params['entity']}`, { defaultValue: params['entity'] }))
  // Collections refused to the account (entity keys separated by commas), named as the Sync screen names them.
  if (params['entities']) params['entities'] = entityNames(t, params['entities'])
  // A reason said with a counted noun takes its number as the count ("1 record", "2 records").
  const countParam: string | undefined = COUNTED_REASONS[reason.code as keyof typeof COUNTED_REASONS]
  const count = countParam === undefined ? undefined : countOf(reason.params?.[countParam])
  const parts = [
    t(`syncErrors.reasons.${reason.code}`, {
      ...params,
      ...(count === undefined ? {} : { count }),
      defaultValue: message,
    }),
  ]
  // Said once for every code: the server's own words, how often it was tried, and where.
  if (params['said']) parts.push(t('syncErrors.said', params))
  const attempts = countOf(reason.params?.['attempts'])
  if (attempts) parts.push(t('syncErrors.attempts', { count: attempts }))
  if (params['source']) {
    const kind = params['kind'] ? t(`syncErrors.kinds.${params['kind']}`, { defaultValue: '' }) : ''
    parts.push(t(params['entity'] ? 'syncErrors.whereEntity' : 'syncErrors.whereSource', { ...params, kind }))
  }
  // Collections an ITSM REST connection's account may not read: how to turn them off for it.
  if (reason.code === 'collections_refused' && params['skip'])
    parts.push(t('syncErrors.refusedSkipAdvice', params))
  return parts.join(' ')
}

/** A param that is a count, as a number (a sync-log entry may hold it as text); else undefined. */
function countOf(value: string | number | undefined): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined
}

/** A label as a word inside a sentence: 'Service requests' → 'service requests'; 'SR events' stays. */
function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label
}

const ROW_CODES: ReadonlySet<string> = new Set(SERVICENOW_ROW_PROBLEM_CODES)
const FIELD_CODES: ReadonlySet<string> = new Set(ITSM_FIELD_PROBLEM_CODES)
const DETAIL_CODES: ReadonlySet<string> = new Set(NETWORK_DETAIL_CODES)

/** The records param read back; null when absent or not what the core writes (then `detail` shows). */
function recordProblems(param: string | number | undefined): ServiceNowRecordProblem[] | null {
  if (typeof param !== 'string') return null
  try {
    const list = JSON.parse(param) as unknown
    if (!Array.isArray(list) || list.length === 0) return null
    const ok = list.every(
      (r: Partial<ServiceNowRecordProblem> | null) =>
        typeof r === 'object' &&
        r !== null &&
        typeof r.sysId === 'string' &&
        typeof r.field === 'string' &&
        typeof r.code === 'string' &&
        ROW_CODES.has(r.code),
    )
    return ok ? (list as ServiceNowRecordProblem[]) : null
  } catch {
    return null
  }
}

/** "레코드 abc(INC001), 필드 opened_at: …" in the UI's language. */
function recordText(t: TFunction, r: ServiceNowRecordProblem): string {
  const params = { ...r.params }
  if ((r.code === 'unknown_state' || r.code === 'unknown_priority') && !params['label'])
    params['label'] = t('syncErrors.noLabel')
  // A priority refused before priority maps was named without the codes known: they were 1..5.
  if (r.code === 'unknown_priority' && !params['mapped']) params['mapped'] = '1, 2, 3, 4, 5'
  const problem = t(`syncErrors.rowProblems.${r.code}`, params)
  return t(r.number ? 'syncErrors.recordNumbered' : 'syncErrors.record', {
    sysId: r.sysId,
    number: r.number ?? '',
    field: r.field,
    problem,
  })
}
