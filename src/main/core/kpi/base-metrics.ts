// What each base metric a KPI may compute is (SPEC §3 metrics and the YouTube channel's figures):
// its natural unit, which filter fields apply, and whether SRs stand behind its value.
import type { KpiBaseMetric, KpiFilter } from '../../../shared/ipc/types-kpi'

export type BaseMetricInfo = {
  /** Where the figures come from. */
  kind: 'sr' | 'deployment' | 'youtube'
  /** The filter fields that make sense for it. */
  filters: readonly (keyof KpiFilter)[]
  /** True for a count/percentage whose SRs a drill-down can list. */
  drillable: boolean
}

const SR_FILTERS = ['tenant', 'category', 'priority'] as const

export const BASE_METRICS: Record<KpiBaseMetric, BaseMetricInfo> = {
  created: { kind: 'sr', filters: SR_FILTERS, drillable: true },
  resolved: { kind: 'sr', filters: SR_FILTERS, drillable: true },
  mttr: { kind: 'sr', filters: SR_FILTERS, drillable: true },
  fcr: { kind: 'sr', filters: SR_FILTERS, drillable: true },
  sla_compliance: { kind: 'sr', filters: SR_FILTERS, drillable: true },
  backlog: { kind: 'sr', filters: SR_FILTERS, drillable: true },
  reopen_rate: { kind: 'sr', filters: SR_FILTERS, drillable: true },
  deploy_success_rate: { kind: 'deployment', filters: ['tenant'], drillable: false },
  yt_views: { kind: 'youtube', filters: [], drillable: false },
  yt_watch_hours: { kind: 'youtube', filters: [], drillable: false },
  yt_net_subscribers: { kind: 'youtube', filters: [], drillable: false },
  yt_engagement_rate: { kind: 'youtube', filters: [], drillable: false },
}
