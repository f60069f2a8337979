// Words the BI widgets put into responses (the reference's `label` fields), in ko and en. The
// renderer may translate by key instead; these are the same words.
import type { Language } from '../../../../shared/domain'

export const BI_LABELS = {
  ko: {
    created: '신규 SR',
    resolved: '완료 SR',
    engineerResolved: '완료',
    engineerOpen: '진행중',
    mttr: 'MTTR (시간)',
    unassigned: '미배정',
    uncategorised: '미분류',
    stages: {
      OPEN: '접수',
      IN_PROGRESS: '처리 중',
      PENDING: '보류',
      RESOLVED: '해결',
      DONE: '완료',
      CANCELLED: '취소',
    },
    series: {
      // The sla-heatmap's figures (all resolved, on time, late), as the SLA screen words them.
      total: '해결',
      on_time: '기한 내 해결',
      late: '기한 초과 해결',
      count: '건수',
      open: '진행중',
    },
  },
  en: {
    created: 'Created',
    resolved: 'Resolved',
    engineerResolved: 'Resolved',
    engineerOpen: 'Open',
    mttr: 'MTTR (h)',
    unassigned: 'Unassigned',
    uncategorised: 'Uncategorised',
    stages: {
      OPEN: 'Open',
      IN_PROGRESS: 'In progress',
      PENDING: 'Pending',
      RESOLVED: 'Resolved',
      DONE: 'Done',
      CANCELLED: 'Cancelled',
    },
    series: {
      total: 'Resolved',
      on_time: 'Resolved on time',
      late: 'Resolved late',
      count: 'Count',
      open: 'Open',
    },
  },
} as const satisfies Record<Language, unknown>

export const COLORS = {
  created: '#003366',
  resolved: '#10B981',
  open: '#F59E0B',
  mttr: '#6366F1',
} as const
