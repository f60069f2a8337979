// ko/en wording of why a sync or a connection test failed (SYNC_ERROR_REASON_CODES), under the
// top-level key "syncErrors"; sync-error-text.ts fills them. A code missing here shows the core's
// English message. What a server said, ids, URLs and field names stay as they are.
import type {
  ItsmFieldProblemCode,
  NetworkDetailCode,
  ServiceNowRowProblemCode,
  SyncErrorReasonCode,
} from '../../../../shared/ipc/sync-error-reasons'
import type { English } from '../../i18n/messages'

/**
 * The reasons said with a number before a counted noun ("1 record", "12 bytes"), each with the param
 * holding that number: their wording is a plural message (x_other in Korean, x_one and x_other in
 * English) and sync-error-text.ts passes the number as i18next's count.
 */
export const COUNTED_REASONS = {
  not_json: 'bytes',
  servicenow_bad_rows: 'count',
  servicenow_unknown_state: 'count',
  servicenow_unknown_priority: 'count',
  servicenow_unknown_codes: 'count',
  import_rejected: 'count',
  interrupted_silent: 'minutes',
} as const satisfies Partial<Record<SyncErrorReasonCode, string>>

type Counted = keyof typeof COUNTED_REASONS
/** Every reason's wording: a counted one as its plural message. */
type Reasons = Record<Exclude<SyncErrorReasonCode, Counted>, string> & Record<`${Counted}_other`, string>

