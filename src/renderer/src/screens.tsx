// The console's screens, in menu order. Each area registers its screen here (one entry); the console
// window renders the selected one with the shared filters (tenants, date range).
import type { ComponentType } from 'react'
import { OverviewRoute } from './features/overview/overview-route'

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
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'overview', navKey: 'nav.overview', Component: OverviewRoute },
]
