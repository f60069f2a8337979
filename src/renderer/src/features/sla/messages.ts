// Messages of the SLA screen (compliance heatmap and breaches). Top-level key: `slaBoard`.
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

const ko = {
  nav: 'SLA 현황',
  title: 'SLA 준수 현황',
  subtitle: '해결 주차 × 분류별 SLA 준수율 ({{from}} – {{to}})',
  summary: {
    total: '해결',
    onTime: '기한 내',
    breached: '기한 초과',
    compliance: '준수율',
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
  },
  breaches: {
    title: '기한 초과 해결 SR',
    subtitle: '선택한 기간에 SLA 목표 시간을 넘겨 해결된 SR (주차·분류별, 숫자를 누르면 SR 목록)',
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
    breached: 'Late',
    compliance: 'Compliance',
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
  },
  breaches: {
    title: 'SRs resolved late',
    subtitle:
      'SRs of the selected period resolved after their SLA target (by week and category; click a count for the SRs)',
    week: 'Week resolved',
    none: 'No SR was resolved late',
    drillTitle: '{{week}} · {{category}} resolved late',
  },
} as const satisfies Widen<typeof ko>

export const slaBoardMessages = { key: 'slaBoard', ko, en }