const ko = {
  reasons: {
    cancelled: '동기화를 취소했습니다.',
    http_auth: '서버가 인증 정보를 거부했습니다(401): {{url}}',
    http_forbidden: '이 계정에는 읽기 권한이 없습니다(403): {{url}}',
    http_not_found: '서버에 없는 주소입니다(404): {{url}}. URL이나 테이블 이름을 확인하세요.',
    http_rate_limited: '서버가 요청 수를 제한하고 있습니다(429): {{url}}',
    http_server: '서버에서 오류가 났습니다({{status}}): {{url}}',
    http_rejected: '서버가 요청을 거부했습니다({{status}}): {{url}}',
    wait_too_long:
      '서버가 요청을 제한하며({{status}}) {{until}}까지 기다려 달라고 합니다(Retry-After). 동기화가 기다리는 시간보다 길어 멈췄습니다. 그 시각 이후에 다시 동기화하세요: {{url}}',
    secret_unsendable:
      '토큰이나 비밀번호에 줄바꿈, 제어 문자 또는 HTTP 헤더에 넣을 수 없는 글자(한글 등)가 있어 보낼 수 없습니다. 설정 → 연결(또는 명령줄이 읽는 환경 변수)에서 다시 입력하세요.',
    header_unsendable: '요청 헤더 {{header}}에 HTTP 헤더에 넣을 수 없는 글자가 있습니다.',
    timeout: '서버가 제시간에 응답하지 않았습니다: {{url}}',
    unreachable: '서버에 연결할 수 없습니다: {{url}} ({{detail}})',
    no_attempt: '서버에 요청하지 않았습니다(허용된 시도 횟수가 없습니다): {{url}}',
    blocked_port:
      '{{url}}에 연결할 수 없습니다. {{port}}번 포트는 HTTP 클라이언트가 막는 포트입니다(Fetch 표준의 차단 포트). 서버를 다른 포트로 열거나 허용된 포트의 리버스 프록시를 두고 연결 주소를 바꾸세요.',
    certificate: '서버의 TLS 인증서를 받아들일 수 없습니다: {{url}} ({{detail}})',
    plain_http:
      '서버가 HTTPS로 응답하지 않습니다. 이 포트는 일반 HTTP를 쓰는 것 같습니다: {{url}}. URL을 확인하세요(https:// 대신 http://, 또는 HTTPS 포트).',
    http_redirected:
      '{{url}}이(가) 다른 주소 {{to}}(으)로 요청을 넘겼습니다(리디렉션). 다른 주소로는 인증 정보를 보내지 않으므로, 연결 URL을 서버의 실제 주소로 바꾸세요(http:// 대신 https://인지 확인하세요).',
    proxy_refused: '프록시가 서버 연결을 거부했습니다: {{url}} ({{detail}})',
    not_utf8:
      '서버 응답이 UTF-8 텍스트가 아닙니다: {{url}}. JSON은 UTF-8이어야 합니다(서버가 EUC-KR 같은 예전 인코딩으로 보내고 있지 않은지 확인하세요).',
    not_json_other: '서버 응답이 올바른 JSON이 아닙니다({{count, number}}바이트): {{url}}',
    body_cut:
      '서버가 응답을 보내다가 끝까지 보내지 않고 연결을 끊었습니다: {{url}} ({{detail}}). 서버 로그와, 서버와 이 PC 사이의 프록시를 확인하세요.',
    html_page:
      '서버가 JSON 대신 웹 페이지를 보냈습니다: {{url}}{{titled}}. 로그인 페이지, 프록시나 게이트웨이의 오류 페이지, 또는 절전(hibernating) 중인 ServiceNow 인스턴스일 수 있습니다. URL을 확인하고 브라우저에서 열어 보세요.',
    itsm_not_protocol_page: '{{entity}} 페이지가 프로토콜 형식이 아닙니다: {{url}} ({{detail}})',
    itsm_row_rejected:
      '{{entity}} 행 {{row}}(페이지의 {{item}}번째 항목)를 받지 않았습니다. 필드 "{{field}}": {{problem}}. 이 페이지는 저장하지 않았습니다.',
    itsm_row_rejected_value:
      '{{entity}} 행 {{row}}(페이지의 {{item}}번째 항목)를 받지 않았습니다: {{problem}}. 이 페이지는 저장하지 않았습니다.',
    itsm_cursor_stuck:
      '{{entity}} 페이지의 다음 커서가 앞으로 나아가지 않습니다({{updatedAfter}}, {{afterId}}). 같은 페이지를 되풀이하지 않도록 멈췄습니다.',
    itsm_me_invalid: '응답이 { name, role } 형식이 아닙니다: {{url}} ({{detail}})',
    itsm_cursor_unreadable: '저장된 {{entity}} 커서가 ITSM REST 커서가 아닙니다. 전체 동기화를 실행하세요.',
    unknown_entity: '알 수 없는 데이터 종류입니다: {{entity}}',
    servicenow_invalid_table:
      'ServiceNow 인스턴스가 {{table}} 테이블을 모릅니다(400 "Invalid table"): {{url}}. 설정 → 연결 → 편집에서 테이블 이름을 확인하세요(incident 또는 다른 task 테이블).',
    servicenow_not_a_list: 'ServiceNow 응답에 { result: [...] } 목록이 없습니다: {{url}} ({{detail}})',
    servicenow_keyset_ignored:
      'ServiceNow가 동기화 위치({{updatedOn}}, {{sysId}}) 이전의 {{table}} 행만 돌려주었습니다. 인스턴스가 키셋 조건을 무시해 더 진행할 수 없습니다.',
    servicenow_bad_rows_other:
      'ServiceNow {{table}}에 읽을 수 없는 레코드가 {{count, number}}건 있습니다: {{detail}}',
    servicenow_unknown_state_other:
      'ServiceNow {{table}}에 알 수 없는 상태 코드 {{states}}가 있어 레코드 {{count, number}}건을 읽지 못했습니다: {{detail}}. 이 상태 코드를 상태에 연결한 뒤 다시 동기화하세요: 설정 → 연결 → 편집 → 상태 코드, 또는 npm run cli -- source state-map {{name}} {{example}} (STATUS는 {{statuses}} 중 하나).',
    servicenow_unknown_priority_other:
      'ServiceNow {{table}}에 알 수 없는 우선순위 코드 {{codes}}가 있어 레코드 {{count, number}}건을 읽지 못했습니다: {{detail}}. 이 우선순위 코드를 우선순위에 연결한 뒤 다시 동기화하세요: 설정 → 연결 → 편집 → 우선순위 코드, 또는 npm run cli -- source priority-map {{name}} {{example}} (PRIORITY는 {{priorities}} 중 하나).',
    servicenow_unknown_codes_other:
      'ServiceNow {{table}}에 알 수 없는 상태 코드 {{states}}와 우선순위 코드 {{codes}}가 있어 레코드 {{count, number}}건을 읽지 못했습니다: {{detail}}. 두 코드를 모두 연결한 뒤 다시 동기화하세요: 설정 → 연결 → 편집 → 상태 코드와 우선순위 코드, 또는 npm run cli -- source state-map {{name}} {{stateExample}} (STATUS는 {{statuses}} 중 하나)와 npm run cli -- source priority-map {{name}} {{priorityExample}} (PRIORITY는 {{priorities}} 중 하나).',
    servicenow_out_of_order:
      'ServiceNow가 {{table}} 행을 (sys_updated_on, sys_id) 순서와 다르게 보냈습니다(레코드 {{record}}). 인스턴스가 정렬이나 키셋 조건을 무시해 페이지를 믿을 수 없습니다.',
    servicenow_srs_only: 'ServiceNow 연결은 SR만 제공합니다. 요청한 데이터: {{entity}}',
    servicenow_cursor_unreadable: '저장된 ServiceNow 커서를 읽을 수 없습니다. 전체 동기화를 실행하세요.',
    interrupted:
      '동기화하던 프로그램이 도중에 멈췄습니다(프로그램이나 컴퓨터가 종료됨). 받은 데이터는 그대로이며 다음 동기화가 멈춘 곳부터 이어 받습니다.',
    interrupted_silent_other:
      '동기화하던 프로세스(pid {{pid}})가 {{count, number}}분 넘게 응답이 없어 중단된 것으로 보았습니다. 다음 동기화가 멈춘 곳부터 이어 받습니다.',
    sync_crashed: '동기화 작업이 예기치 않게 멈췄습니다({{detail}}). 다시 동기화해 보세요.',
    sync_taken_over:
      '이 동기화가 너무 오래 멈춰 있는 사이 다른 프로세스가 중단된 것으로 처리했고, 그 뒤 이 연결을 동기화했을 수 있습니다. 마지막 페이지는 쓰지 않고 멈췄습니다.',
    import_rejected_other: '{{count, number}}개 행에 오류가 있어 아무것도 쓰지 않았습니다.',
    collections_refused:
      '이 계정에는 {{entities}} 읽기 권한이 없어(403) 이번 동기화에서 건너뛰었습니다. 나머지 데이터는 받았으며, 다음 동기화에서 다시 요청합니다.',
    sync_store_full:
      '작업공간 디스크가 가득 차서 받은 페이지를 저장하지 못했습니다. {{dir}} 폴더가 있는 드라이브의 공간을 확보한 뒤 다시 동기화하세요. 동기화 위치는 저장하지 못한 페이지 앞에 그대로 있어 다음 동기화가 그곳부터 이어 받으며, 앞서 저장한 페이지는 그대로입니다.',
    sync_store_io:
      '작업공간 디스크에 쓰지 못해(디스크 입출력 오류: {{dir}} 폴더가 있는 드라이브나 네트워크 공유가 끊겼거나 고장 났거나, 파일 크기 제한에 걸림) 받은 페이지를 저장하지 못했습니다. 그 드라이브를 확인한 뒤 다시 동기화하세요. 동기화 위치는 저장하지 못한 페이지 앞에 그대로 있어 다음 동기화가 그곳부터 이어 받으며, 앞서 저장한 페이지는 그대로입니다.',
    sync_store_readonly:
      '작업공간이 읽기 전용이 되어(폴더 권한이 바뀌었거나, 드라이브가 읽기 전용으로 연결되었거나, 데이터베이스 파일이 옮겨짐) 받은 페이지를 저장하지 못했습니다. {{dir}} 폴더와 그 안의 ops-console.db 파일들을 쓸 수 있게 한 뒤 다시 동기화하세요. 동기화 위치는 저장하지 못한 페이지 앞에 그대로 있어 다음 동기화가 그곳부터 이어 받으며, 앞서 저장한 페이지는 그대로입니다.',
    sync_store_damaged:
      '{{dir}} 폴더의 작업공간 데이터베이스가 손상되어 받은 페이지를 저장하지 못했습니다. 앱과 명령줄 작업을 모두 닫고 그 폴더를 복사해 둔 뒤, 백업에서 복원하거나 ops-console.db 파일들을 다른 곳으로 옮겨 빈 작업공간으로 시작하고 다시 동기화하세요.',
  } satisfies Reasons,
  /** The field problem of a rejected ITSM REST row (itsm_row_rejected's `issue`). */
  fieldProblems: {
    missing: '필드가 없습니다',
    wrong_type: '{{expected}} 값이어야 하는데 {{received}} 값입니다',
    not_one_of: '허용된 값이 아닙니다. 다음 중 하나여야 합니다: {{values}}',
    too_long: '{{limit}}자보다 깁니다',
    too_big: '{{limit}}보다 큽니다',
    too_small: '{{limit}}보다 작습니다',
    too_short: '{{limit}}자보다 짧습니다',
    not_instant: '오프셋이 있는 시각(예: 2025-03-04T09:30:00.000+09:00)이 아닙니다',
    not_month: 'YYYY-MM 형식의 월(예: 2026-03)이 아닙니다',
  } satisfies Record<ItsmFieldProblemCode, string>,
  types: {
    string: '문자열',
    number: '숫자',
    int: '정수',
    boolean: '참/거짓',
    object: '객체',
    array: '목록',
    null: 'null',
  },
  /** A network or certificate failure's detail (`detailCode`), followed by the code itself. */
  details: {
    ECONNREFUSED: '연결이 거부되었습니다. 그 주소와 포트에서 응답하는 서버가 없습니다',
    ENOTFOUND: 'DNS에 없는 호스트 이름입니다: {{hostname}}',
    EAI_AGAIN: 'DNS 서버가 호스트 이름을 찾지 못했습니다. 일시적인 DNS 장애일 수 있습니다',
    ECONNRESET: '연결이 도중에 끊겼습니다',
    UND_ERR_SOCKET: '서버가 응답을 끝내기 전에 연결을 닫았습니다',
    ETIMEDOUT: '연결 시간이 초과되었습니다. 방화벽이 막고 있거나 서버가 꺼져 있을 수 있습니다',
    UND_ERR_CONNECT_TIMEOUT: '연결 시간이 초과되었습니다. 방화벽이 막고 있거나 서버가 꺼져 있을 수 있습니다',
    UND_ERR_HEADERS_TIMEOUT: '서버가 요청을 받고도 제시간에 응답하지 않았습니다',
    UND_ERR_BODY_TIMEOUT: '서버가 응답을 보내다 멈췄습니다',
    EHOSTUNREACH: '서버까지 가는 경로가 없습니다. 서버가 꺼져 있거나 네트워크가 막혀 있습니다',
    ENETUNREACH: '서버의 네트워크에 닿을 수 없습니다. 이 컴퓨터의 네트워크나 VPN 연결을 확인하세요',
    EPIPE: '요청을 보내는 중에 연결이 끊겼습니다',
    DEPTH_ZERO_SELF_SIGNED_CERT: '서버 인증서가 자체 서명 인증서입니다',
    SELF_SIGNED_CERT_IN_CHAIN:
      '인증서 체인이 이 컴퓨터가 신뢰하지 않는 자체 서명 인증 기관으로 끝납니다. 조직 내부 CA일 수 있습니다',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      '인증서를 발급한 기관을 확인할 수 없습니다. 조직 내부 CA이거나 서버가 중간 인증서를 보내지 않습니다',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
      '인증서를 발급한 기관의 인증서가 이 컴퓨터에 없습니다. 조직 내부 CA일 수 있습니다',
    UNABLE_TO_GET_ISSUER_CERT: '인증서를 발급한 기관의 인증서를 찾을 수 없습니다',
    CERT_HAS_EXPIRED: '인증서 또는 그 발급 기관의 인증서가 만료되었습니다',
    CERT_NOT_YET_VALID: '인증서의 유효 기간이 아직 시작되지 않았습니다. 이 컴퓨터의 시계를 확인하세요',
    ERR_TLS_CERT_ALTNAME_INVALID: '인증서가 {{host}}의 인증서가 아닙니다. 인증서의 이름: {{altnames}}',
    CERT_REVOKED: '발급 기관이 인증서를 폐기했습니다',
    CERT_SIGNATURE_FAILURE: '인증서의 서명이 올바르지 않습니다',
  } satisfies Record<NetworkDetailCode, string>,
  detailCoded: '{{text}} · {{code}}',
  /** sync_crashed's detail when the worker exited. */
  exitCode: '종료 코드 {{exitCode}}',
  /** html_page's title, when the page has one. */
  titled: ' (제목 "{{title}}")',
  /** One ServiceNow record that cannot be read (servicenow_bad_rows, servicenow_unknown_state/_priority/_codes). */
  record: '레코드 {{sysId}}, 필드 {{field}}: {{problem}}',
  recordNumbered: '레코드 {{sysId}}({{number}}), 필드 {{field}}: {{problem}}',
  recordsMore: '외 {{more}}건',
  noLabel: '이름 없음',
  rowProblems: {
    no_sys_id: '레코드에 sys_id가 없습니다',
    field_missing: '필드가 없습니다(통합 사용자가 읽을 수 있는 필드인지 확인하세요)',
    field_not_pair: '{ value, display_value } 문자열이 아닙니다(sysparm_display_value=all)',
    field_empty: '값이 비어 있습니다',
    not_date_time: '"{{value}}"은(는) UTC 날짜·시각(YYYY-MM-DD HH:mm:ss)이 아닙니다',
    not_whole_number: '"{{value}}"은(는) 정수가 아닙니다',
    unknown_state: '알 수 없는 상태 "{{value}}"({{label}}). 연결된 코드: {{mapped}}',
    unknown_priority: '알 수 없는 우선순위 "{{value}}"({{label}}). 연결된 코드: {{mapped}}',
  } satisfies Record<ServiceNowRowProblemCode, string>,
  /** What the server said about its error, in its own words. */
  said: '서버 응답: {{said}}',
  /** How often it was tried (`attempts`, said as the count). */
  attempts_other: '({{count, number}}번 시도한 뒤 멈췄습니다.)',
  /** Where it failed: the connection (with its kind) and the data being read. */
  whereEntity: '({{kind}}연결 "{{source}}", {{entity}})',
  whereSource: '({{kind}}연결 "{{source}}")',
  kinds: { itsm: 'ITSM REST ', servicenow: 'ServiceNow ' },
  /**
   * A run that failed after skipping collections refused to the account (`refused`): one collection,
   * or several (English says "was … it" or "were … them"; no number is shown).
   */
  refusedBeforeOne: '이에 앞서 {{entities}}은(는) 이 계정에 읽기 권한이 없어(403) 건너뛰었습니다.',
  refusedBefore: '이에 앞서 {{entities}}은(는) 이 계정에 읽기 권한이 없어(403) 건너뛰었습니다.',
  /**
   * After collections_refused of an ITSM REST connection: how to turn them off (`skip`: the --skip
   * list, those skipped already and the refused ones, as entity keys).
   */
  refusedSkipAdvice:
    '이 계정이 원래 읽지 않는 항목이라면 설정 → 연결에서 이 연결의 "읽을 항목" 체크를 해제하세요(명령줄: source update {{source}} --skip {{skip}}). 그러면 그 항목 없이 동기화가 성공합니다.',
}

