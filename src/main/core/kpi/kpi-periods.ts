// KPI periods (DAILY/WEEKLY/MONTHLY) on top of the metrics module's zone-aware periods.
import { DateTime } from 'luxon'
import type { KpiPeriod } from '../../../shared/ipc/types-kpi'
import { periodContaining, type Granularity, type Period } from '../metrics/periods'

export const GRANULARITY: Record<KpiPeriod, Granularity> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month' }

/**
 * How far back a calculation fills in: about 13 months of days, 3 years of weeks, 5 years of
 * months, so a first calculation over years of synced data stays bounded.
 */
export const BACKFILL_LIMIT: Record<KpiPeriod, number> = { DAILY: 400, WEEKLY: 160, MONTHLY: 60 }

/** The KPI period containing `ms` in `zone`. */
export function kpiPeriodContaining(ms: number, period: KpiPeriod, zone: string): Period {
  return periodContaining(ms, GRANULARITY[period], zone)
}

/** The start of the period `count` periods before the one containing `ms`. */
export function periodsBefore(ms: number, period: KpiPeriod, count: number, zone: string): number {
  const start = DateTime.fromMillis(kpiPeriodContaining(ms, period, zone).start, { zone })
  const unit = { DAILY: 'days', WEEKLY: 'weeks', MONTHLY: 'months' }[period]
  return start.minus({ [unit]: count }).toMillis()
}
