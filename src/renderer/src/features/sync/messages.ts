// ko/en messages of the Sync screen (SPEC §10), under the top-level key "sync".
import type { SyncErrorCause } from '../../../../shared/ipc/types-sync'
import type { English } from '../../i18n/messages'

const ko = {
  nav: '동기화',
  title: '데이터 동기화',
  subtitle:
    'ITSM·ServiceNow 연결에서 변경된 서비스 요청을 가져옵니다. 대시보드는 마지막으로 받은 데이터로 계속 동작합니다.',
  watermark: '데이터 기준',
  noWatermark: '아직 동기화한 적 없음',
  state: { idle: '대기 중', running: '동기화 중', offline: '오프라인' },
  offlineNote:
    '연결 대상에 접속할 수 없습니다. 연결되면 자동으로 다시 시도합니다. 대시보드는 {{time}} 기준 데이터로 계속 사용할 수 있습니다.',
  offlineNoData:
    '연결 대상에 접속할 수 없습니다. 연결되면 자동으로 다시 시도합니다. 아직 받은 데이터가 없으므로 파일 가져오기로 데이터를 넣을 수 있습니다.',
  nextRun: '다음 자동 동기화: {{time}}',
  interval: '{{minutes}}분마다 자동 동기화',
  runAll: '모두 동기화',
  runOne: '동기화',
  runFull: '처음부터 다시 받기',
  runOneOf: '{{name}} 동기화',
  runFullOf: '{{name}} 처음부터 다시 받기',
  cancel: '취소',
  busy: '이미 동기화가 진행 중입니다',
  importing: '파일을 가져오는 중입니다. 가져오기가 끝나면 동기화하세요.',
  noSources: '연결이 없습니다. 설정 → 연결에서 ITSM 또는 ServiceNow 연결을 추가하세요.',
  sourceGone: '"{{name}}" 연결은 삭제되어 더 이상 없습니다. 목록을 새로 고쳤습니다.',
  // A start or a cancel that failed (the banner's Retry asks again), and the same after a retry.
  actionFailed: {
    runAll: '동기화를 시작하지 못했습니다',
    runOne: '{{name}} 동기화를 시작하지 못했습니다',
    runFull: '{{name}} 처음부터 다시 받기를 시작하지 못했습니다',
    cancel: '동기화를 취소하지 못했습니다',
  },
  failedAgain: '{{what}} — 다시 시도해도 실패했습니다({{count}}번째 시도)',
  openSettings: '설정 열기',
  columns: {
    name: '연결',
    kind: '종류',
    lastSuccess: '마지막 성공',
    cursor: '진행 위치',
    status: '상태',
  },
  kinds: { itsm: 'ITSM REST', servicenow: 'ServiceNow' },
  never: '없음',
  /** An ITSM REST connection set not to read some collections (Settings → Connections). */
  notRead: '읽지 않음: {{names}}',
  ok: '정상',
  rowsWritten_other: '{{count, number}}건 반영',
  // The count: the rows to read when known, else the rows read so far; rows: those, or 'x of y'.
  progress_other: '{{entity}} · {{rows}}건 · 초당 {{rate}}건',
  connecting: '연결하는 중…',
  progressOf: '{{name}} 동기화 진행률',
  waiting: '{{entity}} · 첫 페이지를 받는 중…',
  eta: '남은 시간 약 {{time}}',
  retryIn: '요청이 실패했습니다({{attempt}}/{{max}}회). {{time}} 뒤 다시 시도합니다',
  retryNow: '요청이 실패했습니다({{attempt}}/{{max}}회). 다시 시도하는 중…',
  /** A page that timed out, asked again with fewer rows (count: the rows now, from: before). */
  retryPageRows_other:
    '페이지 응답 시간이 초과되어 다음 시도에서는 {{from}}건 대신 {{count, number}}건을 요청합니다.',
  sourceOf: '{{index}}/{{count}} 연결',
  entityOf: '항목 {{index}}/{{count}}',
  rowsOfTotal: '{{rows}}/{{total}}',
  entities: {
    tenants: '기관',
    categories: '분류',
    people: '사용자',
    srs: '서비스 요청',
    sr_events: 'SR 이력',
    deployments: '배포',
    feature_usage: '기능 사용',
  },
  lastRun: '최근 실행',
  finished: '{{time}}에 끝남',
  causes: {
    offline: '서버에 연결할 수 없음',
    auth: '인증 실패',
    forbidden: '권한 없음',
    not_found: '주소를 찾을 수 없음',
    rate_limited: '요청 한도 초과',
    server: '서버 오류',
    timeout: '응답 시간 초과',
    malformed: '잘못된 응답',
    secret_missing: '비밀 정보 없음',
    certificate: '인증서를 신뢰할 수 없음',
    proxy: '프록시가 연결을 거부함',
    proxy_auth: '프록시 로그인 실패',
    address: '주소 확인 필요',
    cancelled: '취소됨',
    interrupted: '중단됨',
    unknown_state: '알 수 없는 상태 코드',
    unknown_priority: '알 수 없는 우선순위 코드',
    unknown_codes: '알 수 없는 상태·우선순위 코드',
    store_full: '디스크 공간 부족',
    store_io: '디스크 쓰기 오류',
    store_readonly: '작업공간에 쓸 수 없음',
    store_damaged: '작업공간 파일 손상',
    other: '오류',
  } satisfies Record<SyncErrorCause, string>,
  /** The advice for a 403 on some collections of an ITSM REST connection, which it can be set not to read. */
  collectionsRefusedAdvice:
    'ITSM 관리자에게 이 계정이 그 항목을 읽을 수 있게 요청하거나, 원래 읽지 않는 항목이면 연결 설정의 "읽을 항목"에서 체크를 해제하세요.',
  advice: {
    offline: '네트워크와 서버 주소를 확인하세요. 연결되면 자동으로 다시 시도합니다.',
    auth: '설정 → 연결에서 토큰이나 비밀번호를 다시 입력하세요.',
    forbidden: 'ITSM 관리자에게 이 계정의 읽기 권한을 요청하세요.',
    not_found: '설정 → 연결에서 URL과 테이블 이름을 확인하세요.',
    rate_limited: '서버가 요청을 제한하고 있습니다. 잠시 후 자동으로 다시 시도합니다.',
    server: '서버 쪽 오류입니다. 잠시 후 다시 시도하거나 서버 관리자에게 알리세요.',
    timeout: '서버 응답이 느립니다. 잠시 후 다시 시도하세요.',
    malformed:
      '서버가 프로토콜에 맞지 않는 데이터를 보냈습니다. 이전 데이터는 그대로입니다. 서버 관리자에게 알리세요.',
    secret_missing: '설정 → 연결에서 토큰이나 비밀번호(프록시 비밀번호 포함)를 입력하세요.',
    certificate:
      '서버 인증서가 확인되지 않습니다. 기관 자체 인증기관(CA)의 인증서라면 설정 → 연결에서 이 연결에 그 CA 인증서(PEM 또는 .cer)를 추가하세요. 아니면 서버 인증서의 만료와 주소를 확인하세요.',
    proxy:
      '설정 → 연결에서 프록시 주소를 확인하세요. 프록시가 이 서버로의 연결을 막고 있다면 네트워크 관리자에게 허용을 요청하세요.',
    address:
      '연결의 URL이 동기화 API를 가리키지 않습니다. 설정 → 연결 → 편집에서 URL의 스킴(http/https), 호스트, 포트, 경로를 확인하세요. 브라우저에서 열어 보면 그 주소에서 무엇이 응답하는지 알 수 있습니다.',
    proxy_auth:
      '프록시가 로그인을 요구하거나 받아들이지 않았습니다. 설정 → 연결에서 프록시 사용자와 비밀번호를 확인하세요 (명령줄에서 추가한 연결은 --proxy-password-env로 지정한 환경 변수).',
    cancelled: '다시 실행하면 멈춘 곳부터 이어서 받습니다.',
    interrupted: '앱이 동기화 중에 종료되었습니다. 다시 실행하면 이어서 받습니다.',
    unknown_state:
      'ServiceNow 인스턴스가 이 연결이 모르는 상태 코드를 씁니다. 설정 → 연결 → 편집 → 상태 코드에서 그 코드를 상태에 연결한 뒤 다시 동기화하세요. 이전 데이터는 그대로입니다.',
    unknown_priority:
      'ServiceNow 인스턴스가 이 연결이 모르는 우선순위 코드를 씁니다. 설정 → 연결 → 편집 → 우선순위 코드에서 그 코드를 P1~P4 중 하나에 연결한 뒤 다시 동기화하세요. 이전 데이터는 그대로입니다.',
    unknown_codes:
      'ServiceNow 인스턴스가 이 연결이 모르는 상태 코드와 우선순위 코드를 씁니다. 설정 → 연결 → 편집에서 상태 코드는 상태에, 우선순위 코드는 P1~P4 중 하나에 연결한 뒤 다시 동기화하세요. 이전 데이터는 그대로입니다.',
    store_full:
      '이 컴퓨터에서 작업공간 폴더가 있는 드라이브의 공간을 확보한 뒤 다시 동기화하세요. 이미 받은 데이터는 그대로이며 다음 동기화가 멈춘 곳부터 이어 받습니다.',
    store_io:
      '작업공간 폴더가 있는 드라이브(외장 디스크, 네트워크 공유)가 연결되어 있고 정상인지 확인한 뒤 다시 동기화하세요. 이미 받은 데이터는 그대로이며 다음 동기화가 멈춘 곳부터 이어 받습니다.',
    store_readonly:
      '작업공간 폴더와 그 파일을 이 사용자 계정이 쓸 수 있게 한 뒤(폴더 권한, 읽기 전용 드라이브) 다시 동기화하세요. 이미 받은 데이터는 그대로이며 다음 동기화가 멈춘 곳부터 이어 받습니다.',
    store_damaged:
      '작업공간 데이터베이스 파일이 손상되었습니다. 폴더를 복사해 둔 뒤 백업에서 복원하거나 새 작업공간으로 시작해 다시 동기화하세요. 아래 메시지를 관리자에게 전달하세요.',
    other: '다시 시도해 보고, 계속되면 아래 메시지를 관리자에게 전달하세요.',
  } satisfies Record<SyncErrorCause, string>,
  log: {
    title: '동기화 기록',
    empty: '기록이 없습니다',
    when: '시작',
    source: '출처',
    entity: '항목',
    rows: '건수',
    result: '결과',
    fileImport: '파일 가져오기',
    /** The source an import's SRs are kept under, worded as the import's result says it. */
    importSource: '출처 “{{name}}”',
  },
  logStatus: { running: '진행 중', ok: '성공', failed: '실패', cancelled: '취소' },
  importTitle: '파일 가져오기',
  importBody:
    'CSV(UTF-8, CP949), XLSX, JSON 파일의 서비스 요청을 가져옵니다. 쓰기 전에 미리보기와 행 오류를 확인합니다.',
  importOpen: '파일 가져오기…',
}
const en: English<typeof ko> = {
  nav: 'Sync',
  title: 'Data sync',
  subtitle:
    'Pulls changed service requests from the ITSM and ServiceNow connections. Dashboards keep working on the data received last.',
  watermark: 'Data as of',
  noWatermark: 'Never synced yet',
  state: { idle: 'Idle', running: 'Syncing', offline: 'Offline' },
  offlineNote:
    'The sources cannot be reached. Ops Console retries on its own once they answer. Dashboards keep working on the data as of {{time}}.',
  offlineNoData:
    'The sources cannot be reached. Ops Console retries on its own once they answer. No data has been received yet; a file import can bring some in meanwhile.',
  nextRun: 'Next automatic sync: {{time}}',
  interval: 'Automatic sync every {{minutes}} min',
  runAll: 'Sync all',
  runOne: 'Sync',
  runFull: 'Full resync',
  runOneOf: 'Sync {{name}}',
  runFullOf: 'Full resync of {{name}}',
  cancel: 'Cancel',
  busy: 'A sync is already running',
  importing: 'A file is being imported. Sync once the import has finished.',
  noSources: 'No connections yet. Add an ITSM or ServiceNow connection in Settings → Connections.',
  sourceGone: 'The connection "{{name}}" has been removed. The list has been refreshed.',
  actionFailed: {
    runAll: 'The sync could not be started',
    runOne: 'The sync of {{name}} could not be started',
    runFull: 'The full re-read of {{name}} could not be started',
    cancel: 'The sync could not be cancelled',
  },
  failedAgain: '{{what}}: the retry failed too (attempt {{count}})',
  openSettings: 'Open Settings',
  columns: {
    name: 'Connection',
    kind: 'Kind',
    lastSuccess: 'Last success',
    cursor: 'Position',
    status: 'Status',
  },
  kinds: { itsm: 'ITSM REST', servicenow: 'ServiceNow' },
  never: 'Never',
  notRead: 'Not read: {{names}}',
  ok: 'OK',
  rowsWritten_one: '{{count, number}} row written',
  rowsWritten_other: '{{count, number}} rows written',
  progress_one: '{{entity}} · {{rows}} row · {{rate}} rows/s',
  progress_other: '{{entity}} · {{rows}} rows · {{rate}} rows/s',
  connecting: 'Connecting…',
  progressOf: 'Sync progress of {{name}}',
  waiting: '{{entity}} · waiting for the first page…',
  eta: 'about {{time}} left',
  retryIn: 'A request failed (attempt {{attempt}} of {{max}}). Trying again in {{time}}',
  retryNow: 'A request failed (attempt {{attempt}} of {{max}}). Trying again…',
  retryPageRows_one:
    'The page timed out: the next attempt asks for {{count, number}} row instead of {{from}}.',
  retryPageRows_other:
    'The page timed out: the next attempt asks for {{count, number}} rows instead of {{from}}.',
  sourceOf: 'connection {{index}} of {{count}}',
  entityOf: 'item {{index}} of {{count}}',
  rowsOfTotal: '{{rows}} of {{total}}',
  entities: {
    tenants: 'Tenants',
    categories: 'Categories',
    people: 'People',
    srs: 'Service requests',
    sr_events: 'SR history',
    deployments: 'Deployments',
    feature_usage: 'Feature usage',
  },
  lastRun: 'Last run',
  finished: 'finished {{time}}',
  causes: {
    offline: 'Server unreachable',
    auth: 'Authentication failed',
    forbidden: 'Not allowed',
    not_found: 'Address not found',
    rate_limited: 'Rate limited',
    server: 'Server error',
    timeout: 'Timed out',
    malformed: 'Bad data from the server',
    secret_missing: 'Secret missing',
    certificate: 'Certificate not trusted',
    proxy: 'Proxy refused the connection',
    proxy_auth: 'Proxy login failed',
    address: 'Check the address',
    cancelled: 'Cancelled',
    interrupted: 'Interrupted',
    unknown_state: 'Unknown state code',
    unknown_priority: 'Unknown priority code',
    unknown_codes: 'Unknown state and priority codes',
    store_full: 'Disk full',
    store_io: 'Disk write error',
    store_readonly: 'Workspace not writable',
    store_damaged: 'Workspace file damaged',
    other: 'Error',
  },
  collectionsRefusedAdvice:
    'Ask the ITSM administrators to let this account read them, or, if it is not meant to, untick them under "Collections read" in the connection\'s settings.',
  advice: {
    offline: 'Check the network and the server address. Ops Console retries on its own once it answers.',
    auth: 'Enter the token or password again in Settings → Connections.',
    forbidden: 'Ask the ITSM administrators to let this account read the data.',
    not_found: 'Check the URL and the table name in Settings → Connections.',
    rate_limited: 'The server is limiting requests; Ops Console retries later on its own.',
    server: 'The server failed. Try again later or tell its administrators.',
    timeout: 'The server answers slowly. Try again later.',
    malformed:
      'The server sent data that does not follow the protocol. Earlier data is intact. Tell its administrators.',
    secret_missing: 'Enter the token or password (or the proxy password) in Settings → Connections.',
    certificate:
      "The server's certificate does not verify. If it comes from your organisation's own certificate authority, add that CA certificate (PEM or .cer) to the connection in Settings → Connections; otherwise check the certificate's expiry and address.",
    proxy:
      'Check the proxy address in Settings → Connections. If the proxy blocks this server, ask your network administrators to allow it.',
    address:
      "The connection's URL does not lead to the sync API. Check its scheme (http/https), host, port and path in Settings → Connections → Edit; opening it in a browser shows what answers there.",
    proxy_auth:
      'The proxy asks for a login or did not accept it. Check the proxy user and password in Settings → Connections (for a connection added on the command line, the variable named by --proxy-password-env).',
    cancelled: 'Run it again to continue where it stopped.',
    interrupted: 'The app stopped during the sync. Run it again to continue.',
    unknown_state:
      'The ServiceNow instance uses a state code this connection does not know. Map it to a status in Settings → Connections → Edit → State codes, then sync again. Earlier data is intact.',
    unknown_priority:
      'The ServiceNow instance uses a priority code this connection does not know. Map it to one of P1–P4 in Settings → Connections → Edit → Priority codes, then sync again. Earlier data is intact.',
    unknown_codes:
      'The ServiceNow instance uses state codes and priority codes this connection does not know. In Settings → Connections → Edit, map the state codes to statuses and the priority codes to P1–P4, then sync again. Earlier data is intact.',
    store_full:
      'Free some space on the drive holding the workspace folder on this computer, then sync again. The data received so far is kept, and the next sync goes on from where it stopped.',
    store_io:
      'Check that the drive holding the workspace folder (an external disk, a network share) is connected and working, then sync again. The data received so far is kept, and the next sync goes on from where it stopped.',
    store_readonly:
      'Make the workspace folder and its files writable for this user account (folder permissions, a read-only drive), then sync again. The data received so far is kept, and the next sync goes on from where it stopped.',
    store_damaged:
      "The workspace's database file is damaged. Keep a copy of its folder, then restore it from a backup or start a new workspace and sync again. Pass the message below to your administrator.",
    other: 'Try again; if it persists, pass the message below to an administrator.',
  },
  log: {
    title: 'Sync log',
    empty: 'No entries',
    when: 'Started',
    source: 'Source',
    entity: 'Entity',
    rows: 'Rows',
    result: 'Result',
    fileImport: 'File import',
    /** The source an import's SRs are kept under, worded as the import's result says it. */
    importSource: 'source “{{name}}”',
  },
  logStatus: { running: 'Running', ok: 'OK', failed: 'Failed', cancelled: 'Cancelled' },
  importTitle: 'Import a file',
  importBody:
    'Imports service requests from CSV (UTF-8, CP949), XLSX or JSON. A preview and the row errors come before anything is written.',
  importOpen: 'Import a file…',
}
export const syncMessages = { key: 'sync', ko, en }
