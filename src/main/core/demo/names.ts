// Korean reference data for the demo workspace: institutions (기관), people, categories and SR titles.

export type DemoTenant = {
  name: string
  /** Relative SR volume. */
  size: number
  /** Onboarding point as a fraction of the demo range (0 = the first month). */
  onboard: number
  domain: string
}

export const DEMO_TENANTS: readonly DemoTenant[] = [
  { name: '서울특별시청', size: 1.6, onboard: 0, domain: 'seoul.go.kr' },
  { name: '행정안전부', size: 1.3, onboard: 0, domain: 'mois.go.kr' },
  { name: '국민건강보험공단', size: 1.5, onboard: 0.07, domain: 'nhis.or.kr' },
  { name: '경기도청', size: 1.2, onboard: 0.2, domain: 'gg.go.kr' },
  { name: '한국전력공사', size: 1.0, onboard: 0.33, domain: 'kepco.co.kr' },
  { name: '국세청', size: 0.9, onboard: 0.5, domain: 'nts.go.kr' },
  { name: '부산광역시청', size: 0.8, onboard: 0.66, domain: 'busan.go.kr' },
  { name: '한국교육학술정보원', size: 0.5, onboard: 0.82, domain: 'keris.or.kr' },
]

export const SURNAMES = [
  '김',
  '이',
  '박',
  '최',
  '정',
  '강',
  '조',
  '윤',
  '장',
  '임',
  '한',
  '오',
  '서',
  '신',
  '권',
  '황',
  '안',
  '송',
  '류',
  '홍',
]
export const GIVEN_NAMES = [
  '민준',
  '서연',
  '도윤',
  '서윤',
  '시우',
  '지우',
  '하준',
  '하은',
  '주원',
  '지호',
  '지민',
  '수아',
  '준서',
  '예은',
  '현우',
  '유진',
  '건우',
  '채원',
  '우진',
  '지아',
  '선우',
  '소율',
  '연우',
  '다은',
  '정훈',
  '미경',
  '성호',
  '은정',
  '영수',
  '혜진',
  '동현',
  '수빈',
  '재원',
  '가은',
  '태윤',
  '나연',
  '상철',
  '보람',
  '경민',
  '윤서',
]

/** Romanised surnames for e-mail addresses (same order as SURNAMES). */
export const SURNAME_LATIN = [
  'kim',
  'lee',
  'park',
  'choi',
  'jung',
  'kang',
  'cho',
  'yoon',
  'jang',
  'lim',
  'han',
  'oh',
  'seo',
  'shin',
  'kwon',
  'hwang',
  'ahn',
  'song',
  'ryu',
  'hong',
]

export const SYSTEMS = [
  '전자결재',
  '그룹웨어',
  '홈페이지',
  '민원포털',
  '인사시스템',
  '회계시스템',
  'ERP',
  '메일 서버',
  '행정정보시스템',
  '통합인증(SSO)',
  '문서관리',
  '내부망 포털',
  '민원 챗봇',
  '데이터 포털',
]

export type DemoCategory = { name: string; weight: number; titles: readonly string[] }

