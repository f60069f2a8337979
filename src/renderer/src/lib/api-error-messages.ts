// ko/en wording of the core's error reasons (API_ERROR_REASON_CODES), under the top-level key
// "apiErrors"; api-error-text.ts fills them. A code missing here shows the core's English message.
import type { ApiErrorReasonCode } from '../../../shared/ipc/error-reasons'

const ko = {
  reasons: {
    store_busy:
      '다른 작업(파일 가져오기, 동기화 또는 계산)이 작업공간에 쓰고 있어 저장하지 못했습니다. 작업이 끝난 뒤 다시 시도하세요.',
    store_full:
      '작업공간 디스크가 가득 찼습니다. {{dir}} 폴더가 있는 드라이브의 공간을 확보한 뒤 다시 시도하세요. 이 작업에서 쓰던 내용은 저장되지 않았고, 그 전에 저장된 데이터는 그대로입니다.',
    store_io:
      '작업공간 디스크를 읽거나 쓰지 못했습니다(디스크 입출력 오류: {{dir}} 폴더가 있는 드라이브나 네트워크 공유가 끊겼거나 고장 났거나, 파일 크기 제한에 걸림). 그 드라이브를 확인한 뒤 다시 시도하세요. 이 작업에서 쓰던 내용은 저장되지 않았고, 그 전에 저장된 데이터는 그대로입니다.',
    store_readonly:
      '작업공간이 읽기 전용이 되어 쓸 수 없습니다(폴더 권한이 바뀌었거나, 드라이브가 읽기 전용으로 연결되었거나, 데이터베이스 파일이 옮겨짐). {{dir}} 폴더와 그 안의 ops-console.db 파일들을 쓸 수 있게 한 뒤 다시 시도하세요. 이 작업에서 쓰던 내용은 저장되지 않았고, 그 전에 저장된 데이터는 그대로입니다.',
    store_damaged:
      '{{dir}} 폴더의 작업공간 데이터베이스가 손상되었습니다. 앱과 명령줄 작업을 모두 닫고 그 폴더를 복사해 둔 뒤, 백업에서 복원하거나 ops-console.db 파일들을 다른 곳으로 옮겨 빈 작업공간으로 시작하고 다시 동기화하세요.',
    // A file to import
    unknown_format: '알 수 없는 형식 "{{format}}"입니다. csv, xlsx, json 중 하나를 쓰세요.',
    xls_file:
      '예전 Excel 형식(.xls) 파일은 가져올 수 없습니다. Excel에서 .xlsx 또는 CSV로 저장한 뒤 다시 선택하세요.',
    unknown_extension:
      '{{file}}: 확장자로 파일 형식을 알 수 없습니다. 파일 이름을 .csv, .xlsx 또는 .json으로 끝나게 바꾸세요.',
    not_a_file: '{{file}}: 파일이 아닙니다.',
    file_unreadable: '{{file}} 파일을 읽을 수 없습니다: {{detail}}',
    file_empty: '{{file}} 파일이 비어 있습니다.',
    file_too_large:
      '{{file}} 파일이 {{size}} MB로 가져오기 한도({{limit}} MB)를 넘습니다. 더 작은 파일로 나누세요.',
    not_xlsx: '파일이 XLSX 통합 문서가 아닙니다(zip 형식이 아닙니다).',
    looks_like_xlsx:
      '파일 내용이 {{format}} 형식이 아니라 XLSX 통합 문서로 보입니다. 확장자를 .xlsx로 바꿔 다시 선택하세요.',
    utf16_text:
      'UTF-16 텍스트 파일입니다(Excel의 "유니코드 텍스트"). Excel에서 "CSV UTF-8" 또는 CSV로 저장하세요.',
    binary_file: '{{format}} 텍스트가 아닌 바이너리 파일입니다.',
    not_text: '파일이 {{format}} 텍스트로 보이지 않습니다(바이너리이거나 알 수 없는 인코딩입니다).',
    too_many_rows: '파일의 행이 {{limit}}개를 넘습니다. 더 작은 파일로 나누세요.',
    too_many_records: '파일의 레코드가 {{limit}}개를 넘습니다. 더 작은 파일로 나누세요.',
    sheet_too_many_rows: '"{{sheet}}" 시트의 행이 {{limit}}개를 넘습니다. 더 작은 파일로 나누세요.',
    // Reading the file
    csv_no_header: 'CSV 파일에 머리글 행이 없습니다(비어 있거나 빈 줄뿐입니다).',
    csv_syntax: 'CSV 구문 오류: {{detail}}',
    csv_syntax_at: 'CSV 구문 오류({{line}}번째 줄 근처): {{detail}}',
    json_invalid: '올바른 JSON 파일이 아닙니다: {{detail}}',
    json_not_list:
      'JSON 파일은 객체의 배열, { "items": [ ... ] }("result", "records"도 가능) 형태이거나 한 줄에 객체 하나씩(JSON Lines)이어야 합니다.',
    json_no_records: 'JSON 파일에 레코드가 없습니다.',
    json_no_fields: 'JSON 레코드가 필드를 가진 객체가 아닙니다.',
    xlsx_unreadable: '읽을 수 있는 XLSX 통합 문서가 아닙니다: {{detail}}',
    no_sheets: '통합 문서에 시트가 없습니다.',
    sheet_not_found: '통합 문서에 "{{sheet}}" 시트가 없습니다. 있는 시트: {{sheets}}',
    sheet_unreadable: '"{{sheet}}" 시트를 읽을 수 없습니다.',
    sheet_empty: '"{{sheet}}" 시트가 비어 있습니다.',
    header_row_past_end:
      '머리글 행으로 고른 {{row}}행은 파일 끝을 넘습니다(파일의 마지막 행은 {{last}}행). 열 이름이 있는 행을 고르세요.',
    header_row_blank: '{{row}}행은 빈 행입니다. 열 이름이 있는 행을 머리글 행으로 고르세요.',
    header_row_json:
      'JSON 파일에는 고를 머리글 행이 없습니다. 레코드가 필드 이름을 가지고 있으며, 머리글 행은 CSV와 XLSX 파일에만 씁니다.',
    damaged_headers:
      '머리글 행에 읽을 수 없는 텍스트(� 또는 제어 문자)가 있습니다: {{headers}}. 파일에서 고치거나 CSV UTF-8로 다시 저장하세요.',
    no_data_rows: '머리글 행만 있고 데이터 행이 없습니다.',
    unknown_time_zone: '알 수 없는 시간대 "{{zone}}"입니다.',
    error_report_unwritable: '{{file}} 오류 목록 파일을 쓸 수 없습니다: {{detail}}',
    // The column mapping
    mapping_invalid: '열 연결이 올바르지 않습니다: {{problems}}',
    mapping_file_unreadable: '{{file}} 열 연결 파일을 읽을 수 없습니다: {{detail}}',
    mapping_file_not_json: '{{file}} 열 연결 파일이 올바른 JSON이 아닙니다: {{detail}}',
    mapping_file_invalid: '{{file}} 열 연결 파일이 올바르지 않습니다: {{problems}}',
    required_column_unmapped: '{{column}}: 필수 열입니다. 파일의 열 하나에 연결하세요.',
    mapped_columns_missing: '연결한 열이 파일에 없습니다: {{columns}}. 파일의 열: {{headers}}',
    duplicate_headers:
      '파일에 이름이 같은 열이 있습니다: {{headers}}. 어느 열을 읽을지 알 수 있도록 남는 열의 이름을 바꾸거나 지우세요.',
    required_columns_missing:
      '필수 열이 없습니다: {{columns}}. 파일의 열: {{headers}}. 머리글 이름을 바꾸거나 열을 연결하세요.',
    // The import wizard's steps
    import_file_gone: '선택한 파일을 더 이상 쓸 수 없습니다. 파일을 다시 선택하세요.',
    import_file_moved:
      '선택한 파일({{file}})이 선택한 자리에 더 이상 없습니다(옮겨졌거나 이름이 바뀌었거나 지워졌습니다). 아무것도 가져오지 않았습니다. 파일을 다시 선택하세요.',
    import_file_unreadable:
      '선택한 파일({{file}})을 읽을 수 없습니다({{detail}}): 읽기 권한이 있는지, 다른 프로그램이 잠그고 있지 않은지 확인한 뒤 다시 시도하세요. 아무것도 가져오지 않았습니다.',
    import_source_lookalike:
      '출처 이름 “{{name}}”: 대소문자만 다른 출처가 이미 있습니다(“{{existing}}”). 같은 시스템에서 내보낸 파일이면 출처 이름을 “{{existing}}” 그대로 쓰고, 다른 시스템의 파일이면 뚜렷이 다른 이름을 쓰세요. 아무것도 가져오지 않았습니다.',
    import_busy: '다른 파일을 확인하거나 가져오는 중입니다. 끝날 때까지 기다리거나 먼저 취소하세요.',
    import_while_syncing: '동기화가 진행 중입니다. 동기화가 끝난 뒤 가져오거나 먼저 동기화를 취소하세요.',
    import_cancelled: '가져오기를 취소했습니다. 아무것도 쓰지 않았습니다.',
    required_columns_unmapped: '먼저 필수 열을 연결하세요: {{columns}}',
    error_list_too_large:
      '오류 목록이 {{limit}} MB를 넘습니다(오류 {{errors}}건). 명령줄에서 저장하세요: import FILE --dry-run --error-report ERRORS.csv',
    import_worker_failed: '가져오기가 예기치 않게 중단되었습니다: {{detail}}',
    import_worker_exited: '가져오기가 예기치 않게 중단되었습니다(종료 코드 {{exitCode}}).',
    workspace_missing: '작업공간 데이터베이스가 없습니다: {{path}}',
    sync_unavailable: '여기서는 백그라운드 동기화를 쓸 수 없습니다. 명령줄의 sync 명령을 쓰세요.',
    // Connections
    source_name_invalid:
      '이름은 영문 소문자나 숫자로 시작하는 40자 이하의 영문 소문자, 숫자, -, _ 입니다 (예: prod-itsm).',
    source_exists: '"{{name}}" 이름의 연결이 이미 있습니다. 다른 이름을 쓰세요.',
    source_not_found: '"{{name}}" 연결이 없습니다(이미 삭제되었을 수 있습니다).',
    unknown_source_kind: '알 수 없는 연결 종류 "{{kind}}"입니다(itsm 또는 servicenow).',
    source_config_invalid: '연결 설정이 올바르지 않습니다: {{problems}}',
    source_syncing_remove:
      '"{{name}}" 연결을 지금 동기화하고 있어 삭제하지 않았습니다. 동기화 화면에서 동기화를 취소하거나 끝날 때까지 기다린 뒤 다시 삭제하세요.',
    source_syncing_change:
      '"{{name}}" 연결을 지금 동기화하고 있어 URL이나 테이블을 바꾸지 않았습니다. 동기화 화면에서 동기화를 취소하거나 끝날 때까지 기다린 뒤 다시 저장하세요.',
    source_syncing_elsewhere:
      '다른 프로세스(pid {{pid}}, 예: 명령줄 동기화)가 "{{name}}" 연결을 지금 동기화하고 있어 동기화하지 않았습니다. 그 동기화가 끝난 뒤 다시 시도하세요.',
    source_syncing_elsewhere_remove:
      '"{{name}}" 연결을 다른 프로세스(pid {{pid}}, 예: 명령줄 동기화)가 지금 동기화하고 있어 삭제하지 않았습니다. 그 동기화가 끝나거나 멈춘 뒤 다시 삭제하세요.',
    source_syncing_elsewhere_change:
      '"{{name}}" 연결을 다른 프로세스(pid {{pid}}, 예: 명령줄 동기화)가 지금 동기화하고 있어 URL이나 테이블을 바꾸지 않았습니다. 그 동기화가 끝나거나 멈춘 뒤 다시 저장하세요.',
    itsm_fields:
      'ITSM REST 연결에는 테이블, 사용자, 비밀번호, 상태 코드, 우선순위 코드, 재읽기 여유가 없습니다(비밀 정보는 토큰입니다).',
    itsm_no_state_map: '"{{name}}" 연결은 ITSM REST 연결입니다. 상태 코드는 ServiceNow 연결에만 있습니다.',
    itsm_no_priority_map:
      '"{{name}}" 연결은 ITSM REST 연결입니다. 우선순위 코드는 ServiceNow 연결에만 있습니다.',
    itsm_no_resume_margin:
      '"{{name}}" 연결은 ITSM REST 연결입니다. 재읽기 여유는 ServiceNow 연결에만 있습니다.',
    skip_srs:
      '서비스 요청(srs)은 동기화의 본래 대상이라 항상 읽으며 끌 수 없습니다. 읽지 않도록 끌 수 있는 항목: {{choices}}',
    skip_unknown: '{{names}}: 읽지 않도록 끌 수 있는 항목이 아닙니다. 다음 중에서 고르세요: {{choices}}',
    servicenow_no_skip:
      '"{{name}}" 연결은 ServiceNow 연결입니다. 읽지 않을 항목은 ITSM REST 연결에만 있습니다(ServiceNow 연결은 테이블 하나만 읽습니다).',
    state_map_code_missing: '"{{name}}" 연결의 상태 코드에 {{code}} 항목이 없습니다.',
    priority_map_code_missing: '"{{name}}" 연결의 우선순위 코드에 {{code}} 항목이 없습니다.',
    servicenow_password_needed: 'ServiceNow 사용자의 비밀번호를 입력하세요.',
    servicenow_secret_needed: '사용자와 비밀번호, 또는 토큰을 입력하세요.',
    sign_in_password_needed: '사용자 "{{user}}"의 비밀번호를 입력하세요.',
    sign_in_token_needed: '토큰으로 로그인하려면 토큰을 입력하세요.',
    proxy_password_needed: '프록시 사용자 "{{user}}"의 프록시 비밀번호를 입력하세요.',
    proxy_user_needed: '프록시 비밀번호를 쓰려면 그 비밀번호의 프록시 사용자도 입력하세요.',
    secrets_unavailable:
      '여기서는 비밀 정보를 저장할 수 없습니다. 명령줄에서는 환경 변수 이름을 지정하세요(--token-env).',
    secret_store_failed: 'OS 키체인에 비밀 정보를 저장하지 못해 연결을 추가하지 않았습니다: {{detail}}',
    secret_missing: '"{{name}}" 연결의 {{secret}} 값이 없습니다. 설정 → 연결에서 입력하세요.',
    secret_missing_env: '"{{name}}" 연결의 {{secret}} 값이 없습니다. 환경 변수 {{env}}에 값을 넣으세요.',
    secret_unreadable:
      '"{{name}}" 연결에 저장된 {{secret}} 값을 복호화할 수 없습니다(OS 키가 바뀌었을 수 있음). 설정 → 연결에서 다시 입력하세요.',
    secret_file_damaged:
      '"{{name}}" 연결의 {{secret}} 값이 있던 비밀 정보 파일이 손상되어 읽을 수 없습니다. 설정 → 연결에서 다시 입력하세요. 손상된 파일은 삭제하지 않고 앱 데이터 폴더에 {{file}}(으)로 보관합니다.',
    keychain_unavailable:
      '"{{name}}" 연결에 저장된 {{secret}} 값을 읽을 수 없습니다. 이 컴퓨터의 OS 키체인을 쓸 수 없습니다. Linux에서는 GNOME Keyring이나 KWallet을 설치하고 잠금을 푼 뒤 앱을 다시 시작하세요.',
    keychain_unavailable_store:
      '이 컴퓨터의 OS 키체인을 쓸 수 없어 "{{name}}" 연결의 비밀 정보를 저장하지 않았고, 연결도 추가하거나 바꾸지 않았습니다. 비밀 정보는 평문으로 저장하지 않습니다. Linux에서는 GNOME Keyring이나 KWallet을 설치하고 잠금을 푼 뒤 앱을 다시 시작하세요. 명령줄(CLI)에서는 비밀 정보를 환경 변수로 줄 수 있습니다.',
    // A connection's CA certificate file
    ca_empty: 'CA 인증서 파일이 비어 있습니다.',
    ca_too_large: 'CA 인증서 파일이 {{size}} KiB입니다. CA 인증서 파일은 {{limit}} KiB 이하여야 합니다.',
    ca_private_key:
      '이 파일에는 개인 키가 들어 있습니다. 서버 인증서를 발급한 인증기관(CA)의 인증서(공개 정보)를 선택하세요. 개인 키는 필요 없으며 저장하지 않았습니다.',
    ca_no_certificate: '파일에 {{found}}만 있고 인증서(CERTIFICATE)가 없습니다. CA 인증서를 선택하세요.',
    ca_too_many: '파일에 인증서가 {{count}}개 있습니다. 인증서는 {{limit}}개까지만 추가할 수 있습니다.',
    ca_not_certificate:
      '인증서가 아닙니다. PEM 파일(-----BEGIN CERTIFICATE-----) 또는 DER 형식의 .cer 파일을 선택하세요.',
    ca_unreadable: '인증서를 읽을 수 없습니다({{detail}}).',
    ca_unreadable_of: '인증서 {{count}}개 중 {{index}}번째를 읽을 수 없습니다({{detail}}).',
    ca_expired:
      '{{subject}} 인증서는 {{day}}에 만료되어 서버를 확인할 수 없습니다. 현재 인증서를 요청하세요.',
    ca_expired_of:
      '인증서 {{count}}개 중 {{index}}번째({{subject}})가 {{day}}에 만료되어 서버를 확인할 수 없습니다. 현재 인증서를 요청하세요.',
    ca_not_yet_valid: '{{subject}} 인증서는 {{day}}부터 유효하므로 아직 쓸 수 없습니다.',
    ca_not_yet_valid_of:
      '인증서 {{count}}개 중 {{index}}번째({{subject}})는 {{day}}부터 유효하므로 아직 쓸 수 없습니다.',
  } satisfies Record<ApiErrorReasonCode, string>,
  // Added after a column mapping error of a workbook sheet when the workbook has other sheets.
  otherSheets: '(읽은 시트: "{{sheet}}". 통합 문서의 다른 시트: {{otherSheets}}. 시트 목록에서 고르세요.)',
  // The `secret` param of secret_missing(_env).
  secretKinds: { token: '토큰', password: '비밀번호', proxyPassword: '프록시 비밀번호' },
  // The `dir` of a store failure (store_full …) when the core did not know the workspace folder.
  workspaceFolder: '작업공간',
}

