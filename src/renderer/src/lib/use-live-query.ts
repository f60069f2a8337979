import { useApiEvent } from './use-api-event'
import { useApiQuery, type QueryState } from './use-api-query'

/**
 * useApiQuery for figures drawn from the workspace: also refetched whenever the main process says
 * the data changed (a sync, an import, the demo, an SLA or KPI change).
 */
export function useLiveQuery<T>(load: () => Promise<T>, key: string): QueryState<T> {
  const query = useApiQuery(load, key)
  useApiEvent('data:changed', query.reload)
  return query
}
