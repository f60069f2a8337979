// Messages of the Overview screen's charts (the cards' strings are in i18n/ko.ts under `overview`/`cards`).
import type { English } from '../../i18n/messages'

const ko = {
  range: '{{from}} – {{to}}',
  trend: {
    title: '신규 대비 해결 추이',
    bucket: '구간',
    created: '신규',
    resolved: '해결',
    periods: { daily: '일별', weekly: '주별', monthly: '월별' },
    periodLabel: '집계 단위',
  },
  category: {
    title: '분류별 신규 SR',
    header: '분류',
    count: '건수',
    pct: '비율(%)',
    total_other: '합계 {{count, number}}건',
  },
  funnel: {
    title: '처리 단계 (현재 상태)',
    header: '단계',
    count: '건수',
    pct: '비율(%)',
    total: '신규 {{total}}건 (취소 제외)',
    cancelled: '취소',
    cancelledNote: '취소된 SR은 단계 비율에서 제외',
  },
  mttr: {
    title: '평균 처리 시간 추이 (최근 12개월)',
    hours: '평균 처리 시간(시간)',
    count: '해결 건수',
    month: '월',
  },
  cardHint: '{{label}}: SR 목록 보기',
} as const

const en = {
  range: '{{from}} – {{to}}',
  trend: {
    title: 'Created vs resolved',
    bucket: 'Period',
    created: 'Created',
    resolved: 'Resolved',
    periods: { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' },
    periodLabel: 'Bucket size',
  },
  category: {
    title: 'New SRs by category',
    header: 'Category',
    count: 'SRs',
    pct: 'Share (%)',
    total_one: '{{count, number}} SR in total',
    total_other: '{{count, number}} SRs in total',
  },
  funnel: {
    title: 'Resolution stages (current status)',
    header: 'Stage',
    count: 'SRs',
    pct: 'Share (%)',
    total: '{{total}} created (excluding cancelled)',
    cancelled: 'Cancelled',
    cancelledNote: 'Cancelled SRs are left out of the stage shares',
  },
  mttr: {
    title: 'Mean time to resolve (last 12 months)',
    hours: 'Mean time to resolve (h)',
    count: 'Resolved',
    month: 'Month',
  },
  cardHint: '{{label}}: list the SRs',
} as const satisfies English<typeof ko>

export const overviewBiMessages = { key: 'overviewBi', ko, en }
