import { useState } from 'react'
import type { ScreenProps } from '../../screens'
import { KpiBoardScreen } from './kpi-board-screen'
import { KpiDetailView } from './kpi-detail'
import { useKpiBoard } from './use-kpi'
import './kpi.css'

/** The KPI screen: the board, or one KPI's detail. */
export function KpiRoute({ filters }: ScreenProps) {
  const board = useKpiBoard()
  const [open, setOpen] = useState<string | null>(null)
  if (open !== null) return <KpiDetailView name={open} onBack={() => setOpen(null)} />
  return <KpiBoardScreen query={board} tenantsSelected={filters.tenants.length > 0} onOpen={setOpen} />
}
