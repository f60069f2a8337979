import { useTranslation } from 'react-i18next'
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract'
import type { BiFilter } from '../../../shared/ipc/define'
import { LANGUAGES, type Language } from '../../../shared/domain'
import { call } from '../lib/api'
import type { QueryState } from '../lib/use-api-query'
import { useLiveQuery } from '../lib/use-live-query'
import type { ConsoleFilters } from '../screens'

/** The UI language as the core's `lang` (its labels, e.g. 미배정 / Unassigned, follow it). */
export function useBiLanguage(): Language {
  const { i18n } = useTranslation()
  return LANGUAGES.find((l) => l === i18n.language) ?? 'ko'
}

/** The shared BI filter of a screen's request: the header's range and tenants, in the UI language. */
export function biFilter(filters: ConsoleFilters, lang: Language): BiFilter {
  return {
    ...(filters.range ? { from: filters.range.from, to: filters.range.to } : {}),
    ...(filters.tenants.length > 0 ? { tenants: filters.tenants } : {}),
    lang,
  }
}

type BiChannel = Extract<Channel, `bi:${string}`>

/** One widget's answer for `request`, refetched when the request or the data changes. */
export function useBiQuery<C extends BiChannel>(
  channel: C,
  request: RequestOf<C>,
): QueryState<ResponseOf<C>> {
  return useLiveQuery(() => call(channel, request), `${channel} ${JSON.stringify(request)}`)
}
