import type { OverviewResponse } from '../../../../shared/ipc/types'
import { call } from '../../lib/api'
import { useApiEvent } from '../../lib/use-api-event'
import { useApiQuery, type QueryState } from '../../lib/use-api-query'

/**
 * The overview for the selected tenants (none = all), refetched whenever the data changes. Labels
 * are translated by card key in the renderer, so a language switch needs no refetch.
 */
export function useOverview(tenants: string[]): QueryState<OverviewResponse> {
  const query = useApiQuery(
    () => call('bi:overview', tenants.length > 0 ? { tenants } : {}),
    JSON.stringify(tenants),
  )
  useApiEvent('data:changed', query.reload)
  return query
}