// {s} is replaced by a system name.
export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    name: '장애',
    weight: 12,
    titles: [
      '{s} 접속 불가',
      '{s} 응답 지연',
      '{s} 오류 화면 발생',
      '{s} 로그인 실패 다수 발생',
      '{s} 서비스 중단',
    ],
  },
  {
    name: '계정/권한',
    weight: 16,
    titles: [
      '{s} 계정 생성 요청',
      '{s} 권한 변경 요청',
      '{s} 비밀번호 초기화',
      '퇴직자 {s} 계정 삭제',
      '{s} 관리자 권한 신청',
    ],
  },
  {
    name: '네트워크',
    weight: 9,
    titles: [
      '사무실 인터넷 끊김',
      'VPN 접속 불가',
      '무선랜 신호 약함',
      '{s} 방화벽 정책 요청',
      '내부망 속도 저하',
    ],
  },
  {
    name: '서버',
    weight: 8,
    titles: [
      '{s} 서버 디스크 용량 부족',
      '{s} 서버 CPU 사용률 과다',
      '{s} 서버 재기동 요청',
      '신규 서버 구축 요청',
      '{s} 서버 점검 요청',
    ],
  },
  {
    name: '데이터베이스',
    weight: 6,
    titles: [
      '{s} DB 조회 지연',
      '{s} 데이터 추출 요청',
      '{s} DB 계정 권한 요청',
      '{s} 테이블 락 발생',
      '{s} 통계 데이터 정정',
    ],
  },
  {
    name: '보안',
    weight: 7,
    titles: [
      '악성메일 신고',
      '{s} 취약점 조치 요청',
      '백신 업데이트 오류',
      '개인정보 파일 점검 요청',
      '{s} 접근기록 제공 요청',
    ],
  },
  {
    name: '소프트웨어 설치',
    weight: 12,
    titles: [
      '한글 프로그램 설치 요청',
      '{s} 클라이언트 설치',
      'PDF 편집기 설치 요청',
      '보안 프로그램 재설치',
      '오피스 라이선스 인증 오류',
    ],
  },
  {
    name: '하드웨어',
    weight: 9,
    titles: [
      '프린터 출력 불가',
      '모니터 화면 깜빡임',
      'PC 부팅 불가',
      '노트북 교체 요청',
      '스캐너 인식 오류',
    ],
  },
  {
    name: '백업/복구',
    weight: 4,
    titles: ['{s} 백업 실패 알림', '삭제 파일 복구 요청', '{s} 데이터 복원 요청', '백업 주기 변경 요청'],
  },
  {
    name: '배포',
    weight: 5,
    titles: ['{s} 패치 배포 요청', '{s} 신규 기능 반영', '{s} 긴급 배포 요청', '{s} 설정 변경 반영'],
  },
  {
    name: '문의',
    weight: 10,
    titles: ['{s} 사용 방법 문의', '{s} 기능 개선 건의', '{s} 화면 오류 문의', '업무 시스템 이용 문의'],
  },
  {
    name: '기타',
    weight: 2,
    titles: ['사무실 이전 전산 지원', '회의실 영상장비 지원', '기타 전산 지원 요청'],
  },
]

export const FEATURES = [
  'sr_portal',
  'bi_dashboard',
  'kpi_dashboard',
  'report_export',
  'report_schedule',
  'sla_alerts',
  'knowledge_base',
  'mobile_app',
  'chatbot',
  'youtube_analytics',
] as const

export const DEPLOY_TARGETS = [
  '민원포털',
  '홈페이지',
  '전자결재',
  '인사시스템',
  '회계시스템',
  '데이터 포털',
  '모바일 앱',
  '통합인증(SSO)',
]

export const VIDEO_SERIES = ['[업무 꿀팁]', '[정보보안]', '[디지털 행정]', '[시스템 안내]', '[현장 스케치]']
/** Title prefix of YouTube Shorts (under a minute). */
export const SHORTS_SERIES = '[쇼츠]'
export const VIDEO_TOPICS = [
  '전자결재 빠르게 쓰는 법',
  '피싱 메일 구별하기',
  '비밀번호 관리 수칙',
  '민원포털 새 기능 소개',
  '원격근무 VPN 설정',
  '개인정보 보호 체크리스트',
  '클라우드 전환 이야기',
  '장애 대응 24시',
  '엑셀 데이터 정리 요령',
  '보안 USB 사용법',
  '신규 직원 전산 가이드',
  '데이터 포털 활용법',
  '랜섬웨어 예방 수칙',
  '스마트 오피스 투어',
  'AI 민원 챗봇 체험',
]

/** Unique Korean full names: every surname × given name pair at most once, in a seeded order. */
export function uniqueNames(
  count: number,
  pickIndex: (n: number) => number,
): { name: string; latin: string }[] {
  const pool: { name: string; latin: string }[] = []
  SURNAMES.forEach((s, si) =>
    GIVEN_NAMES.forEach((g, gi) =>
      pool.push({ name: s + g, latin: `${SURNAME_LATIN[si] ?? 'user'}${si}${gi}` }),
    ),
  )
  if (count > pool.length) throw new Error(`At most ${pool.length} demo names`)
  const out: { name: string; latin: string }[] = []
  for (let i = 0; i < count; i++) {
    const j = i + pickIndex(pool.length - i)
    const chosen = pool[j]
    const swap = pool[i]
    if (!chosen || !swap) break
    pool[j] = swap
    pool[i] = chosen
    out.push(chosen)
  }
  return out
}
