// A failed sync or connection test is worded in the UI's language (Korean first) from its reason
// code, with the server's own words, URLs, row ids and field names as they came, and where it failed;
// a failure without a reason, or with a code the renderer does not know, shows the English message.
// Every code of the shared list has its wording in both languages.
import i18next, { type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { syncErrorMessages } from '../../../src/renderer/src/features/sync/sync-error-messages'
import { syncErrorText } from '../../../src/renderer/src/features/sync/sync-error-text'
import { syncMessages } from '../../../src/renderer/src/features/sync/messages'
import { apiErrorMessages } from '../../../src/renderer/src/lib/api-error-messages'
import { importMessages } from '../../../src/renderer/src/features/import/messages'
import {
  ITSM_FIELD_PROBLEM_CODES,
  NETWORK_DETAIL_CODES,
  SERVICENOW_ROW_PROBLEM_CODES,
  SYNC_ERROR_REASON_CODES,
  type SyncErrorReasonCode,
  type SyncFailureReason,
} from '../../../src/shared/ipc/sync-error-reasons'

async function translator(lng: 'ko' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance()
  await i18n.init({
    resources: {
      ko: {
        translation: {
          syncErrors: syncErrorMessages.ko,
          sync: syncMessages.ko,
          apiErrors: apiErrorMessages.ko,
          importWizard: importMessages.ko,
        },
      },
      en: {
        translation: {
          syncErrors: syncErrorMessages.en,
          sync: syncMessages.en,
          apiErrors: apiErrorMessages.en,
          importWizard: importMessages.en,
        },
      },
    },
    lng,
    fallbackLng: 'ko',
    interpolation: { escapeValue: false },
  })
  return i18n.t
}

const URL = 'http://127.0.0.1:40807/api/v1/tenants'

// One representative reason per code, with the params the core gives it.
const SAMPLES = {
  cancelled: {},
  http_auth: { status: 401, url: URL },
  http_forbidden: { status: 403, url: URL },
  http_not_found: { status: 404, url: 'https://dev1.service-now.com/api/now/table/incidnet' },
  http_rate_limited: { status: 429, url: URL },
  http_server: { status: 503, url: URL },
  http_rejected: { status: 422, url: URL },
  wait_too_long: { status: 429, url: URL, until: '2026-03-18 16:00:00 (Asia/Seoul)' },
  secret_unsendable: {},
  header_unsendable: { header: 'x-tenant' },
  timeout: { url: URL },
  unreachable: { url: URL, detail: 'connect ECONNREFUSED 127.0.0.1:2' },
  no_attempt: { url: URL },
  blocked_port: { url: 'http://itsm.example.go.kr:6000/api/v1/me', port: 6000 },
  certificate: { url: URL, detail: 'self-signed certificate' },
  plain_http: { url: 'https://127.0.0.1:8080/api/v1/srs' },
  http_redirected: {
    url: 'http://sn.example.go.kr/api/now/table/incident',
    to: 'https://sn.example.go.kr/api/now/table/incident',
  },
  proxy_refused: { url: URL, detail: 'Proxy Authentication Required (407)' },
  not_utf8: { url: URL },
  not_json: { url: URL, bytes: 1234 },
  body_cut: { url: URL, detail: 'other side closed' },
  html_page: { url: URL, title: 'Instance Hibernating page' },
  itsm_not_protocol_page: { entity: 'srs', url: URL, detail: 'field "items": Required' },
  itsm_row_rejected: { entity: 'srs', row: '"SR-9"', item: 3, field: 'priority', problem: 'Invalid option' },
  itsm_row_rejected_value: { entity: 'people', row: '#2', item: 2, problem: 'Expected object' },
  itsm_cursor_stuck: { entity: 'srs', updatedAfter: '2026-03-01T00:00:00Z', afterId: 'SR-1' },
  itsm_me_invalid: { url: 'http://127.0.0.1:40807/api/v1/me', detail: 'field "name": Required' },
  itsm_cursor_unreadable: { entity: 'srs' },
  unknown_entity: { entity: 'widgets' },
  servicenow_invalid_table: {
    table: 'incidnet',
    url: 'https://dev1.service-now.com/api/now/table/incidnet',
    said: 'Invalid table incidnet',
  },
  servicenow_not_a_list: { url: 'https://dev1.service-now.com/api/now/table/incident', detail: 'Required' },
  servicenow_keyset_ignored: { table: 'incident', updatedOn: '2026-03-01 00:00:00', sysId: 'abc123' },
  servicenow_bad_rows: {
    table: 'incident',
    count: 2,
    detail: 'record abc (INC0001), field priority: unknown priority "9"; known: 1..5',
  },
  servicenow_unknown_state: {
    table: 'incident',
    count: 1,
    detail: 'record abc (INC0001), field state: unknown state "9" (Parked)',
    states: '9 (Parked)',
    name: 'snow',
    example: '9=STATUS',
    statuses: 'new, assigned, in_progress, pending, resolved, closed, cancelled',
  },
  servicenow_unknown_priority: {
    table: 'incident',
    count: 1,
    detail: 'record abc (INC0001), field priority: unknown priority "0" (0 - Emergency)',
    codes: '0 (0 - Emergency)',
    name: 'snow',
    example: '0=PRIORITY',
    priorities: 'P1, P2, P3, P4',
  },
  servicenow_unknown_codes: {
    table: 'incident',
    count: 2,
    detail: 'record abc (INC0001), field state: unknown state "9" (Parked); record def, field priority: …',
    states: '9 (Parked)',
    codes: '0 (0 - Emergency)',
    name: 'snow',
    stateExample: '9=STATUS',
    priorityExample: '0=PRIORITY',
    statuses: 'OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED',
    priorities: 'P1, P2, P3, P4',
  },
  servicenow_out_of_order: { table: 'incident', record: 'abc123' },
  servicenow_srs_only: { entity: 'people' },
  servicenow_cursor_unreadable: {},
  interrupted: {},
  interrupted_silent: { pid: '4242', minutes: 2 },
  sync_crashed: { detail: 'exit code 1' },
  sync_taken_over: {},
  import_rejected: { count: 4 },
  collections_refused: { entities: 'people,deployments' },
  sync_store_full: { dir: '/home/ops/.config/ops-console/workspace' },
  sync_store_io: { dir: '/home/ops/.config/ops-console/workspace' },
  sync_store_readonly: { dir: '/home/ops/.config/ops-console/workspace' },
  sync_store_damaged: { dir: '/home/ops/.config/ops-console/workspace' },
} satisfies Record<SyncErrorReasonCode, Record<string, string | number>>

const reason = (code: string, params: Record<string, string | number> = {}): SyncFailureReason =>
  ({ code, params }) as SyncFailureReason
const ENGLISH = 'ENGLISH FALLBACK'

describe('sync error wording', () => {
  it('has a sample for every code, and every code a wording in Korean and English', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...SYNC_ERROR_REASON_CODES].sort())
    // A reason said with a counted noun is a plural message: x_other in Korean, x_one and x_other in English.
    const ko: Record<string, string> = syncErrorMessages.ko.reasons
    const en: Record<string, string> = syncErrorMessages.en.reasons
    for (const code of SYNC_ERROR_REASON_CODES) {
      expect(ko[code] ?? ko[`${code}_other`], `ko ${code}`).toMatch(/[가-힣]/)
      expect(en[code] ?? en[`${code}_other`], `en ${code}`).toBeTruthy()
      if (en[`${code}_other`]) expect(en[`${code}_one`], `en ${code}_one`).toBeTruthy()
    }
    const singulars = Object.keys(ko)
      .filter((k) => k.endsWith('_other'))
      .map((k) => k.replace(/_other$/, '_one'))
    expect(Object.keys(en).sort()).toEqual([...Object.keys(ko), ...singulars].sort())
  })

  it.each(['ko', 'en'] as const)('words every code in %s with its params filled in', async (lng) => {
    const t = await translator(lng)
    for (const [code, params] of Object.entries(SAMPLES)) {
      const text = syncErrorText(t, reason(code, params), ENGLISH, lng)
      expect(text, code).not.toContain(ENGLISH)
      expect(text, code).not.toMatch(/\{\{|\}\}/)
      expect(text, code).not.toContain('syncErrors.')
      for (const [k, v] of Object.entries(params)) {
        // The data being read is named as the Sync screen names it.
        const entityName = {
          srs: { ko: '서비스 요청', en: 'service requests' },
          people: { ko: '사용자', en: 'people' },
        }[v as 'srs']?.[lng]
        const shown =
          typeof v === 'number' && k !== 'port'
            ? v.toLocaleString(lng === 'ko' ? 'ko-KR' : 'en-US')
            : k === 'entity' && entityName
              ? entityName
              : k === 'entities'
                ? { ko: '사용자, 배포', en: 'people, deployments' }[lng]
                : v
        expect(text, `${code}.${k}`).toContain(shown)
      }
      if (lng === 'ko') expect(text, code).toMatch(/[가-힣]/)
    }
  })

  it('says a wrong token in Korean with the server’s words, the attempts and where it failed', async () => {
    const ko = await translator('ko')
    const why = reason('http_auth', {
      status: 401,
      url: URL,
      said: 'Missing or invalid bearer token',
      source: 'wrong-token',
      kind: 'itsm',
      entity: 'tenants',
    })
    expect(syncErrorText(ko, why, ENGLISH, 'ko')).toBe(
      `서버가 인증 정보를 거부했습니다(401): ${URL} 서버 응답: Missing or invalid bearer token (ITSM REST 연결 "wrong-token", 기관)`,
    )
    const en = await translator('en')
    expect(syncErrorText(en, why, ENGLISH, 'en')).toBe(
      `The server refused the credentials (401) at ${URL}. The server said: Missing or invalid bearer token (ITSM REST connection "wrong-token", tenants)`,
    )
    expect(
      syncErrorText(ko, reason('http_server', { status: 503, url: URL, attempts: 6 }), ENGLISH, 'ko'),
    ).toBe(`서버에서 오류가 났습니다(503): ${URL} (6번 시도한 뒤 멈췄습니다.)`)
    // A connection test names no data being read.
    expect(syncErrorText(ko, reason('timeout', { url: URL, source: 'prod' }), ENGLISH, 'ko')).toBe(
      `서버가 제시간에 응답하지 않았습니다: ${URL} (연결 "prod")`,
    )
  })

  it('says a page the full disk refused in Korean: what to do, where, and that the next sync resumes', async () => {
    const why = reason('sync_store_full', {
      dir: '/home/ops/.config/ops-console/workspace',
      source: 'prod',
      kind: 'itsm',
      entity: 'srs',
    })
    // Before: the English message as it came ("database or disk is full (…)").
    expect(syncErrorText(await translator('ko'), why, 'database or disk is full', 'ko')).toBe(
      '작업공간 디스크가 가득 차서 받은 페이지를 저장하지 못했습니다. /home/ops/.config/ops-console/workspace 폴더가 있는 드라이브의 공간을 확보한 뒤 다시 동기화하세요. 동기화 위치는 저장하지 못한 페이지 앞에 그대로 있어 다음 동기화가 그곳부터 이어 받으며, 앞서 저장한 페이지는 그대로입니다. (ITSM REST 연결 "prod", 서비스 요청)',
    )
    expect(syncErrorText(await translator('en'), why, 'database or disk is full', 'en')).toBe(
      'The workspace\'s disk is full, so the pages received were not saved: free some space on the drive holding /home/ops/.config/ops-console/workspace and sync again. The sync position stayed before those pages, so the next sync resumes there; the pages saved before are kept. (ITSM REST connection "prod", service requests)',
    )
    // A file import's entry in the sync log keeps the core's reason: said as a step, not as a sync.
    expect(
      syncErrorText(
        await translator('ko'),
        { code: 'store_full', params: { dir: '/data/ops' } },
        'database or disk is full',
        'ko',
      ),
    ).toBe(
      '작업공간 디스크가 가득 찼습니다. /data/ops 폴더가 있는 드라이브의 공간을 확보한 뒤 다시 시도하세요. 이 작업에서 쓰던 내용은 저장되지 않았고, 그 전에 저장된 데이터는 그대로입니다.',
    )
  })

  it('names the collections refused to the account as the Sync screen names them, with the connection', async () => {
    const why = reason('collections_refused', {
      entities: 'people,feature_usage',
      source: 'prod',
      kind: 'itsm',
    })
    expect(syncErrorText(await translator('ko'), why, ENGLISH, 'ko')).toBe(
      '이 계정에는 사용자, 기능 사용 읽기 권한이 없어(403) 이번 동기화에서 건너뛰었습니다. 나머지 데이터는 받았으며, 다음 동기화에서 다시 요청합니다. (ITSM REST 연결 "prod")',
    )
    expect(syncErrorText(await translator('en'), why, ENGLISH, 'en')).toBe(
      'The account may not read people, feature usage (403): skipped in this sync. The other data was synced, and the next sync asks again. (ITSM REST connection "prod")',
    )
  })

  it('an ITSM REST connection refused collections is told how to turn them off, with the --skip to give', async () => {
    // `skip`: the collections the connection skips already and the refused ones, as the core lists them.
    const why = reason('collections_refused', {
      entities: 'feature_usage',
      source: 'prod',
      kind: 'itsm',
      skip: 'people,feature_usage',
    })
    expect(syncErrorText(await translator('ko'), why, ENGLISH, 'ko')).toBe(
      '이 계정에는 기능 사용 읽기 권한이 없어(403) 이번 동기화에서 건너뛰었습니다. 나머지 데이터는 받았으며, 다음 동기화에서 다시 요청합니다. (ITSM REST 연결 "prod") ' +
        '이 계정이 원래 읽지 않는 항목이라면 설정 → 연결에서 이 연결의 "읽을 항목" 체크를 해제하세요(명령줄: source update prod --skip people,feature_usage). 그러면 그 항목 없이 동기화가 성공합니다.',
    )
    expect(syncErrorText(await translator('en'), why, ENGLISH, 'en')).toBe(
      'The account may not read feature usage (403): skipped in this sync. The other data was synced, and the next sync asks again. (ITSM REST connection "prod") ' +
        'If the account is not meant to read them, untick them under "Collections read" in Settings → Connections (command line: source update prod --skip people,feature_usage): the syncs then succeed without them.',
    )
  })

  it('a run that failed after skipping refused collections says them after why it failed, in both languages', async () => {
    // The core's English message ends with its own note; the reason carries the collections as `refused`.
    const english = `The server failed (500) at ${URL}; before that, this sync skipped people, SR history, collections the account may not read (403)`
    const why = reason('http_server', {
      status: 500,
      url: URL,
      attempts: 2,
      source: 'prod',
      kind: 'itsm',
      entity: 'deployments',
      refused: 'people,sr_events',
    })
    expect(syncErrorText(await translator('ko'), why, english, 'ko')).toBe(
      `서버에서 오류가 났습니다(500): ${URL} (2번 시도한 뒤 멈췄습니다.) (ITSM REST 연결 "prod", 배포) 이에 앞서 사용자, SR 이력은(는) 이 계정에 읽기 권한이 없어(403) 건너뛰었습니다.`,
    )
    expect(syncErrorText(await translator('en'), why, english, 'en')).toBe(
      `The server failed (500) at ${URL}. (Gave up after 2 attempts.) (ITSM REST connection "prod", deployments) Before that, this sync skipped people, SR history, collections the account may not read (403).`,
    )
    // One collection in the singular.
    const one = reason('http_server', { status: 500, url: URL, refused: 'feature_usage' })
    expect(syncErrorText(await translator('en'), one, english, 'en')).toBe(
      `The server failed (500) at ${URL}. Before that, this sync skipped feature usage, a collection the account may not read (403).`,
    )
    // Without a wording of its own (a code this renderer does not know) the English message shows, once.
    const unknown = { code: 'from_a_newer_core', params: { refused: 'people' } } as never
    expect(syncErrorText(await translator('ko'), unknown, english, 'ko')).toBe(english)
  })

  it('says one record, one byte, one attempt and one row in the singular in English; Korean keeps its one form', async () => {
    const en = await translator('en')
    const ko = await translator('ko')
    const text = (t: TFunction, code: string, params: Record<string, string | number>, lng: 'ko' | 'en') =>
      syncErrorText(t, reason(code, params), ENGLISH, lng)
    const badRows = { table: 'incident', detail: 'record abc, field opened_at: …' }
    expect(text(en, 'servicenow_bad_rows', { ...badRows, count: 1 }, 'en')).toBe(
      'ServiceNow incident has 1 record that cannot be read: record abc, field opened_at: …',
    )
    expect(text(en, 'servicenow_bad_rows', { ...badRows, count: 1200 }, 'en')).toBe(
      'ServiceNow incident has 1,200 records that cannot be read: record abc, field opened_at: …',
    )
    expect(text(ko, 'servicenow_bad_rows', { ...badRows, count: 1 }, 'ko')).toBe(
      'ServiceNow incident에 읽을 수 없는 레코드가 1건 있습니다: record abc, field opened_at: …',
    )
    expect(text(ko, 'servicenow_bad_rows', { ...badRows, count: 1200 }, 'ko')).toContain('레코드가 1,200건')
    for (const code of [
      'servicenow_unknown_state',
      'servicenow_unknown_priority',
      'servicenow_unknown_codes',
    ]) {
      const one = text(en, code, { ...SAMPLES[code as 'servicenow_unknown_codes'], count: 1 }, 'en')
      expect(one, code).toContain('ServiceNow incident has 1 record with ')
      const two = text(en, code, { ...SAMPLES[code as 'servicenow_unknown_codes'], count: 2 }, 'en')
      expect(two, code).toContain('ServiceNow incident has 2 records with ')
    }
    expect(text(en, 'not_json', { url: URL, bytes: 1 }, 'en')).toBe(
      `The server sent a response that is not valid JSON (1 byte) at ${URL}.`,
    )
    expect(text(en, 'not_json', { url: URL, bytes: 20480 }, 'en')).toBe(
      `The server sent a response that is not valid JSON (20,480 bytes) at ${URL}.`,
    )
    expect(text(ko, 'not_json', { url: URL, bytes: 20480 }, 'ko')).toBe(
      `서버 응답이 올바른 JSON이 아닙니다(20,480바이트): ${URL}`,
    )
    expect(text(en, 'http_server', { status: 503, url: URL, attempts: 1 }, 'en')).toBe(
      `The server failed (503) at ${URL}. (Gave up after 1 attempt.)`,
    )
    expect(text(en, 'http_server', { status: 503, url: URL, attempts: 6 }, 'en')).toBe(
      `The server failed (503) at ${URL}. (Gave up after 6 attempts.)`,
    )
    // A count kept as text in an older sync-log entry is still said with its number.
    expect(text(en, 'http_server', { status: 503, url: URL, attempts: '1' }, 'en')).toContain(
      'after 1 attempt.)',
    )
    expect(text(en, 'import_rejected', { count: 1 }, 'en')).toBe('Nothing was written: 1 row has errors.')
    expect(text(en, 'import_rejected', { count: 4 }, 'en')).toBe('Nothing was written: 4 rows have errors.')
    expect(text(ko, 'import_rejected', { count: 1234 }, 'ko')).toBe(
      '1,234개 행에 오류가 있어 아무것도 쓰지 않았습니다.',
    )
  })

  it('words ServiceNow records that cannot be read one by one, each problem in the UI’s language', async () => {
    const records = JSON.stringify([
      {
        sysId: 'a1b2',
        number: 'INC0010001',
        field: 'state',
        code: 'unknown_state',
        params: { value: '4', label: 'Awaiting User Info', mapped: '1, 2, 3, 6, 7, 8' },
      },
      {
        sysId: 'c3d4',
        number: null,
        field: 'opened_at',
        code: 'not_date_time',
        params: { value: '2026/03/01' },
      },
    ])
    const why = reason('servicenow_bad_rows', {
      table: 'incident',
      count: 9,
      detail: 'ENGLISH DETAIL',
      records,
      more: 7,
    })
    const ko = await translator('ko')
    expect(syncErrorText(ko, why, ENGLISH, 'ko')).toBe(
      'ServiceNow incident에 읽을 수 없는 레코드가 9건 있습니다: ' +
        '레코드 a1b2(INC0010001), 필드 state: 알 수 없는 상태 "4"(Awaiting User Info). 연결된 코드: 1, 2, 3, 6, 7, 8; ' +
        '레코드 c3d4, 필드 opened_at: "2026/03/01"은(는) UTC 날짜·시각(YYYY-MM-DD HH:mm:ss)이 아닙니다 외 7건',
    )
    const en = await translator('en')
    expect(syncErrorText(en, why, ENGLISH, 'en')).toBe(
      'ServiceNow incident has 9 records that cannot be read: ' +
        'record a1b2 (INC0010001), field state: unknown state "4" (Awaiting User Info); mapped: 1, 2, 3, 6, 7, 8; ' +
        'record c3d4, field opened_at: "2026/03/01" is not a UTC date-time \'YYYY-MM-DD HH:mm:ss\' (and 7 more)',
    )
    // A state without a label says so; records that are not what the core writes leave the detail as it came.
    const unlabelled = JSON.stringify([
      {
        sysId: 'e5',
        number: null,
        field: 'state',
        code: 'unknown_state',
        params: { value: '-5', label: '', mapped: '1' },
      },
    ])
    const badRows = (records: string): SyncFailureReason =>
      reason('servicenow_bad_rows', {
        table: 'incident',
        count: 1,
        detail: 'ENGLISH DETAIL',
        records,
        more: 0,
      })
    expect(syncErrorText(ko, badRows(unlabelled), ENGLISH, 'ko')).toContain('알 수 없는 상태 "-5"(이름 없음)')
    for (const bad of [
      'not json',
      '[]',
      JSON.stringify([{ sysId: 'x', field: 'f', code: 'no_such_problem' }]),
    ])
      expect(syncErrorText(ko, badRows(bad), ENGLISH, 'ko')).toContain('ENGLISH DETAIL')
  })

  it('names unknown state codes and unknown priority codes of one page together, with both commands', async () => {
    // As the connector writes it for a page with a record in state 4 and priority 0, and one in
    // priority 6: both lists and both ways to map them, so one edit of the connection fixes both.
    const records = JSON.stringify([
      {
        sysId: 'a1b2',
        number: 'INC0010001',
        field: 'state',
        code: 'unknown_state',
        params: { value: '4', label: 'Awaiting User Info', mapped: '1, 2, 3, 6, 7, 8' },
      },
      {
        sysId: 'c3d4',
        number: 'INC0010002',
        field: 'priority',
        code: 'unknown_priority',
        params: { value: '6', label: '6 - Planning', mapped: '1, 2, 3, 4, 5' },
      },
    ])
    const why = reason('servicenow_unknown_codes', {
      table: 'incident',
      count: 2,
      detail: 'ENGLISH DETAIL',
      records,
      more: 0,
      name: 'prod-sn',
      states: '4 (Awaiting User Info)',
      stateExample: '4=STATUS',
      statuses: 'OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED',
      codes: '0 (0 - Emergency), 6 (6 - Planning)',
      priorityExample: '0=PRIORITY,6=PRIORITY',
      priorities: 'P1, P2, P3, P4',
    })
    const ko = await translator('ko')
    expect(syncErrorText(ko, why, ENGLISH, 'ko')).toBe(
      'ServiceNow incident에 알 수 없는 상태 코드 4 (Awaiting User Info)와 우선순위 코드 0 (0 - Emergency), 6 (6 - Planning)가 있어 ' +
        '레코드 2건을 읽지 못했습니다: ' +
        '레코드 a1b2(INC0010001), 필드 state: 알 수 없는 상태 "4"(Awaiting User Info). 연결된 코드: 1, 2, 3, 6, 7, 8; ' +
        '레코드 c3d4(INC0010002), 필드 priority: 알 수 없는 우선순위 "6"(6 - Planning). 연결된 코드: 1, 2, 3, 4, 5. ' +
        '두 코드를 모두 연결한 뒤 다시 동기화하세요: 설정 → 연결 → 편집 → 상태 코드와 우선순위 코드, ' +
        '또는 npm run cli -- source state-map prod-sn 4=STATUS (STATUS는 OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED 중 하나)와 ' +
        'npm run cli -- source priority-map prod-sn 0=PRIORITY,6=PRIORITY (PRIORITY는 P1, P2, P3, P4 중 하나).',
    )
    const en = await translator('en')
    expect(syncErrorText(en, why, ENGLISH, 'en')).toBe(
      'ServiceNow incident has 2 records with state codes no map knows, 4 (Awaiting User Info), ' +
        'and priority codes no map knows, 0 (0 - Emergency), 6 (6 - Planning): ' +
        'record a1b2 (INC0010001), field state: unknown state "4" (Awaiting User Info); mapped: 1, 2, 3, 6, 7, 8; ' +
        'record c3d4 (INC0010002), field priority: unknown priority "6" (6 - Planning); mapped: 1, 2, 3, 4, 5. ' +
        'Map both for this connection, then sync again: Settings → Connections → Edit → State codes and Priority codes, ' +
        'or npm run cli -- source state-map prod-sn 4=STATUS (STATUS one of OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED) ' +
        'and npm run cli -- source priority-map prod-sn 0=PRIORITY,6=PRIORITY (PRIORITY one of P1, P2, P3, P4).',
    )
    // The Sync screen's cause names both maps too.
    expect(ko('sync.causes.unknown_codes')).toBe('알 수 없는 상태·우선순위 코드')
    expect(ko('sync.advice.unknown_codes')).toContain('상태 코드는 상태에, 우선순위 코드는 P1~P4 중 하나에')
    expect(en('sync.advice.unknown_codes')).toContain(
      'map the state codes to statuses and the priority codes to P1–P4',
    )
  })

  it('says a table the ServiceNow instance does not know as the table name to check', async () => {
    const url = 'https://dev1.service-now.com/api/now/table/incidnet'
    const why = reason('servicenow_invalid_table', {
      table: 'incidnet',
      url,
      said: 'Invalid table incidnet',
      source: 'sn',
      kind: 'servicenow',
    })
    expect(syncErrorText(await translator('ko'), why, ENGLISH, 'ko')).toBe(
      `ServiceNow 인스턴스가 incidnet 테이블을 모릅니다(400 "Invalid table"): ${url}. ` +
        '설정 → 연결 → 편집에서 테이블 이름을 확인하세요(incident 또는 다른 task 테이블). ' +
        '서버 응답: Invalid table incidnet (ServiceNow 연결 "sn")',
    )
    expect(syncErrorText(await translator('en'), why, ENGLISH, 'en')).toBe(
      `The ServiceNow instance does not know the table incidnet (400 "Invalid table") at ${url}. ` +
        'Check the table name in Settings → Connections → Edit (incident, or another task table). ' +
        'The server said: Invalid table incidnet (ServiceNow connection "sn")',
    )
  })

  it('words a rejected ITSM REST row’s field problem in the UI’s language', async () => {
    const ko = await translator('ko')
    const en = await translator('en')
    const row = (issue: Record<string, string | number>): SyncFailureReason =>
      reason('itsm_row_rejected', {
        entity: 'srs',
        row: '"SR-9"',
        item: 3,
        field: 'priority',
        problem: 'ENGLISH PROBLEM',
        ...issue,
      })
    expect(syncErrorText(ko, row({ issue: 'not_one_of', values: '"P1", "P2"' }), ENGLISH, 'ko')).toBe(
      '서비스 요청 행 "SR-9"(페이지의 3번째 항목)를 받지 않았습니다. 필드 "priority": 허용된 값이 아닙니다. 다음 중 하나여야 합니다: "P1", "P2". 이 페이지는 저장하지 않았습니다.',
    )
    expect(syncErrorText(en, row({ issue: 'not_one_of', values: '"P1", "P2"' }), ENGLISH, 'en')).toBe(
      'service requests row "SR-9" (item 3 of the page) was rejected: field "priority": not an allowed value; expected one of "P1", "P2". The page was not stored.',
    )
    expect(
      syncErrorText(ko, row({ issue: 'wrong_type', expected: 'string', received: 'number' }), ENGLISH, 'ko'),
    ).toContain('필드 "priority": 문자열 값이어야 하는데 숫자 값입니다.')
    expect(syncErrorText(ko, row({ issue: 'too_long', limit: 1000 }), ENGLISH, 'ko')).toContain(
      '필드 "priority": 1,000자보다 깁니다.',
    )
    // An issue without a code (or one this renderer does not know) shows the English problem.
    expect(syncErrorText(ko, row({}), ENGLISH, 'ko')).toContain('필드 "priority": ENGLISH PROBLEM.')
    expect(syncErrorText(ko, row({ issue: 'no_such_issue' }), ENGLISH, 'ko')).toContain('ENGLISH PROBLEM')
  })

  it('has every ITSM field problem worded in Korean and English', async () => {
    for (const lng of ['ko', 'en'] as const) {
      const t = await translator(lng)
      for (const code of ITSM_FIELD_PROBLEM_CODES) {
        const text = syncErrorText(
          t,
          reason('itsm_row_rejected', {
            entity: 'srs',
            row: '"SR-1"',
            item: 1,
            field: 'f',
            problem: 'ENGLISH PROBLEM',
            issue: code,
            expected: 'string',
            received: 'null',
            values: '"A"',
            limit: 5,
          }),
          ENGLISH,
          lng,
        )
        expect(text, `${lng} ${code}`).not.toContain('ENGLISH PROBLEM')
        expect(text, `${lng} ${code}`).not.toMatch(/\{\{|syncErrors\./)
      }
    }
  })

  it('has every ServiceNow record problem worded in Korean and English', () => {
    for (const code of SERVICENOW_ROW_PROBLEM_CODES) {
      expect(syncErrorMessages.ko.rowProblems[code], `ko ${code}`).toMatch(/[가-힣]/)
      expect(syncErrorMessages.en.rowProblems[code], `en ${code}`).not.toBe('')
    }
  })

  it('words a network or certificate detail the OS or TLS library gave, keeping its code', async () => {
    const ko = await translator('ko')
    const en = await translator('en')
    const refused = reason('unreachable', {
      url: URL,
      detail: 'connect ECONNREFUSED 127.0.0.1:40807',
      detailCode: 'ECONNREFUSED',
    })
    expect(syncErrorText(ko, refused, ENGLISH, 'ko')).toBe(
      `서버에 연결할 수 없습니다: ${URL} (연결이 거부되었습니다. 그 주소와 포트에서 응답하는 서버가 없습니다 · ECONNREFUSED)`,
    )
    expect(syncErrorText(en, refused, ENGLISH, 'en')).toBe(
      `Cannot reach ${URL} (connection refused: no server answers at that address and port · ECONNREFUSED).`,
    )
    const dns = reason('unreachable', {
      url: 'https://itsm.example.go.kr/api/v1/me',
      detail: 'getaddrinfo ENOTFOUND itsm.example.go.kr',
      detailCode: 'ENOTFOUND',
      hostname: 'itsm.example.go.kr',
    })
    expect(syncErrorText(ko, dns, ENGLISH, 'ko')).toContain(
      '(DNS에 없는 호스트 이름입니다: itsm.example.go.kr · ENOTFOUND)',
    )
    const altname = reason('certificate', {
      url: 'https://localhost:8443/api/v1/me',
      detail:
        "Hostname/IP does not match certificate's altnames: Host: localhost. is not cert's CN: 127.0.0.1",
      detailCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
      host: 'localhost',
      altnames: 'IP Address:127.0.0.1',
    })
    expect(syncErrorText(ko, altname, ENGLISH, 'ko')).toBe(
      '서버의 TLS 인증서를 받아들일 수 없습니다: https://localhost:8443/api/v1/me ' +
        '(인증서가 localhost의 인증서가 아닙니다. 인증서의 이름: IP Address:127.0.0.1 · ERR_TLS_CERT_ALTNAME_INVALID)',
    )
    // A code the renderer does not know keeps the English detail as it came.
    const other = reason('certificate', {
      url: URL,
      detail: 'unsupported certificate purpose',
      detailCode: 'X',
    })
    expect(syncErrorText(ko, other, ENGLISH, 'ko')).toContain('(unsupported certificate purpose)')
  })

  it('has every network detail worded in Korean and English, without leftover placeholders', async () => {
    for (const lng of ['ko', 'en'] as const) {
      const t = await translator(lng)
      for (const code of NETWORK_DETAIL_CODES) {
        const text = syncErrorText(
          t,
          reason('unreachable', { url: URL, detail: 'ENGLISH DETAIL', detailCode: code }),
          ENGLISH,
          lng,
        )
        expect(text, `${lng} ${code}`).not.toContain('ENGLISH DETAIL')
        expect(text, `${lng} ${code}`).toContain(`· ${code})`)
        expect(text, `${lng} ${code}`).not.toMatch(/\{\{|syncErrors\./)
        if (lng === 'ko') expect(syncErrorMessages.ko.details[code], code).toMatch(/[가-힣]/)
      }
    }
  })

  it('says a sync worker that exited with its exit code in the UI’s language', async () => {
    const ko = await translator('ko')
    const exited = reason('sync_crashed', { detail: 'exit code 1', exitCode: 1 })
    expect(syncErrorText(ko, exited, ENGLISH, 'ko')).toBe(
      '동기화 작업이 예기치 않게 멈췄습니다(종료 코드 1). 다시 동기화해 보세요.',
    )
    // A worker error keeps its own words.
    const failed = reason('sync_crashed', { detail: 'Cannot find module ./chunk.js' })
    expect(syncErrorText(ko, failed, ENGLISH, 'ko')).toContain('(Cannot find module ./chunk.js)')
  })

  it('shows a port as the number it is, not a count (6000, not 6,000)', async () => {
    const ko = await translator('ko')
    const text = syncErrorText(
      ko,
      reason('blocked_port', { url: 'http://itsm.example.go.kr:6000/api/v1/me', port: 6000 }),
      ENGLISH,
      'ko',
    )
    expect(text).toContain('6000번 포트')
    expect(text).not.toContain('6,000')
  })

  it('says the minutes of a run closed for its silence as the count they are (one minute, 30 minutes)', async () => {
    // The core closes a run silent for 2 (heartbeat) or 30 minutes (older runs) and says which in
    // its params; a stored entry may hold the number as text.
    const en = await translator('en')
    const ko = await translator('ko')
    const silent = (minutes: number | string) => reason('interrupted_silent', { pid: '4242', minutes })
    expect(syncErrorText(en, silent(1), ENGLISH, 'en')).toBe(
      'The process syncing (pid 4242) gave no sign of life for over 1 minute and was taken to have stopped. The next sync goes on from where it stopped.',
    )
    expect(syncErrorText(en, silent(30), ENGLISH, 'en')).toContain('for over 30 minutes and was taken')
    expect(syncErrorText(en, silent('2'), ENGLISH, 'en')).toContain('for over 2 minutes and was taken')
    expect(syncErrorText(en, silent(1440), ENGLISH, 'en')).toContain('for over 1,440 minutes and was taken')
    expect(syncErrorText(ko, silent(1), ENGLISH, 'ko')).toBe(
      '동기화하던 프로세스(pid 4242)가 1분 넘게 응답이 없어 중단된 것으로 보았습니다. 다음 동기화가 멈춘 곳부터 이어 받습니다.',
    )
    expect(syncErrorText(ko, silent(30), ENGLISH, 'ko')).toContain('30분 넘게')
  })

  it('words a core reason (no token stored) as core errors are worded', async () => {
    const ko = await translator('ko')
    expect(
      syncErrorText(ko, reason('secret_missing', { name: 'prod-itsm', secret: 'token' }), ENGLISH, 'ko'),
    ).toBe('"prod-itsm" 연결의 토큰 값이 없습니다. 설정 → 연결에서 입력하세요.')
  })

  it.each(['ko', 'en'] as const)(
    'falls back to the English message for an unknown code or none (%s)',
    async (lng) => {
      const t = await translator(lng)
      expect(syncErrorText(t, reason('no_such_code', { url: URL }), ENGLISH, lng)).toBe(ENGLISH)
      expect(syncErrorText(t, null, 'interrupted (the process stopped during the sync)', lng)).toBe(
        'interrupted (the process stopped during the sync)',
      )
      expect(syncErrorText(t, undefined, ENGLISH, lng)).toBe(ENGLISH)
    },
  )
})
