import type { CoreChannel, RequestOf, ResponseOf } from '../../../../shared/ipc/contract'
import { call } from '../../lib/api'
import type { QueryState } from '../../lib/use-api-query'
import { useLiveQuery } from '../../lib/use-live-query'
import type { ConsoleFilters } from '../../screens'

type CohortChannel = Extract<CoreChannel, `cohort:${string}`>

/** The console's filters as a cohort request: tenants (none = all) and the local-day range. */
export function cohortFilter(filters: ConsoleFilters): { tenants?: string[]; from?: string; to?: string } {
  return {
    ...(filters.tenants.length > 0 ? { tenants: filters.tenants } : {}),
    ...(filters.range ? { from: filters.range.from, to: filters.range.to } : {}),
  }
}

/** One cohort channel's answer for `request`, refetched when the request or the data changes. */
export function useCohort<C extends CohortChannel>(
  channel: C,
  request: RequestOf<C>,
): QueryState<ResponseOf<C>> {
  return useLiveQuery(() => call(channel, request), `${channel} ${JSON.stringify(request)}`)
}
