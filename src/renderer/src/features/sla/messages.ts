// Messages of the SLA screen (compliance heatmap and breaches). Top-level key: `slaBoard`.
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

const ko = {
  nav: 'SLA 현황',
  title: 'SLA 준수 현황',
  subtitle: '해결 주차 × 분류별 SLA 준수율 ({{from}} – {{to}})',
  summary: {
    total: '해결',
    onTime: '기한 내',
    late: '기한 초과',
    compliance: '준수율',
    open: '{{label}} {{value}}건: SR 목록 열기',
    drillTitle: '기간 전체 · {{label}}',
  },
  heatmap: {
    title: '주차 × 분류 준수율',
    category: '분류',
    legend: '준수율 색상 범례',
    bandTop: '{{min}}% 이상',
    band: '{{min}}–{{max}}%',
    none: '해결 건 없음',
    cellNote: '칸의 큰 숫자는 준수율(%), 작은 숫자는 해결 건수입니다. 칸을 누르면 해당 SR 목록이 열립니다.',
    cellLabel: '{{week}} · {{category}}: 준수율 {{pct}}% ({{total}}건 중 {{onTime}}건 기한 내)',
    drillTitle: '{{week}} · {{category}} 해결 SR',
    categoryTitle: '{{category}} · 전체 주차 해결 SR',
    categoryHint: '{{category}}: 기간 전체의 해결 SR 목록',
  },
  breaches: {
    title: '기한 초과 해결 SR',
    subtitle: '선택한 기간에 SLA 목표 시간을 넘겨 해결된 SR (열 제목 등록·해결·목표 초과를 누르면 정렬)',
    subtitleByWeek: '기한 초과 해결 SR이 있는 주차 × 분류 (숫자를 누르면 SR 목록)',
    viewLabel: '보기',
    views: { list: 'SR 목록', byWeek: '주차 × 분류별' },
    week: '해결 주차',
    none: '기한을 넘겨 해결된 SR이 없습니다',
    drillTitle: '{{week}} · {{category}} 기한 초과 SR',
  },
} as const

const en = {
  nav: 'SLA',
  title: 'SLA compliance',
  subtitle: 'SLA compliance by week of resolution × category ({{from}} – {{to}})',
  summary: {
    total: 'Resolved',
    onTime: 'On time',
    late: 'Late',
    compliance: 'Compliance',
    open: '{{label}}: {{value}} — list the SRs',
    drillTitle: 'Whole range · {{label}}',
  },
  heatmap: {
    title: 'Compliance by week and category',
    category: 'Category',
    legend: 'Compliance colour legend',
    bandTop: '{{min}}% or more',
    band: '{{min}}–{{max}}%',
    none: 'Nothing resolved',
    cellNote: 'Large figure: compliance (%); small figure: SRs resolved. Click a cell to list its SRs.',
    cellLabel: '{{week}} · {{category}}: {{pct}}% compliant ({{onTime}} of {{total}} on time)',
    drillTitle: '{{week}} · {{category}} resolved SRs',
    categoryTitle: '{{category}} · resolved SRs of every week',
    categoryHint: '{{category}}: the SRs resolved over the whole range',
  },
  breaches: {
    title: 'SRs resolved late',
    subtitle:
      'SRs of the selected period resolved after their SLA target (click Created, Resolved or Over target to sort)',
    subtitleByWeek: 'Weeks × categories with SRs resolved late (click a count for the SRs)',
    viewLabel: 'View',
    views: { list: 'SR list', byWeek: 'By week × category' },
    week: 'Week resolved',
    none: 'No SR was resolved late',
    drillTitle: '{{week}} · {{category}} resolved late',
  },
} as const satisfies Widen<typeof ko>

export const slaBoardMessages = { key: 'slaBoard', ko, en }
