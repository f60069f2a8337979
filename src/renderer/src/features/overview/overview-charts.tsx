import type { BiFilter } from '../../../../shared/ipc/define'
import type { OpenDrillDown } from '../../components/use-drill-down'
import { CategoryPanel } from './category-panel'
import { FunnelPanel } from './funnel-panel'
import { MttrPanel } from './mttr-panel'
import { TrendPanel } from './trend-panel'

/** The Overview's charts under the cards, all on the header's range and tenants. */
export function OverviewCharts({ filter, openDrill }: { filter: BiFilter; openDrill: OpenDrillDown }) {
  return (
    <div className="bi-grid" data-testid="overview-charts">
      <div className="bi-wide">
        <TrendPanel filter={filter} openDrill={openDrill} />
      </div>
      <CategoryPanel filter={filter} openDrill={openDrill} />
      <FunnelPanel filter={filter} openDrill={openDrill} />
      <div className="bi-wide">
        <MttrPanel filter={filter} openDrill={openDrill} />
      </div>
    </div>
  )
}
