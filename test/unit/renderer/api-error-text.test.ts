// The renderer words a failed call's reason in the UI's language (Korean first), filling in the
// file, sheet, column and connection it is about, and shows the core's English message for an error
// without a reason or with a code it does not know. Every code of the shared list has its wording
// in both languages.
import i18next, { type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { failureText } from '../../../src/renderer/src/features/import/failure-text'
import { importMessages } from '../../../src/renderer/src/features/import/messages'
import { apiErrorMessages } from '../../../src/renderer/src/lib/api-error-messages'
import { apiErrorText, errorText, type ReasonedError } from '../../../src/renderer/src/lib/api-error-text'
import { API_ERROR_REASON_CODES, type ApiErrorReasonCode } from '../../../src/shared/ipc/error-reasons'

async function translator(lng: 'ko' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance()
  await i18n.init({
    resources: {
      ko: { translation: { importWizard: importMessages.ko, apiErrors: apiErrorMessages.ko } },
      en: { translation: { importWizard: importMessages.en, apiErrors: apiErrorMessages.en } },
    },
    lng,
    fallbackLng: 'ko',
    interpolation: { escapeValue: false },
  })
  return i18n.t
}

// One representative reason per code, with the params the core gives it.
const SAMPLES = {
  store_busy: {},
  store_full: { dir: '/home/ops/.config/ops-console/workspace' },
  store_io: { dir: '/home/ops/.config/ops-console/workspace' },
  store_readonly: { dir: '/home/ops/.config/ops-console/workspace' },
  store_damaged: { dir: '/home/ops/.config/ops-console/workspace' },
  unknown_format: { format: 'txt' },
  xls_file: {},
  unknown_extension: { file: 'data.bin' },
  not_a_file: { file: 'exports' },
  file_unreadable: {
    file: 'missing.csv',
    detail: "ENOENT: no such file or directory, stat '/tmp/missing.csv'",
  },
  file_empty: { file: 'empty.csv' },
  file_too_large: { file: 'big.csv', size: '250.4', limit: '200.0' },
  not_xlsx: {},
  looks_like_xlsx: { format: 'CSV' },
  utf16_text: {},
  binary_file: { format: 'JSON' },
  not_text: { format: 'CSV' },
  too_many_rows: { limit: 2_000_000 },
  too_many_records: { limit: 2_000_000 },
  sheet_too_many_rows: { sheet: 'SR 목록', limit: 2_000_000 },
  csv_no_header: {},
  csv_syntax: { detail: 'Invalid Closing Quote' },
  csv_syntax_at: { line: 12, detail: 'Invalid Closing Quote' },
  json_invalid: { detail: 'Unexpected end of JSON input' },
  json_not_list: {},
  json_no_records: {},
  json_no_fields: {},
  xlsx_unreadable: { detail: 'Corrupted zip: missing 7 bytes.' },
  no_sheets: {},
  sheet_not_found: { sheet: '4월', sheets: '"요약", "SR 목록"' },
  sheet_unreadable: { sheet: 'SR 목록' },
  sheet_empty: { sheet: '요약' },
  header_row_past_end: { row: 1_200, last: 1_008 },
  header_row_blank: { row: 3 },
  header_row_json: {},
  damaged_headers: { headers: '"기\uFFFD관"' },
  no_data_rows: {},
  unknown_time_zone: { zone: 'Mars/Olympus' },
  error_report_unwritable: { file: 'errors.csv', detail: 'EACCES: permission denied' },
  mapping_invalid: { problems: 'values.status.a: Invalid option' },
  mapping_file_unreadable: { file: 'mapping.json', detail: 'ENOENT: no such file or directory' },
  mapping_file_not_json: { file: 'mapping.json', detail: 'Unexpected token } in JSON' },
  mapping_file_invalid: {
    file: 'mapping.json',
    problems: 'timeZone: not an IANA time zone (e.g. Asia/Seoul)',
  },
  required_column_unmapped: { column: 'tenant' },
  mapped_columns_missing: { columns: 'category → "분류"', headers: '"번호", "기관명"' },
  duplicate_headers: { headers: '"상태" (C, F)' },
  required_columns_missing: { columns: 'id, created_at', headers: '"ref", "org"' },
  import_file_gone: {},
  import_file_moved: { file: '3월 SR.csv' },
  import_file_unreadable: { file: '3월 SR.csv', detail: 'EACCES' },
  import_source_lookalike: { name: 'Jira', existing: 'jira' },
  import_busy: {},
  import_while_syncing: {},
  import_cancelled: {},
  required_columns_unmapped: { columns: 'title, status' },
  error_list_too_large: { limit: 64, errors: 412_345 },
  import_worker_failed: { detail: 'Cannot find module' },
  import_worker_exited: { exitCode: 1 },
  workspace_missing: { path: '/data/ops/ops-console.db' },
  sync_unavailable: {},
  source_name_invalid: { detail: 'Use 1–40 lower-case letters' },
  source_exists: { name: 'prod-itsm' },
  source_not_found: { name: 'prod-itsm' },
  unknown_source_kind: { kind: 'jira' },
  source_config_invalid: { problems: 'url: Give the full URL, e.g. https://itsm.example.go.kr' },
  source_syncing_remove: { name: 'prod-itsm' },
  source_syncing_change: { name: 'prod-itsm' },
  source_syncing_elsewhere: { name: 'prod-itsm', pid: '4242' },
  source_syncing_elsewhere_remove: { name: 'prod-itsm', pid: '4242' },
  source_syncing_elsewhere_change: { name: 'prod-itsm', pid: '4242' },
  itsm_fields: {},
  itsm_no_state_map: { name: 'prod-itsm' },
  itsm_no_priority_map: { name: 'prod-itsm' },
  itsm_no_resume_margin: { name: 'prod-itsm' },
  skip_srs: { choices: 'tenants, categories, people, sr_events, deployments, feature_usage' },
  skip_unknown: {
    names: 'peple',
    choices: 'tenants, categories, people, sr_events, deployments, feature_usage',
  },
  servicenow_no_skip: { name: 'snow' },
  state_map_code_missing: { name: 'snow', code: '-5' },
  priority_map_code_missing: { name: 'snow', code: '6' },
  servicenow_password_needed: {},
  servicenow_secret_needed: {},
  sign_in_password_needed: { user: 'svc.ops' },
  sign_in_token_needed: {},
  proxy_password_needed: { user: 'ops' },
  proxy_user_needed: {},
  secrets_unavailable: {},
  secret_store_failed: { detail: 'Encryption is not available' },
  secret_missing: { name: 'prod-itsm', secret: 'token' },
  secret_missing_env: { name: 'cli', secret: 'proxyPassword', env: 'PROXY_PASSWORD' },
  secret_unreadable: { name: 'prod', secret: 'token' },
  secret_file_damaged: { name: 'prod', secret: 'token', file: 'secrets.json.damaged-20260301T091500' },
  keychain_unavailable: { name: 'prod', secret: 'password' },
  keychain_unavailable_store: { name: 'prod' },
  ca_empty: {},
  ca_too_large: { size: 65, limit: 64 },
  ca_private_key: {},
  ca_no_certificate: { found: 'PUBLIC KEY' },
  ca_too_many: { count: 21, limit: 20 },
  ca_not_certificate: {},
  ca_unreadable: { detail: 'error:0680007B:asn1 encoding routines::header too long' },
  ca_unreadable_of: { index: 2, count: 3, detail: 'header too long' },
  ca_expired: { subject: 'CN=Internal CA, O=Example', day: '2026-04-01' },
  ca_expired_of: { index: 2, count: 2, subject: 'CN=Internal CA, O=Example', day: '2026-04-01' },
  ca_not_yet_valid: { subject: 'CN=127.0.0.1', day: '2027-01-01' },
  ca_not_yet_valid_of: { index: 1, count: 2, subject: 'CN=127.0.0.1', day: '2027-01-01' },
} satisfies Record<ApiErrorReasonCode, Record<string, string | number>>

const error = (code: string, params: Record<string, string | number> = {}): ReasonedError => ({
  message: `ENGLISH FALLBACK for ${code}`,
  reason: { code: code as ApiErrorReasonCode, params },
})

describe('API error wording', () => {
  it('has a sample for every code, and every code a wording in Korean and English', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...API_ERROR_REASON_CODES].sort())
    for (const code of API_ERROR_REASON_CODES) {
      expect(apiErrorMessages.ko.reasons[code], `ko ${code}`).toMatch(/[가-힣]/)
      expect(apiErrorMessages.en.reasons[code], `en ${code}`).not.toBe('')
    }
    expect(Object.keys(apiErrorMessages.en.reasons).sort()).toEqual(
      Object.keys(apiErrorMessages.ko.reasons).sort(),
    )
  })

  it.each(['ko', 'en'] as const)('words every code in %s with its params filled in', async (lng) => {
    const t = await translator(lng)
    for (const [code, params] of Object.entries(SAMPLES)) {
      const text = apiErrorText(error(code, params), t, lng)
      expect(text, code).not.toContain('ENGLISH FALLBACK')
      expect(text, code).not.toMatch(/\{\{|\}\}/)
      expect(text, code).not.toContain('apiErrors.')
      for (const [k, v] of Object.entries(params)) {
        // Columns are labelled and secret kinds named below; details (source_name_invalid's) may be left out.
        if (['column', 'columns', 'secret'].includes(k) || code === 'source_name_invalid') continue
        const shown = typeof v === 'number' ? v.toLocaleString(lng === 'ko' ? 'ko-KR' : 'en-US') : v
        expect(text, `${code}.${k}`).toContain(shown)
      }
      if (lng === 'ko') expect(text, code).toMatch(/[가-힣]/)
    }
  })

  it('says in Korean what an operator meets most: an empty file, an old Excel file, bad JSON, an unknown sheet', async () => {
    const t = await translator('ko')
    expect(apiErrorText(error('file_empty', SAMPLES.file_empty), t, 'ko')).toBe(
      'empty.csv 파일이 비어 있습니다.',
    )
    expect(apiErrorText(error('xls_file'), t, 'ko')).toBe(
      '예전 Excel 형식(.xls) 파일은 가져올 수 없습니다. Excel에서 .xlsx 또는 CSV로 저장한 뒤 다시 선택하세요.',
    )
    // A parser's own message stays as it is.
    expect(apiErrorText(error('json_invalid', SAMPLES.json_invalid), t, 'ko')).toBe(
      '올바른 JSON 파일이 아닙니다: Unexpected end of JSON input',
    )
    expect(apiErrorText(error('sheet_not_found', SAMPLES.sheet_not_found), t, 'ko')).toBe(
      '통합 문서에 "4월" 시트가 없습니다. 있는 시트: "요약", "SR 목록"',
    )
    expect(apiErrorText(error('source_syncing_remove', SAMPLES.source_syncing_remove), t, 'ko')).toBe(
      '"prod-itsm" 연결을 지금 동기화하고 있어 삭제하지 않았습니다. 동기화 화면에서 동기화를 취소하거나 끝날 때까지 기다린 뒤 다시 삭제하세요.',
    )
    expect(apiErrorText(error('ca_expired', SAMPLES.ca_expired), t, 'ko')).toBe(
      'CN=Internal CA, O=Example 인증서는 2026-04-01에 만료되어 서버를 확인할 수 없습니다. 현재 인증서를 요청하세요.',
    )
  })

  it('says a workspace that refused the write in Korean: what happened, the folder, what to do, nothing lost', async () => {
    const ko = await translator('ko')
    // Before: the core answered INTERNAL 'Internal error: database or disk is full', shown as it was.
    expect(apiErrorText(error('store_full', { dir: '/data/ops' }), ko, 'ko')).toBe(
      '작업공간 디스크가 가득 찼습니다. /data/ops 폴더가 있는 드라이브의 공간을 확보한 뒤 다시 시도하세요. 이 작업에서 쓰던 내용은 저장되지 않았고, 그 전에 저장된 데이터는 그대로입니다.',
    )
    expect(apiErrorText(error('store_readonly', { dir: '/data/ops' }), ko, 'ko')).toBe(
      '작업공간이 읽기 전용이 되어 쓸 수 없습니다(폴더 권한이 바뀌었거나, 드라이브가 읽기 전용으로 연결되었거나, 데이터베이스 파일이 옮겨짐). /data/ops 폴더와 그 안의 ops-console.db 파일들을 쓸 수 있게 한 뒤 다시 시도하세요. 이 작업에서 쓰던 내용은 저장되지 않았고, 그 전에 저장된 데이터는 그대로입니다.',
    )
    // Said where the core did not know the folder: the workspace's, in the UI's language.
    expect(apiErrorText(error('store_io'), ko, 'ko')).toContain(
      '작업공간 폴더가 있는 드라이브나 네트워크 공유가',
    )
    // A step may have been reading only (a dashboard's query): not said as a failed write.
    expect(apiErrorText(error('store_io'), ko, 'ko')).toMatch(/^작업공간 디스크를 읽거나 쓰지 못했습니다/)
    const en = await translator('en')
    expect(apiErrorText(error('store_full'), en, 'en')).toBe(
      "The workspace's disk is full: free some space on the drive holding the workspace folder and try again. What this step was writing was not saved; the data saved before it is unchanged.",
    )
  })

  it('labels canonical columns in Korean, groups numbers, and names secret kinds', async () => {
    const ko = await translator('ko')
    expect(apiErrorText(error('required_columns_missing', SAMPLES.required_columns_missing), ko, 'ko')).toBe(
      '필수 열이 없습니다: SR 번호(id), 생성 일시(created_at). 파일의 열: "ref", "org". 머리글 이름을 바꾸거나 열을 연결하세요.',
    )
    expect(apiErrorText(error('required_column_unmapped', { column: 'tenant' }), ko, 'ko')).toBe(
      '기관(tenant): 필수 열입니다. 파일의 열 하나에 연결하세요.',
    )
    // Not canonical columns: as given.
    expect(apiErrorText(error('mapped_columns_missing', SAMPLES.mapped_columns_missing), ko, 'ko')).toContain(
      '연결한 열이 파일에 없습니다: category → "분류".',
    )
    expect(apiErrorText(error('too_many_rows', SAMPLES.too_many_rows), ko, 'ko')).toBe(
      '파일의 행이 2,000,000개를 넘습니다. 더 작은 파일로 나누세요.',
    )
    expect(apiErrorText(error('secret_missing', SAMPLES.secret_missing), ko, 'ko')).toBe(
      '"prod-itsm" 연결의 토큰 값이 없습니다. 설정 → 연결에서 입력하세요.',
    )
    const en = await translator('en')
    expect(
      apiErrorText(error('required_columns_unmapped', SAMPLES.required_columns_unmapped), en, 'en'),
    ).toBe('Map the required columns first: title, status')
    expect(apiErrorText(error('secret_missing_env', SAMPLES.secret_missing_env), en, 'en')).toBe(
      'The connection "cli" has no proxy password: set the environment variable PROXY_PASSWORD.',
    )
  })

  it.each(['ko', 'en'] as const)('a workbook with other sheets adds them (%s)', async (lng) => {
    const t = await translator(lng)
    const text = apiErrorText(
      error('required_columns_missing', {
        ...SAMPLES.required_columns_missing,
        sheet: '요약',
        otherSheets: '"SR 목록"',
      }),
      t,
      lng,
    )
    expect(text).toContain(
      lng === 'ko' ? '(읽은 시트: "요약". 통합 문서의 다른 시트: "SR 목록".' : '"SR 목록"',
    )
    expect(text).not.toMatch(/\{\{/)
  })

  it.each(['ko', 'en'] as const)(
    'falls back to the English message for an unknown code or none (%s)',
    async (lng) => {
      const t = await translator(lng)
      expect(apiErrorText(error('no_such_code', { file: 'a.csv' }), t, lng)).toBe(
        'ENGLISH FALLBACK for no_such_code',
      )
      expect(apiErrorText({ message: 'Internal error: boom' }, t, lng)).toBe('Internal error: boom')
      expect(apiErrorText({ message: 'no reason', reason: null }, t, lng)).toBe('no reason')
    },
  )

  it('errorText words anything thrown: an error with a reason, a plain Error, a string', async () => {
    const t = await translator('ko')
    const thrown = Object.assign(new Error('The JSON file has no records'), {
      reason: { code: 'json_no_records' },
    })
    expect(errorText(thrown, t, 'ko')).toBe('JSON 파일에 레코드가 없습니다.')
    expect(errorText(new Error('Failed to fetch'), t, 'ko')).toBe('Failed to fetch')
    expect(errorText('boom', t, 'ko')).toBe('boom')
  })

  it('the wizard names a newly chosen file unless the wording names it already', async () => {
    const t = await translator('ko')
    expect(failureText({ err: error('xls_file'), fileName: 'old.xls' }, t, 'ko')).toBe(
      'old.xls: 예전 Excel 형식(.xls) 파일은 가져올 수 없습니다. Excel에서 .xlsx 또는 CSV로 저장한 뒤 다시 선택하세요.',
    )
    expect(
      failureText({ err: error('file_empty', { file: 'empty.csv' }), fileName: 'empty.csv' }, t, 'ko'),
    ).toBe('empty.csv 파일이 비어 있습니다.')
    expect(
      failureText({ err: { message: 'The file /tmp/a.csv is empty' }, fileName: 'a.csv' }, t, 'ko'),
    ).toBe('a.csv: The file /tmp/a.csv is empty')
    expect(failureText({ err: error('import_busy') }, t, 'ko')).toBe(
      '다른 파일을 확인하거나 가져오는 중입니다. 끝날 때까지 기다리거나 먼저 취소하세요.',
    )
  })
})
