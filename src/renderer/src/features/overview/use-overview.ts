import type { OverviewResponse } from '../../../../shared/ipc/types'
import { call } from '../../lib/api'
import type { QueryState } from '../../lib/use-api-query'
import { useLiveQuery } from '../../lib/use-live-query'

/**
 * The overview for the selected tenants (none = all), refetched whenever the data changes. Labels
 * are translated by card key in the renderer, so a language switch needs no refetch.
 */
export function useOverview(tenants: string[]): QueryState<OverviewResponse> {
  return useLiveQuery(
    () => call('bi:overview', tenants.length > 0 ? { tenants } : {}),
    JSON.stringify(tenants),
  )
}
