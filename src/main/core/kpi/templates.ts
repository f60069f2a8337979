// Built-in KPI templates (SPEC §6). Targets are starting points an admin edits in Settings → KPI.
import type { KpiTemplate } from '../../../shared/ipc/types-kpi'
import { DEFAULT_THRESHOLDS } from './status'

type Lang = 'ko' | 'en'
type Spec = Omit<KpiTemplate, 'display_name' | 'description' | 'default_target' | 'thresholds' | 'filter'> & {
  label: Record<Lang, [string, string]>
}

const SPECS: readonly Spec[] = [
  {
    name: 'MTTR',
    kind: 'itsm',
    base_metric: 'mttr',
    unit: 'hours',
    direction: 'LOWER_BETTER',
    target: 4.0,
    period: 'MONTHLY',
    label: {
      ko: ['평균 복구 시간 (MTTR)', '이번 기간에 해결된 SR의 접수부터 해결까지 평균 시간'],
      en: [
        'Mean time to resolve (MTTR)',
        'Mean hours from creation to resolution of the SRs resolved in the period',
      ],
    },
  },
  {
    name: 'FCR',
    kind: 'itsm',
    base_metric: 'fcr',
    unit: '%',
    direction: 'HIGHER_BETTER',
    target: 80,
    period: 'MONTHLY',
    label: {
      ko: ['첫 번째 해결율 (FCR)', '재할당·재오픈 없이 해결된 SR의 비율'],
      en: ['First contact resolution (FCR)', 'Share of resolved SRs never reassigned nor reopened'],
    },
  },
  {
    name: 'SLA_COMPLIANCE',
    kind: 'itsm',
    base_metric: 'sla_compliance',
    unit: '%',
    direction: 'HIGHER_BETTER',
    target: 95,
    period: 'MONTHLY',
    label: {
      ko: ['SLA 준수율', 'SLA 목표 시간 안에 해결된 SR의 비율'],
      en: ['SLA compliance', 'Share of resolved SRs resolved within their SLA target'],
    },
  },
  {
    name: 'SR_BACKLOG',
    kind: 'itsm',
    base_metric: 'backlog',
    unit: '건',
    direction: 'LOWER_BETTER',
    target: 10,
    period: 'DAILY',
    label: {
      ko: ['SR 적체 건수', '기간 말(오늘은 현재) 미처리 상태인 SR 수'],
      en: ['SR backlog', 'SRs open at the end of the period (now for today)'],
    },
  },
  {
    name: 'DEPLOY_SUCCESS_RATE',
    kind: 'itsm',
    base_metric: 'deploy_success_rate',
    unit: '%',
    direction: 'HIGHER_BETTER',
    target: 95,
    period: 'MONTHLY',
    label: {
      ko: ['배포 성공률', '기간 중 끝난 배포 가운데 성공(DEPLOYED)한 비율'],
      en: ['Deployment success rate', 'Share of deployments finished in the period that were DEPLOYED'],
    },
  },
  {
    name: 'YT_VIEWS',
    kind: 'youtube',
    base_metric: 'yt_views',
    unit: '회',
    direction: 'HIGHER_BETTER',
    target: 30000,
    period: 'MONTHLY',
    label: {
      ko: ['유튜브 조회수', '선택한 채널의 기간 조회수'],
      en: ['YouTube views', 'Views of the selected channel in the period'],
    },
  },
  {
    name: 'YT_WATCH_HOURS',
    kind: 'youtube',
    base_metric: 'yt_watch_hours',
    unit: 'hours',
    direction: 'HIGHER_BETTER',
    target: 1000,
    period: 'MONTHLY',
    label: {
      ko: ['유튜브 시청 시간', '선택한 채널의 기간 시청 시간(시간)'],
      en: ['YouTube watch time', 'Watch hours of the selected channel in the period'],
    },
  },
  {
    name: 'YT_NET_SUBSCRIBERS',
    kind: 'youtube',
    base_metric: 'yt_net_subscribers',
    unit: '명',
    direction: 'HIGHER_BETTER',
    target: 100,
    period: 'MONTHLY',
    label: {
      ko: ['유튜브 순 구독자 증가', '기간 중 새 구독자 − 구독 취소'],
      en: ['YouTube net subscribers', 'Subscribers gained minus lost in the period'],
    },
  },
  {
    name: 'YT_ENGAGEMENT_RATE',
    kind: 'youtube',
    base_metric: 'yt_engagement_rate',
    unit: '%',
    direction: 'HIGHER_BETTER',
    target: 5,
    period: 'MONTHLY',
    label: {
      ko: ['유튜브 참여율', '(좋아요 + 댓글) ÷ 조회수'],
      en: ['YouTube engagement rate', '(likes + comments) ÷ views'],
    },
  },
]

/** The built-in templates with display names in `lang`. */
export function kpiTemplates(lang: Lang = 'ko'): KpiTemplate[] {
  return SPECS.map(({ label, ...spec }) => ({
    ...spec,
    display_name: label[lang][0],
    description: label[lang][1],
    default_target: spec.target,
    thresholds: { ...DEFAULT_THRESHOLDS },
    filter: null,
  }))
}
