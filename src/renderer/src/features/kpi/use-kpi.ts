import { useState } from 'react'
import type { KpiBoard, KpiCalcProgress, KpiDetail, KpiDrillDown } from '../../../../shared/ipc/types-kpi'
import { call } from '../../lib/api'
import { useApiEvent } from '../../lib/use-api-event'
import { useApiQuery, type QueryState } from '../../lib/use-api-query'
import { useLiveQuery } from '../../lib/use-live-query'

/** The KPI board, refetched whenever data or KPI settings change. */
export function useKpiBoard(): QueryState<KpiBoard> {
  return useLiveQuery(() => call('kpi:list', {}), 'kpi-board')
}

/** A background KPI calculation while it runs (null when none is running). */
export function useKpiCalcProgress(): KpiCalcProgress | null {
  const [progress, setProgress] = useState<KpiCalcProgress | null>(null)
  useApiEvent('kpi:calc-progress', (p) => setProgress(p.done >= p.total ? null : p))
  return progress
}

/** One KPI's definition, versions and history. */
export function useKpiDetail(name: string): QueryState<KpiDetail> {
  return useLiveQuery(() => call('kpi:get', { kpi: name }), `kpi-detail:${name}`)
}

/** The SRs behind one period's value (`day` inside the period; null = the current period). */
export function useKpiDrill(
  name: string,
  day: string | null,
  enabled: boolean,
): QueryState<KpiDrillDown | null> {
  return useApiQuery(
    () =>
      enabled
        ? call('kpi:drill-down', { kpi: name, ...(day ? { period: day } : {}), limit: 100 })
        : Promise.resolve(null),
    `kpi-drill:${name}:${day ?? 'current'}:${enabled}`,
  )
}
