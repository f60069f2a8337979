// The console's screens, in menu order. Each area registers its screen here (one entry); the console
// window renders the selected one with the shared filters (tenants, date range).
import type { ComponentType } from 'react'
import { CohortsRoute } from './features/cohorts/cohorts-route'
import { EngineersRoute } from './features/engineers/engineers-route'
import { KpiRoute } from './features/kpi/kpi-route'
import { OverviewRoute } from './features/overview/overview-route'
import { SlaRoute } from './features/sla/sla-route'
import { SyncScreen } from './features/sync/sync-screen'

/** Local days, both inclusive, as YYYY-MM-DD (SPEC §11 --from/--to). */
export type DateRange = { from: string; to: string }

/** The filters every dashboard screen honours (SPEC §4): none selected = all tenants, no range = the screen's default. */
export type ConsoleFilters = { tenants: string[]; range: DateRange | null }

export type ScreenProps = { filters: ConsoleFilters }

export type ScreenEntry = {
  id: string
  /** i18n key of the menu label. */
  navKey: string
  Component: ComponentType<ScreenProps>
  /** Shown even while the workspace is empty (the screens that bring data in). */
  worksWhenEmpty?: boolean
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'overview', navKey: 'nav.overview', Component: OverviewRoute },
  { id: 'sla', navKey: 'slaBoard.nav', Component: SlaRoute },
  { id: 'engineers', navKey: 'engineers.nav', Component: EngineersRoute },
  { id: 'kpi', navKey: 'kpiBoard.nav', Component: KpiRoute },
  { id: 'cohorts', navKey: 'cohorts.nav', Component: CohortsRoute },
  { id: 'sync', navKey: 'sync.nav', Component: SyncScreen, worksWhenEmpty: true },
]
