// ko/en messages of the import wizard (SPEC §10), under the top-level key "importWizard".
import type { ImportSourceNameProblem } from '../../../../shared/import-source-name'
import type { ImportRowErrorCode } from '../../../../shared/ipc/types-sync'
import type { English } from '../../i18n/messages'

// How to write a timestamp, after each date error.
const DATE_HINT_KO =
  '2026-03-02T09:30:00+09:00 같은 ISO 8601(오프셋이 없으면 작업 공간 시간대) 또는 Excel 날짜로 적으세요'
const DATE_HINT_EN =
  'use ISO 8601 such as 2026-03-02T09:30:00+09:00 (no offset = workspace time zone) or an Excel date'

const ko = {
  title: '파일 가져오기',
  close: '닫기',
  steps: {
    choose: '파일 선택',
    map: '열 연결',
    preview: '미리보기',
    errors: '행 오류',
    result: '결과',
    // The row-error step of a check that found none: skipped, not done.
    noErrors: '행 오류 없음',
  },
  stepsLabel: '가져오기 단계',
  stepTitle: '{{n}}단계 · {{name}}',
  choose: '파일 선택…',
  chooseOther: '다른 파일 선택…',
  failedTitle: '파일 가져오기를 진행하지 못했습니다',
  problemTitle: '이대로는 가져올 수 없습니다',
  chooseHint:
    'CSV(UTF-8 또는 CP949), XLSX, JSON 파일. 열 이름 행 위의 제목 줄(보고서 제목, 작성일 등)은 건너뜁니다.',
  // Under the hint: where the header row read is said, and changed, once a file is chosen.
  chooseHeaderHint:
    '파일을 고르면 머리글로 읽은 행을 파일 이름 옆에 보여 줍니다. 다른 행이면 바로 아래 “머리글 행”에서 고르세요.',
  chosen: '{{name}} ({{size}})',
  fileInfo_other: '{{format}} · {{encoding}} · 열 {{count, number}}개',
  fileInfoSheet_other: 'XLSX · 시트 “{{sheet}}” · 열 {{count, number}}개',
  // The file line's last part: the row read as the header (CSV and XLSX), whichever it is.
  fileHeaderRow: '머리글 {{row, number}}행',
  fileHeaderRows: '머리글 {{row, number}}–{{last, number}}행',
  // The header found below a title block (count: the rows above it, skipped).
  headerRow_other: '머리글: {{row, number}}행 (위의 {{count, number}}행은 제목으로 보고 건너뜀)',
  // A header over two rows (last: its second row), below a title block or not.
  headerRows_other:
    '머리글: {{row, number}}–{{last, number}}행 (위의 {{count, number}}행은 제목으로 보고 건너뜀)',
  headerRowsOnly: '머리글: {{row, number}}–{{last, number}}행 (두 행에 걸친 열 이름)',
  // The list of rows to take as the header: each row's number and its first cells.
  headerRowLabel: '머리글 행',
  headerRowChoice: '{{row, number}}행: {{cells}}',
  headerRowsChoice: '{{row, number}}–{{last, number}}행: {{cells}}',
  // No row named a known column: the first non-blank row was taken, which may be a title.
  headerFallback: '열 이름을 알아보지 못해 첫 행을 머리글로 했습니다. 다르면 머리글 행을 고르세요.',
  sheet: '시트',
  sourceName: '출처 이름',
  sourcePlaceholder: '비워 두면 {{name}}',
  sourceHint:
    '같은 시스템에서 내보낸 파일은 같은 이름으로 가져와야 그 SR이 갱신됩니다. SR 번호가 다른 시스템과 겹치는 시스템에는 따로 이름을 주세요.',
  sourceKnown_other: 'SR {{count, number}}건',
  sourceKnownAt_other: 'SR {{count, number}}건 · 마지막 가져오기 {{at}}',
  sourceInvalid: {
    blank: '출처 이름을 입력하거나 비워 두세요 (비우면 file)',
    tooLong: '출처 이름은 40자 이하여야 합니다',
    colon: '출처 이름에는 ":"를 쓸 수 없습니다',
    control: '출처 이름에는 줄바꿈, 탭 같은 제어 문자나 보이지 않는 문자를 쓸 수 없습니다',
  } satisfies Record<ImportSourceNameProblem, string>,
  resultSource: '출처 “{{name}}”(import:{{name}})에 저장했습니다',
  mapIntro: '파일의 열을 표준 열에 연결하세요. 이름이 같거나 널리 쓰이는 한글 이름은 자동으로 연결됩니다.',
  columnNames: {
    id: 'SR 번호',
    tenant: '기관',
    title: '제목',
    category: '분류',
    priority: '우선순위',
    status: '상태',
    requester: '요청자',
    assignee: '담당자',
    created_at: '생성 일시',
    first_response_at: '첫 응답 일시',
    resolved_at: '해결 일시',
    closed_at: '종료 일시',
    updated_at: '수정 일시',
    reassignment_count: '재배정 횟수',
    reopen_count: '재오픈 횟수',
  },
  required: '필수',
  notMapped: '(연결 안 함)',
  missing: '필수 열이 연결되지 않았습니다: {{columns}}',
  values: '값 변환',
  valuesIntro: '표준 값이 아닌 {{column}} 값을 골라 주세요.',
  check: '확인',
  // Said with the number of rows as the count; valid and errors come formatted.
  summary_other: '{{count, number}}행 중 정상 {{valid}}행, 오류 {{errors}}행',
  sampleTitle_other: '처음 {{count, number}}행',
  errorsTitle_other: '행 오류 {{count, number}}건',
  errorsMore:
    '오류 {{total}}건 중 처음 {{listed}}건만 나열합니다. 전체 목록은 "오류 목록 저장 (CSV)"으로 받을 수 있습니다.',
  errorPages: '행 오류 페이지',
  errorRange: '{{from}}–{{to}} / {{total}}건',
  noErrors: '오류가 없습니다',
  errorCols: { row: '행', column: '열', value: '값', message: '내용' },
  importAll: '가져오기',
  importValid_other: '정상 행만 가져오기 ({{count, number}}행)',
  blockedByErrors: '오류가 있는 행이 있으면 아무것도 쓰지 않습니다. 파일을 고치거나 정상 행만 가져오세요.',
  saveErrors: '오류 목록 저장 (CSV)',
  errorsSaved_other: '오류 {{count, number}}건을 CSV 파일({{fileName}})로 내보냈습니다',
  importing: '가져오는 중…',
  checkAgain: '열 연결이나 값 변환을 바꿨습니다. 가져오기 전에 [확인]으로 파일을 다시 확인하세요.',
  progress: {
    checking: '파일 확인 중',
    importing: '가져오는 중',
    // The rows so far as the count; "of" messages count the total, the rows so far come formatted.
    opening_other: '통합 문서 여는 중: {{count, number}}행 확인',
    reading_other: '읽는 중: {{count, number}}행',
    readingOf_other: '읽는 중: {{rows}} / {{count, number}}행',
    writing_other: '쓰는 중: {{rows}} / {{count, number}}행',
    cancel: '취소',
    cancelling: '취소하는 중…',
  },
  cancelledRun: '가져오기를 취소했습니다. 아무것도 쓰지 않았습니다.',
  cancelledCheck: '파일 확인을 취소했습니다.',
  imported_other: '{{count, number}}행을 가져왔습니다',
  stale_other: '저장된 데이터가 더 새로워 {{count, number}}행은 건너뛰었습니다',
  rejected_other: '{{count, number}}행에 오류가 있어 아무것도 쓰지 않았습니다',
  leftOut_other: '전체 {{rows}}행 중 오류가 있는 {{count, number}}행은 가져오지 않았습니다',
  again: '다른 파일 가져오기',
  back: '이전',
  next: '다음',
  sample: {
    id: '번호',
    tenant: '기관',
    title: '제목',
    priority: '우선순위',
    status: '상태',
    created: '생성',
  },
  // A row error's column in its wording: the label above and the canonical name the file and the
  // CLI use.
  columnRef: '{{label}}({{column}})',
  // Row errors by reason code (ImportRowErrorReason); unknown codes show the core's English message.
  rowErrors: {
    required: '{{column}}: 필수 값이 비어 있습니다',
    not_whole_number: '{{column}}: 정수여야 합니다',
    negative: '{{column}}: 음수일 수 없습니다',
    unknown_value:
      '{{column}}: 알 수 없는 값입니다. {{expected}} 중 하나여야 합니다(또는 값 변환에서 뜻을 고르세요)',
    before_created: '{{column}}: 생성 일시(created_at)보다 이릅니다',
    finished_time_unmapped:
      '{{column}}: 상태가 {{status}}인데 해결·종료·수정 일시(resolved_at, closed_at, updated_at)가 모두 없어 끝난 시각을 알 수 없습니다. 그 시각이 있는 열을 연결하세요',
    finished_time_blank:
      '{{column}}: 상태가 {{status}}인데 해결·종료·수정 일시(resolved_at, closed_at, updated_at)가 모두 없어 끝난 시각을 알 수 없습니다. 값을 채우세요',
    invalid_date: `{{column}}: 올바른 날짜가 아닙니다. ${DATE_HINT_KO}`,
    not_epoch_ms: `{{column}}: 밀리초 단위 epoch 시각이 아닙니다. ${DATE_HINT_KO}`,
    number_not_date: `{{column}}: 이 숫자는 날짜로 읽을 수 없습니다. ${DATE_HINT_KO}`,
    boolean_not_date: `{{column}}: 날짜가 아닙니다. ${DATE_HINT_KO}`,
    invalid_date_text: `{{column}}: 올바른 날짜/시각이 아닙니다. ${DATE_HINT_KO}`,
    excel_error_value: '{{column}}: {{cell}} 셀이 Excel 오류 값 {{error}}입니다',
    formula_no_result:
      '{{column}}: {{cell}} 셀의 수식에 저장된 결과가 없습니다. Excel에서 파일을 열어 저장하세요',
    formula_error: '{{column}}: {{cell}} 셀의 수식 오류 {{error}}. 수식을 고치세요',
    formula_error_unknown:
      '{{column}}: {{cell}} 셀의 수식 오류(Excel에는 #DIV/0!, #N/A 같은 오류로 보입니다). 수식을 고치세요',
    extra_fields:
      '이 행은 필드가 {{fields}}개인데 머리글은 {{headers}}개입니다(따옴표로 감싸지 않은 구분자가 있나요?)',
    not_json_object: 'JSON 객체가 아닌 레코드입니다',
    duplicate_id: '{{column}}: {{firstRow}}행과 중복됩니다. SR 하나는 파일에 한 번만 나올 수 있습니다',
    undecodable_text:
      '올바른 {{encoding}} 텍스트가 아닙니다. �는 읽을 수 없는 바이트입니다(파일에 읽을 수 없는 바이트 열 {{count}}개). 파일의 값을 고치거나 CSV UTF-8로 다시 저장하세요',
    undecodable_text_at:
      '올바른 {{encoding}} 텍스트가 아닙니다. �는 읽을 수 없는 바이트입니다(파일에 읽을 수 없는 바이트 열 {{count}}개, 첫 번째는 바이트 위치 {{firstAt}}). 파일의 값을 고치거나 CSV UTF-8로 다시 저장하세요',
    damaged_text:
      '잘못된 텍스트 변환으로 생긴 � 또는 제어 문자(U+0080–U+009F)가 있습니다. 파일의 값을 고치세요',
  } satisfies Record<ImportRowErrorCode, string>,
}
const en: English<typeof ko> = {
  title: 'Import a file',
  close: 'Close',
  steps: {
    choose: 'Choose file',
    map: 'Map columns',
    preview: 'Preview',
    errors: 'Row errors',
    result: 'Result',
    noErrors: 'No row errors',
  },
  stepsLabel: 'Import steps',
  stepTitle: 'Step {{n}}: {{name}}',
  choose: 'Choose a file…',
  chooseOther: 'Choose another file…',
  failedTitle: 'The import could not go on',
  problemTitle: 'The file cannot be imported as it is',
  chooseHint:
    'CSV (UTF-8 or CP949), XLSX or JSON. Title lines above the row of column names (a report title, a date) are skipped.',
  chooseHeaderHint:
    'Once a file is chosen, the row read as its header is shown next to its name. If it is the wrong row, choose another under “Header row” just below.',
  chosen: '{{name}} ({{size}})',
  fileInfo_one: '{{format}} · {{encoding}} · {{count, number}} column',
  fileInfo_other: '{{format}} · {{encoding}} · {{count, number}} columns',
  fileInfoSheet_one: 'XLSX · sheet “{{sheet}}” · {{count, number}} column',
  fileInfoSheet_other: 'XLSX · sheet “{{sheet}}” · {{count, number}} columns',
  fileHeaderRow: 'header: row {{row, number}}',
  fileHeaderRows: 'header: rows {{row, number}}–{{last, number}}',
  headerRow_one: 'Header: row {{row, number}} (the row above it was taken as a title and skipped)',
  headerRow_other:
    'Header: row {{row, number}} (the {{count, number}} rows above it were taken as a title and skipped)',
  headerRows_one:
    'Header: rows {{row, number}}–{{last, number}} (the row above them was taken as a title and skipped)',
  headerRows_other:
    'Header: rows {{row, number}}–{{last, number}} (the {{count, number}} rows above them were taken as a title and skipped)',
  headerRowsOnly: 'Header: rows {{row, number}}–{{last, number}} (column names over two rows)',
  headerRowLabel: 'Header row',
  headerRowChoice: 'Row {{row, number}}: {{cells}}',
  headerRowsChoice: 'Rows {{row, number}}–{{last, number}}: {{cells}}',
  headerFallback:
    'No column names were recognised, so the first row was taken as the header. If they are on another row, choose it as the header row.',
  sheet: 'Sheet',
  sourceName: 'Source name',
  sourcePlaceholder: 'Empty: {{name}}',
  sourceHint:
    'Files exported from the same system must use the same name so their SRs are updated. A system whose SR numbers overlap another’s gets its own name.',
  sourceKnown_one: '{{count, number}} SR',
  sourceKnown_other: '{{count, number}} SRs',
  sourceKnownAt_one: '{{count, number}} SR · last imported {{at}}',
  sourceKnownAt_other: '{{count, number}} SRs · last imported {{at}}',
  sourceInvalid: {
    blank: 'Type a source name or leave the field empty (empty: file)',
    tooLong: 'A source name is at most 40 characters',
    colon: 'A source name cannot contain ":"',
    control: 'A source name cannot contain line breaks, tabs or other control or invisible characters',
  },
  resultSource: 'Kept under the source “{{name}}” (import:{{name}})',
  mapIntro:
    'Map the file’s columns to the canonical columns. Equal names and common Korean names are matched automatically.',
  columnNames: {
    id: 'SR ID',
    tenant: 'Tenant',
    title: 'Title',
    category: 'Category',
    priority: 'Priority',
    status: 'Status',
    requester: 'Requester',
    assignee: 'Assignee',
    created_at: 'Created',
    first_response_at: 'First response',
    resolved_at: 'Resolved',
    closed_at: 'Closed',
    updated_at: 'Updated',
    reassignment_count: 'Reassignments',
    reopen_count: 'Reopens',
  },
  required: 'required',
  notMapped: '(not mapped)',
  missing: 'Required columns not mapped: {{columns}}',
  values: 'Value translation',
  valuesIntro: 'Choose what these {{column}} values mean.',
  check: 'Check',
  summary_one: '{{count, number}} row: {{valid}} valid, {{errors}} with errors',
  summary_other: '{{count, number}} rows: {{valid}} valid, {{errors}} with errors',
  sampleTitle_one: 'First row',
  sampleTitle_other: 'First {{count, number}} rows',
  errorsTitle_one: '{{count, number}} row error',
  errorsTitle_other: '{{count, number}} row errors',
  errorsMore:
    'The first {{listed}} of {{total}} errors are listed: "Save the error list (CSV)" gives them all.',
  errorPages: 'Row error pages',
  errorRange: '{{from}}–{{to}} of {{total}}',
  noErrors: 'No errors',
  errorCols: { row: 'Row', column: 'Column', value: 'Value', message: 'Problem' },
  importAll: 'Import',
  importValid_one: 'Import the valid row only ({{count, number}})',
  importValid_other: 'Import the valid rows only ({{count, number}})',
  blockedByErrors:
    'Nothing is written while any row has an error. Fix the file or import the valid rows only.',
  saveErrors: 'Save the error list (CSV)',
  errorsSaved_one: '{{count, number}} row error exported as a CSV file ({{fileName}})',
  errorsSaved_other: '{{count, number}} row errors exported as a CSV file ({{fileName}})',
  importing: 'Importing…',
  checkAgain: 'The column mapping or a value translation has changed. Check the file again before importing.',
  progress: {
    checking: 'Checking the file',
    importing: 'Importing',
    opening_one: 'Opening the workbook: {{count, number}} row seen',
    opening_other: 'Opening the workbook: {{count, number}} rows seen',
    reading_one: 'Reading: {{count, number}} row',
    reading_other: 'Reading: {{count, number}} rows',
    readingOf_one: 'Reading: {{rows}} of {{count, number}} row',
    readingOf_other: 'Reading: {{rows}} of {{count, number}} rows',
    writing_one: 'Writing: {{rows}} of {{count, number}} row',
    writing_other: 'Writing: {{rows}} of {{count, number}} rows',
    cancel: 'Cancel',
    cancelling: 'Cancelling…',
  },
  cancelledRun: 'The import was cancelled. Nothing was written.',
  cancelledCheck: 'The file check was cancelled.',
  imported_one: '{{count, number}} row imported',
  imported_other: '{{count, number}} rows imported',
  stale_one: '{{count, number}} row skipped: the stored data is newer',
  stale_other: '{{count, number}} rows skipped: the stored data is newer',
  rejected_one: 'Nothing was written: {{count, number}} row has errors',
  rejected_other: 'Nothing was written: {{count, number}} rows have errors',
  leftOut_one: '{{count, number}} of the file’s {{rows}} rows has errors and was not imported',
  leftOut_other: '{{count, number}} of the file’s {{rows}} rows have errors and were not imported',
  again: 'Import another file',
  back: 'Back',
  next: 'Next',
  sample: {
    id: 'ID',
    tenant: 'Tenant',
    title: 'Title',
    priority: 'Priority',
    status: 'Status',
    created: 'Created',
  },
  // The canonical name alone, as the CLI and the error report say it.
  columnRef: '{{column}}',
  // As the core's messages, but for the wizard: unknown values are translated on this screen.
  rowErrors: {
    required: '{{column}}: is required',
    not_whole_number: '{{column}}: must be a whole number',
    negative: '{{column}}: must not be negative',
    unknown_value:
      '{{column}}: unknown value; expected {{expected}} (or choose what it means under Value translation)',
    before_created: '{{column}}: is before created_at',
    finished_time_unmapped:
      '{{column}}: status {{status}} but no resolved_at, closed_at or updated_at, so when it finished is unknown; map the column that holds it',
    finished_time_blank:
      '{{column}}: status {{status}} but no resolved_at, closed_at or updated_at, so when it finished is unknown; fill it',
    invalid_date: `{{column}}: invalid date; ${DATE_HINT_EN}`,
    not_epoch_ms: `{{column}}: not epoch milliseconds; ${DATE_HINT_EN}`,
    number_not_date: `{{column}}: a number is not a date here; ${DATE_HINT_EN}`,
    boolean_not_date: `{{column}}: not a date; ${DATE_HINT_EN}`,
    invalid_date_text: `{{column}}: not a valid date/time; ${DATE_HINT_EN}`,
    excel_error_value: '{{column}}: Excel error value {{error}} in cell {{cell}}',
    formula_no_result:
      '{{column}}: formula without a saved result in cell {{cell}}: open and save the file in Excel',
    formula_error: '{{column}}: formula error {{error}} in cell {{cell}}: fix the formula',
    formula_error_unknown:
      '{{column}}: formula error in cell {{cell}} (Excel shows an error such as #DIV/0! or #N/A): fix the formula',
    extra_fields: 'row has {{fields}} fields but the header has {{headers}} (an unquoted delimiter?)',
    not_json_object: 'record is not a JSON object',
    duplicate_id: '{{column}}: duplicate of row {{firstRow}}; each SR may appear once per file',
    undecodable_text:
      'not valid {{encoding}} text: � marks bytes that could not be read (undecodable byte sequences in the file: {{count}}); fix the value in the file or save it again as CSV UTF-8',
    undecodable_text_at:
      'not valid {{encoding}} text: � marks bytes that could not be read (undecodable byte sequences in the file: {{count}}, the first at byte {{firstAt}}); fix the value in the file or save it again as CSV UTF-8',
    damaged_text:
      'contains � or control characters (U+0080–U+009F) left by a wrong text conversion; fix the value in the file',
  },
}
export const importMessages = { key: 'importWizard', ko, en }
