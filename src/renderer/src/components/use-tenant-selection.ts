import { useMemo, useState } from 'react'
import type { TenantSummary } from '../../../shared/ipc/types'
import {
  picksFor,
  selectionNotice,
  updateTenantSelection,
  type TenantPick,
  type TenantSelectionNotice,
} from './tenant-selection'

export type TenantSelectionState = {
  /** The selected tenants' names (none = all), as requests and the filter take them. */
  selected: string[]
  /** The user chose these names in the filter. */
  choose: (names: string[]) => void
  notice: TenantSelectionNotice | null
  dismissNotice: () => void
}

/**
 * The console's institution selection (kept for the session only). When the tenant list is
 * refreshed (after a sync or an import), a selected tenant renamed upstream stays selected under its
 * new name and one that is gone leaves the selection, with a notice either way, instead of a name no
 * tenant has any more filtering every dashboard down to nothing.
 */
export function useTenantSelection(tenants: TenantSummary[] | undefined): TenantSelectionState {
  const [picks, setPicks] = useState<TenantPick[]>([])
  const [notice, setNotice] = useState<TenantSelectionNotice | null>(null)
  // The list the picks were last checked against. A new answer is checked while rendering (React
  // renders again at once with the new picks), so no screen is drawn with a name it no longer has.
  const [checkedAgainst, setCheckedAgainst] = useState(tenants)
  if (tenants !== checkedAgainst) {
    setCheckedAgainst(tenants)
    if (tenants) {
      const update = updateTenantSelection(picks, tenants)
      if (update.changed) setPicks(update.picks)
      // A later refresh that changes nothing leaves a notice standing; one that changes more replaces it.
      const next = selectionNotice(update)
      if (next) setNotice(next)
    }
  }
  const selected = useMemo(() => picks.map((p) => p.name), [picks])
  return {
    selected,
    choose: (names) => {
      setPicks(picksFor(names, tenants ?? []))
      setNotice(null)
    },
    notice,
    dismissNotice: () => setNotice(null),
  }
}
