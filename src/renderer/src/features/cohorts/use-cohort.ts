import type { CoreChannel, RequestOf, ResponseOf } from '../../../../shared/ipc/contract'
import { call } from '../../lib/api'
import { useApiEvent } from '../../lib/use-api-event'
import { useApiQuery, type QueryState } from '../../lib/use-api-query'
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
  const query = useApiQuery(() => call(channel, request), `${channel} ${JSON.stringify(request)}`)
  useApiEvent('data:changed', query.reload)
  return query
}
