// Messages of the Engineers screen (load per assignee). Top-level key: `engineers`.
import type { English } from '../../i18n/messages'

const ko = {
  nav: '담당자별 부하',
  title: '담당자별 부하',
  subtitle: '선택한 기간에 등록된 SR의 담당자별 건수 ({{from}} – {{to}})',
  chartTitle: '담당자별 SR (상위 20명)',
  shown: '전체 {{count}}명 중 상위 {{shown}}명',
  // Every assignee is shown (no more than the chart's 20).
  all_other: '전체 {{count, number}}명',
  columns: {
    engineer: '담당자',
    total: '전체',
    resolved: '해결',
    open: '미해결',
  },
  resolved: '해결',
  open: '미해결',
  cancelledNote: '전체에는 취소된 SR도 포함됩니다',
} as const

const en = {
  nav: 'Engineers',
  title: 'Load per engineer',
  subtitle: 'SRs created in the selected period, by assignee ({{from}} – {{to}})',
  chartTitle: 'SRs per assignee (top 20)',
  shown: 'Top {{shown}} of {{count}} assignees',
  all_one: '{{count, number}} assignee',
  all_other: 'All {{count, number}} assignees',
  columns: {
    engineer: 'Assignee',
    total: 'Total',
    resolved: 'Resolved',
    open: 'Open',
  },
  resolved: 'Resolved',
  open: 'Open',
  cancelledNote: 'Totals include cancelled SRs',
} as const satisfies English<typeof ko>

export const engineersMessages = { key: 'engineers', ko, en }