const en: typeof ko = {
  reasons: {
    store_busy:
      'Another task (a file import, a sync or a calculation) is writing to the workspace, so this could not be saved. Try again once it has finished.',
    store_full:
      "The workspace's disk is full: free some space on the drive holding {{dir}} and try again. What this step was writing was not saved; the data saved before it is unchanged.",
    store_io:
      "The workspace's disk failed to read or write (disk I/O error: the drive or network share holding {{dir}} went away or failed, or a file-size limit was reached): check that drive and try again. What this step was writing was not saved; the data saved before it is unchanged.",
    store_readonly:
      "The workspace has become read-only (its folder's permissions changed, its drive is mounted read-only, or its database file was moved): make {{dir}} and its ops-console.db files writable and try again. What this step was writing was not saved; the data saved before it is unchanged.",
    store_damaged:
      "The workspace's database in {{dir}} is damaged: close the app and any command-line run, keep a copy of that folder, then restore it from a backup, or move its ops-console.db files away to start an empty workspace and sync again.",
    unknown_format: 'Unknown format "{{format}}": use csv, xlsx or json.',
    xls_file:
      'Old Excel .xls files cannot be imported: save the sheet as .xlsx or CSV in Excel, then choose it again.',
    unknown_extension:
      '{{file}}: the format cannot be told from the extension. Rename the file to end in .csv, .xlsx or .json.',
    not_a_file: '{{file}}: not a file.',
    file_unreadable: 'Cannot read the file {{file}}: {{detail}}',
    file_empty: 'The file {{file}} is empty.',
    file_too_large:
      'The file {{file}} is {{size}} MB, over the import limit of {{limit}} MB: split it into smaller files.',
    not_xlsx: 'The file is not an XLSX workbook (not a zip archive).',
    looks_like_xlsx:
      'The file looks like an XLSX workbook, not {{format}}: rename it to .xlsx and choose it again.',
    utf16_text: 'The file is UTF-16 text ("Unicode text" in Excel): save it as "CSV UTF-8" or plain CSV.',
    binary_file: 'The file is binary, not {{format}} text.',
    not_text: 'The file does not look like {{format}} text (binary or an unknown encoding).',
    too_many_rows: 'The file has more than {{limit}} rows: split it into smaller files.',
    too_many_records: 'The file has more than {{limit}} records: split it into smaller files.',
    sheet_too_many_rows: 'The sheet "{{sheet}}" has more than {{limit}} rows: split it into smaller files.',
    csv_no_header: 'The CSV file has no header row (it is empty or blank).',
    csv_syntax: 'CSV syntax error: {{detail}}',
    csv_syntax_at: 'CSV syntax error near line {{line}}: {{detail}}',
    json_invalid: 'The file is not valid JSON: {{detail}}',
    json_not_list:
      'The JSON file must be an array of objects, { "items": [ ... ] } (or "result", "records"), or one object per line (JSON Lines).',
    json_no_records: 'The JSON file has no records.',
    json_no_fields: 'The JSON records are not objects with fields.',
    xlsx_unreadable: 'The file is not a readable XLSX workbook: {{detail}}',
    no_sheets: 'The workbook has no sheets.',
    sheet_not_found: 'The workbook has no sheet "{{sheet}}". Its sheets: {{sheets}}',
    sheet_unreadable: 'The sheet "{{sheet}}" could not be read.',
    sheet_empty: 'The sheet "{{sheet}}" is empty.',
    header_row_past_end: 'Header row {{row}} is past the end of the file: its last row is {{last}}.',
    header_row_blank: 'Row {{row}} is blank: choose the row that holds the column names as the header row.',
    header_row_json:
      'A JSON file has no header row to choose: its records name their fields (a header row applies to CSV and XLSX files only).',
    damaged_headers:
      'The header row has text that could not be read (� or control characters): {{headers}}. Fix it in the file or save it again as CSV UTF-8.',
    no_data_rows: 'The file has a header row but no data rows.',
    unknown_time_zone: 'Unknown time zone "{{zone}}".',
    error_report_unwritable: 'Cannot write the error list {{file}}: {{detail}}',
    mapping_invalid: 'Invalid column mapping: {{problems}}',
    mapping_file_unreadable: 'Cannot read the mapping file {{file}}: {{detail}}',
    mapping_file_not_json: 'The mapping file {{file}} is not valid JSON: {{detail}}',
    mapping_file_invalid: 'Invalid mapping file {{file}}: {{problems}}',
    required_column_unmapped: "{{column}}: required; map it to one of the file's columns.",
    mapped_columns_missing: 'Mapped columns the file does not have: {{columns}}. Its columns: {{headers}}',
    duplicate_headers:
      'The file has more than one column named {{headers}}: rename or delete the extra ones so it is clear which to read.',
    required_columns_missing:
      'Missing required columns: {{columns}}. The file’s columns: {{headers}}. Rename the headers or map the columns.',
    import_file_gone: 'The chosen file is no longer available: choose it again.',
    import_file_moved:
      'The chosen file {{file}} is no longer where it was chosen (moved, renamed or deleted). Nothing was imported: choose the file again.',
    import_file_unreadable:
      'The chosen file {{file}} cannot be read ({{detail}}): check that you may read it and that no other program holds it locked, then try again. Nothing was imported.',
    import_source_lookalike:
      'The source name “{{name}}” differs from the existing source “{{existing}}” only in capitals: for a file of the same system give “{{existing}}” as it is, for another system a clearly different name. Nothing was imported.',
    import_busy: 'A file is being checked or imported: wait for it or cancel it first.',
    import_while_syncing:
      'A sync is running: import the file once it has finished, or cancel the sync first.',
    import_cancelled: 'The import was cancelled. Nothing was written.',
    required_columns_unmapped: 'Map the required columns first: {{columns}}',
    error_list_too_large:
      'The error list is over {{limit}} MB ({{errors}} errors): write it with the command line: import FILE --dry-run --error-report ERRORS.csv',
    import_worker_failed: 'The import stopped unexpectedly: {{detail}}',
    import_worker_exited: 'The import stopped unexpectedly (exit code {{exitCode}}).',
    workspace_missing: 'No workspace database at {{path}}',
    sync_unavailable: 'Background sync is not available here; use sync on the command line.',
    source_name_invalid:
      'A name is 1–40 lower-case letters, digits, "-" or "_", starting with a letter or digit (e.g. prod-itsm).',
    source_exists: 'A connection named "{{name}}" exists already. Choose another name.',
    source_not_found: 'There is no connection "{{name}}" (it may have been removed).',
    unknown_source_kind: 'Unknown connection kind "{{kind}}" (itsm or servicenow).',
    source_config_invalid: 'Invalid connection settings: {{problems}}',
    source_syncing_remove:
      'The connection "{{name}}" is syncing now, so it was not removed. Cancel the sync on the Sync screen or wait until it has finished, then remove it again.',
    source_syncing_change:
      'The connection "{{name}}" is syncing now, so its URL or table was not changed. Cancel the sync on the Sync screen or wait until it has finished, then save again.',
    source_syncing_elsewhere:
      'Another process (pid {{pid}}, e.g. a command-line sync) is syncing the connection "{{name}}" now, so it was not synced. Try again when that sync has ended.',
    source_syncing_elsewhere_remove:
      'The connection "{{name}}" is being synced by another process (pid {{pid}}, e.g. a command-line sync), so it was not removed. Wait until that sync has finished or stop it, then remove it again.',
    source_syncing_elsewhere_change:
      'The connection "{{name}}" is being synced by another process (pid {{pid}}, e.g. a command-line sync), so its URL or table was not changed. Wait until that sync has finished or stop it, then save again.',
    itsm_fields:
      'An ITSM REST connection has no table, user, password, state codes, priority codes or re-read margin (its secret is a token).',
    itsm_no_state_map: '"{{name}}" is an ITSM REST connection: only ServiceNow connections have state codes.',
    itsm_no_priority_map:
      '"{{name}}" is an ITSM REST connection: only ServiceNow connections have priority codes.',
    itsm_no_resume_margin:
      '"{{name}}" is an ITSM REST connection: only ServiceNow connections have a re-read margin.',
    skip_srs:
      'The service requests (srs) cannot be turned off: they are what a sync is for. The collections a connection can skip: {{choices}}',
    skip_unknown: '{{names}}: not a collection a connection can skip. Choose from: {{choices}}',
    servicenow_no_skip:
      '"{{name}}" is a ServiceNow connection: only ITSM REST connections have collections to skip (a ServiceNow connection reads its one table).',
    state_map_code_missing: 'The connection "{{name}}" has no state code {{code}}.',
    priority_map_code_missing: 'The connection "{{name}}" has no priority code {{code}}.',
    servicenow_password_needed: 'Enter the password of the ServiceNow user.',
    servicenow_secret_needed: 'Enter a user and password, or a token.',
    sign_in_password_needed: 'Signing in as "{{user}}" needs its password.',
    sign_in_token_needed: 'Signing in with a token needs the token.',
    proxy_password_needed: 'Enter the proxy password of the proxy user "{{user}}".',
    proxy_user_needed: 'A proxy password needs the proxy user it belongs to.',
    secrets_unavailable:
      'Secrets cannot be stored here; on the command line name an environment variable (--token-env).',
    secret_store_failed:
      'The OS keychain could not store the secret, so the connection was not added: {{detail}}',
    secret_missing: 'The connection "{{name}}" has no {{secret}}: enter it in Settings → Connections.',
    secret_missing_env: 'The connection "{{name}}" has no {{secret}}: set the environment variable {{env}}.',
    secret_unreadable:
      'The stored {{secret}} of the connection "{{name}}" cannot be decrypted (the OS key may have changed): enter it again in Settings → Connections.',
    secret_file_damaged:
      'The {{secret}} of the connection "{{name}}" was in a secrets file that is damaged and cannot be read: enter it again in Settings → Connections. The damaged file is kept, not deleted, as {{file}} in the app\'s data folder.',
    keychain_unavailable:
      'The stored {{secret}} of the connection "{{name}}" cannot be read: this computer offers no OS keychain. On Linux, install and unlock GNOME Keyring or KWallet, then restart the app.',
    keychain_unavailable_store:
      'This computer offers no OS keychain, so the secrets of the connection "{{name}}" were not stored and the connection was not added or changed. Secrets are never stored in plain text. On Linux, install and unlock GNOME Keyring or KWallet, then restart the app. The command line can take secrets from environment variables.',
    ca_empty: 'The CA certificate file is empty.',
    ca_too_large: 'The CA certificate file is {{size}} KiB; a CA certificate file is at most {{limit}} KiB.',
    ca_private_key:
      'This file holds a private key. Choose the certificate of the authority that signed the server certificate (it is public); a key is never needed and was not kept.',
    ca_no_certificate: 'The file holds {{found}} but no CERTIFICATE: choose the CA certificate.',
    ca_too_many: 'The file holds {{count}} certificates; at most {{limit}} can be added.',
    ca_not_certificate:
      'This is not a certificate: choose a PEM file (-----BEGIN CERTIFICATE-----) or a DER .cer file.',
    ca_unreadable: 'The certificate could not be read ({{detail}}).',
    ca_unreadable_of: 'Certificate {{index}} of {{count}} could not be read ({{detail}}).',
    ca_expired: '{{subject}} expired on {{day}}; it cannot verify any server. Ask for the current one.',
    ca_expired_of:
      'Certificate {{index}} of {{count}} ({{subject}}) expired on {{day}}; it cannot verify any server. Ask for the current one.',
    ca_not_yet_valid: '{{subject}} is not valid before {{day}}.',
    ca_not_yet_valid_of: 'Certificate {{index}} of {{count}} ({{subject}}) is not valid before {{day}}.',
  },
  otherSheets:
    '(Read the sheet "{{sheet}}"; the workbook also has {{otherSheets}}: choose one from the sheet list.)',
  secretKinds: { token: 'token', password: 'password', proxyPassword: 'proxy password' },
  workspaceFolder: 'the workspace folder',
}

export const apiErrorMessages = { key: 'apiErrors', ko, en }
