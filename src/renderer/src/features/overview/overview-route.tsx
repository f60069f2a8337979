import type { ScreenProps } from '../../screens'
import { OverviewScreen } from './overview-screen'
import { useOverview } from './use-overview'

/** The Overview screen bound to the console's filters. */
export function OverviewRoute({ filters }: ScreenProps) {
  const query = useOverview(filters.tenants)
  return <OverviewScreen query={query} tenants={filters.tenants} />
}
