import { useTranslation } from 'react-i18next'
import type { OverviewCardKey } from '../../../../shared/ipc/types'
import { biFilter, useBiLanguage } from '../../components/use-bi-query'
import { useDrillDown } from '../../components/use-drill-down'
import type { ScreenProps } from '../../screens'
import { OverviewCharts } from './overview-charts'
import { OverviewScreen } from './overview-screen'
import { useOverview } from './use-overview'

/** The Overview screen bound to the console's filters: the cards, then the charts of the range. */
export function OverviewRoute({ filters }: ScreenProps) {
  const { t } = useTranslation()
  const query = useOverview(filters.tenants)
  const lang = useBiLanguage()
  const drill = useDrillDown()
  const filter = biFilter(filters, lang)

  function pickCard(key: OverviewCardKey): void {
    // The cards are "now" figures (open now, resolved this month): the range does not apply to them.
    const tenants = filters.tenants.length > 0 ? { tenants: filters.tenants } : {}
    drill.open({ ...tenants, lang, widget: 'overview', series: key }, t(`cards.${key}`))
  }

  return (
    <>
      <OverviewScreen query={query} tenants={filters.tenants} onPickCard={pickCard} />
      <OverviewCharts filter={filter} openDrill={drill.open} />
      {drill.panel}
    </>
  )
}