const en = {
  reasons: {
    cancelled: 'The sync was cancelled.',
    http_auth: 'The server refused the credentials (401) at {{url}}.',
    http_forbidden: 'The account may not read {{url}} (403).',
    http_not_found: '{{url}} does not exist on the server (404): check the URL or table name.',
    http_rate_limited: 'The server is rate limiting requests (429) at {{url}}.',
    http_server: 'The server failed ({{status}}) at {{url}}.',
    http_rejected: 'The server rejected the request ({{status}}) at {{url}}.',
    wait_too_long:
      'The server is limiting requests ({{status}}) and asks to wait until {{until}} (Retry-After), longer than a sync waits: sync again after that time. ({{url}})',
    secret_unsendable:
      'The token or password cannot be sent: it holds a line break, another control character or a letter HTTP headers cannot carry. Enter it again in Settings → Connections (or the variable the command line reads).',
    header_unsendable: 'The request header {{header}} holds a character HTTP headers cannot carry.',
    timeout: 'No answer in time from {{url}}.',
    unreachable: 'Cannot reach {{url}} ({{detail}}).',
    no_attempt: 'No attempt was made to reach {{url}}.',
    blocked_port:
      "Cannot connect to {{url}}: port {{port}} is one HTTP clients refuse to use (the Fetch standard's blocked ports). Serve the API on another port, or behind a reverse proxy on an allowed one, and change the connection's URL.",
    certificate: "The server's TLS certificate was not accepted at {{url}} ({{detail}}).",
    plain_http:
      'The server at {{url}} did not answer HTTPS: this port seems to speak plain HTTP. Check the URL (http:// instead of https://, or the HTTPS port).',
    http_redirected:
      "{{url}} redirected the request to another address, {{to}}, where the credentials are not sent: set the connection's URL to the server's own address (https:// instead of http://?).",
    proxy_refused: 'The proxy refused to connect to {{url}} ({{detail}}).',
    not_utf8:
      'The server sent a response that is not UTF-8 text at {{url}}: JSON must be UTF-8 (is the server writing EUC-KR or another legacy encoding?).',
    not_json_one: 'The server sent a response that is not valid JSON ({{count, number}} byte) at {{url}}.',
    not_json_other: 'The server sent a response that is not valid JSON ({{count, number}} bytes) at {{url}}.',
    body_cut:
      "The server's answer from {{url}} broke off before its end ({{detail}}): it closed the connection while sending the page. Check the server's log, and any proxy between it and this PC.",
    html_page:
      "The server answered {{url}} with a web page, not JSON{{titled}}: a sign-in page, a proxy's or gateway's error page, or a ServiceNow instance that is hibernating? Check the URL, and open it in a browser.",
    itsm_not_protocol_page: 'The {{entity}} page from {{url}} is not a protocol page ({{detail}}).',
    itsm_row_rejected:
      '{{entity}} row {{row}} (item {{item}} of the page) was rejected: field "{{field}}": {{problem}}. The page was not stored.',
    itsm_row_rejected_value:
      '{{entity}} row {{row}} (item {{item}} of the page) was rejected: {{problem}}. The page was not stored.',
    itsm_cursor_stuck:
      "The {{entity}} page's next cursor does not move forward ({{updatedAfter}}, {{afterId}}); the sync stopped rather than read the same page again.",
    itsm_me_invalid: '{{url}} did not answer { name, role } ({{detail}}).',
    itsm_cursor_unreadable: 'The stored {{entity}} cursor is not an ITSM REST cursor: run a full sync.',
    unknown_entity: 'Unknown kind of data: {{entity}}.',
    servicenow_invalid_table:
      'The ServiceNow instance does not know the table {{table}} (400 "Invalid table") at {{url}}. Check the table name in Settings → Connections → Edit (incident, or another task table).',
    servicenow_not_a_list: 'ServiceNow answered {{url}} without a { result: [...] } list ({{detail}}).',
    servicenow_keyset_ignored:
      "ServiceNow returned only {{table}} rows at or before the sync's position ({{updatedOn}}, {{sysId}}): the instance ignored the keyset filter, so paging cannot make progress.",
    servicenow_bad_rows_one:
      'ServiceNow {{table}} has {{count, number}} record that cannot be read: {{detail}}',
    servicenow_bad_rows_other:
      'ServiceNow {{table}} has {{count, number}} records that cannot be read: {{detail}}',
    servicenow_unknown_state_one:
      'ServiceNow {{table}} has {{count, number}} record with state codes no map knows, {{states}}: {{detail}}. Map them to a status for this connection, then sync again: Settings → Connections → Edit → State codes, or npm run cli -- source state-map {{name}} {{example}} (STATUS one of {{statuses}}).',
    servicenow_unknown_state_other:
      'ServiceNow {{table}} has {{count, number}} records with state codes no map knows, {{states}}: {{detail}}. Map them to a status for this connection, then sync again: Settings → Connections → Edit → State codes, or npm run cli -- source state-map {{name}} {{example}} (STATUS one of {{statuses}}).',
    servicenow_unknown_priority_one:
      'ServiceNow {{table}} has {{count, number}} record with priority codes no map knows, {{codes}}: {{detail}}. Map them to a priority for this connection, then sync again: Settings → Connections → Edit → Priority codes, or npm run cli -- source priority-map {{name}} {{example}} (PRIORITY one of {{priorities}}).',
    servicenow_unknown_priority_other:
      'ServiceNow {{table}} has {{count, number}} records with priority codes no map knows, {{codes}}: {{detail}}. Map them to a priority for this connection, then sync again: Settings → Connections → Edit → Priority codes, or npm run cli -- source priority-map {{name}} {{example}} (PRIORITY one of {{priorities}}).',
    servicenow_unknown_codes_one:
      'ServiceNow {{table}} has {{count, number}} record with state codes no map knows, {{states}}, and priority codes no map knows, {{codes}}: {{detail}}. Map both for this connection, then sync again: Settings → Connections → Edit → State codes and Priority codes, or npm run cli -- source state-map {{name}} {{stateExample}} (STATUS one of {{statuses}}) and npm run cli -- source priority-map {{name}} {{priorityExample}} (PRIORITY one of {{priorities}}).',
    servicenow_unknown_codes_other:
      'ServiceNow {{table}} has {{count, number}} records with state codes no map knows, {{states}}, and priority codes no map knows, {{codes}}: {{detail}}. Map both for this connection, then sync again: Settings → Connections → Edit → State codes and Priority codes, or npm run cli -- source state-map {{name}} {{stateExample}} (STATUS one of {{statuses}}) and npm run cli -- source priority-map {{name}} {{priorityExample}} (PRIORITY one of {{priorities}}).',
    servicenow_out_of_order:
      'ServiceNow returned {{table}} rows out of (sys_updated_on, sys_id) order at record {{record}}: the instance ignored the ORDERBY or the keyset filter, so paging cannot be trusted.',
    servicenow_srs_only: 'ServiceNow connections provide SRs only, not {{entity}}.',
    servicenow_cursor_unreadable: 'The stored ServiceNow cursor is unreadable: run a full sync.',
    interrupted:
      'The program syncing stopped during the sync (it or the computer shut down). The data received is kept; the next sync goes on from where it stopped.',
    interrupted_silent_one:
      'The process syncing (pid {{pid}}) gave no sign of life for over {{count, number}} minute and was taken to have stopped. The next sync goes on from where it stopped.',
    interrupted_silent_other:
      'The process syncing (pid {{pid}}) gave no sign of life for over {{count, number}} minutes and was taken to have stopped. The next sync goes on from where it stopped.',
    sync_crashed: 'The sync stopped unexpectedly ({{detail}}). Try syncing again.',
    sync_taken_over:
      'While this sync was stopped for too long, another process closed it as interrupted and may have synced the connection since. It stopped without writing its last pages.',
    import_rejected_one: 'Nothing was written: {{count, number}} row has errors.',
    import_rejected_other: 'Nothing was written: {{count, number}} rows have errors.',
    collections_refused:
      'The account may not read {{entities}} (403): skipped in this sync. The other data was synced, and the next sync asks again.',
    sync_store_full:
      "The workspace's disk is full, so the pages received were not saved: free some space on the drive holding {{dir}} and sync again. The sync position stayed before those pages, so the next sync resumes there; the pages saved before are kept.",
    sync_store_io:
      "The workspace's disk failed to write (disk I/O error: the drive or network share holding {{dir}} went away or failed, or a file-size limit was reached), so the pages received were not saved: check that drive and sync again. The sync position stayed before those pages, so the next sync resumes there; the pages saved before are kept.",
    sync_store_readonly:
      "The workspace has become read-only (its folder's permissions changed, its drive is mounted read-only, or its database file was moved), so the pages received were not saved: make {{dir}} and its ops-console.db files writable and sync again. The sync position stayed before those pages, so the next sync resumes there; the pages saved before are kept.",
    sync_store_damaged:
      "The workspace's database in {{dir}} is damaged, so the pages received were not saved: close the app and any command-line run, keep a copy of that folder, then restore it from a backup, or move its ops-console.db files away to start an empty workspace and sync again.",
  },
  fieldProblems: {
    missing: 'the field is missing',
    wrong_type: 'expected {{expected}}, received {{received}}',
    not_one_of: 'not an allowed value; expected one of {{values}}',
    too_long: 'longer than {{limit}} characters',
    too_big: 'greater than {{limit}}',
    too_small: 'less than {{limit}}',
    too_short: 'shorter than {{limit}} characters',
    not_instant: 'not an instant with its offset (e.g. 2025-03-04T09:30:00.000+09:00)',
    not_month: 'not a month written YYYY-MM (e.g. 2026-03)',
  },
  types: {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
    null: 'null',
  },
  details: {
    ECONNREFUSED: 'connection refused: no server answers at that address and port',
    ENOTFOUND: 'DNS does not know the host name {{hostname}}',
    EAI_AGAIN: 'DNS could not look up the host name; a temporary DNS failure?',
    ECONNRESET: 'the connection was reset',
    UND_ERR_SOCKET: 'the server closed the connection before its answer was complete',
    ETIMEDOUT: 'connecting timed out; a firewall may be dropping it, or the server is down',
    UND_ERR_CONNECT_TIMEOUT: 'connecting timed out; a firewall may be dropping it, or the server is down',
    UND_ERR_HEADERS_TIMEOUT: 'the server took the request but did not answer in time',
    UND_ERR_BODY_TIMEOUT: 'the server stopped sending its answer',
    EHOSTUNREACH: 'no route to the server; it is down, or the network is blocked',
    ENETUNREACH: "the server's network cannot be reached; check this computer's network or VPN",
    EPIPE: 'the connection broke while the request was being sent',
    DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed",
    SELF_SIGNED_CERT_IN_CHAIN:
      "the certificate chain ends in a self-signed authority this computer does not trust, such as an organisation's own CA",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      "the authority that issued the certificate cannot be verified: an organisation's own CA, or the server does not send its intermediate certificate",
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
      "the issuing authority's certificate is not on this computer, as with an organisation's own CA",
    UNABLE_TO_GET_ISSUER_CERT: "the issuing authority's certificate cannot be found",
    CERT_HAS_EXPIRED: "the certificate or its authority's has expired",
    CERT_NOT_YET_VALID: "the certificate is not valid yet; check this computer's clock",
    ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is not for {{host}}; it names {{altnames}}',
    CERT_REVOKED: 'the certificate was revoked by its authority',
    CERT_SIGNATURE_FAILURE: "the certificate's signature does not verify",
  },
  detailCoded: '{{text}} · {{code}}',
  exitCode: 'exit code {{exitCode}}',
  titled: ' ("{{title}}")',
  record: 'record {{sysId}}, field {{field}}: {{problem}}',
  recordNumbered: 'record {{sysId}} ({{number}}), field {{field}}: {{problem}}',
  recordsMore: '(and {{more}} more)',
  noLabel: 'no label',
  rowProblems: {
    no_sys_id: 'the record has no sys_id',
    field_missing: 'the field is missing (is it readable by the integration user?)',
    field_not_pair: 'expected { value, display_value } strings (sysparm_display_value=all)',
    field_empty: 'the field is empty',
    not_date_time: '"{{value}}" is not a UTC date-time \'YYYY-MM-DD HH:mm:ss\'',
    not_whole_number: '"{{value}}" is not a whole number',
    unknown_state: 'unknown state "{{value}}" ({{label}}); mapped: {{mapped}}',
    unknown_priority: 'unknown priority "{{value}}" ({{label}}); mapped: {{mapped}}',
  },
  said: 'The server said: {{said}}',
  attempts_one: '(Gave up after {{count, number}} attempt.)',
  attempts_other: '(Gave up after {{count, number}} attempts.)',
  whereEntity: '({{kind}}connection "{{source}}", {{entity}})',
  whereSource: '({{kind}}connection "{{source}}")',
  kinds: { itsm: 'ITSM REST ', servicenow: 'ServiceNow ' },
  refusedBeforeOne:
    'Before that, this sync skipped {{entities}}, a collection the account may not read (403).',
  refusedBefore: 'Before that, this sync skipped {{entities}}, collections the account may not read (403).',
  refusedSkipAdvice:
    'If the account is not meant to read them, untick them under "Collections read" in Settings → Connections (command line: source update {{source}} --skip {{skip}}): the syncs then succeed without them.',
} satisfies English<typeof ko>

export const syncErrorMessages = { key: 'syncErrors', ko, en }
