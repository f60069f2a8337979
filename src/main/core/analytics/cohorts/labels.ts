// Words the core puts into cohort responses (the CLI's JSON and text); the renderer translates by key
// with its own messages (src/renderer/src/features/cohorts/messages.ts), the same words.
import type { Language } from '../../../../shared/domain'
import type { BenchmarkMetricKey, ResolutionSpeed } from '../../../../shared/ipc/types-cohorts'

export const COHORT_METRICS: Record<
  Language,
  { tenantGrowth: string; userRetention: string; srResolution: string; featureAdoption: string }
> = {
  ko: {
    tenantGrowth: 'SR 건수 (도입 후 개월)',
    userRetention: '사용자 리텐션 (%)',
    srResolution: 'SR 해결 시간 (시간)',
    featureAdoption: '기능 도입 (기관 수, 사용량)',
  },
  en: {
    tenantGrowth: 'SRs per month since onboarding',
    userRetention: 'User retention (%)',
    srResolution: 'SR resolution time (hours)',
    featureAdoption: 'Feature adoption (tenants, usage)',
  },
}

export const SPEED_LABELS: Record<Language, Record<ResolutionSpeed, string>> = {
  ko: { fast: '빠름', normal: '보통', slow: '느림' },
  en: { fast: 'Fast', normal: 'Normal', slow: 'Slow' },
}

export const BENCHMARK_LABELS: Record<
  Language,
  Record<BenchmarkMetricKey, { label: string; unit: string }>
> = {
  ko: {
    mttr: { label: '평균 처리 시간', unit: '시간' },
    fcr: { label: '1차 해결률', unit: '%' },
    sla: { label: 'SLA 준수율', unit: '%' },
    backlog: { label: '미처리 잔량', unit: '건' },
    reopen: { label: '재오픈율', unit: '%' },
  },
  en: {
    mttr: { label: 'Mean time to resolve', unit: 'h' },
    fcr: { label: 'First-contact resolution', unit: '%' },
    sla: { label: 'SLA compliance', unit: '%' },
    backlog: { label: 'Backlog', unit: 'SRs' },
    reopen: { label: 'Reopen rate', unit: '%' },
  },
}
