// The import wizard words each row error's reason in the UI's language (Korean first), keeping the
// canonical column visible, and falls back to the core's English message for a reason it does not know.
import i18next, { type TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import { importMessages } from '../../../src/renderer/src/features/import/messages'
import { rowErrorText } from '../../../src/renderer/src/features/import/row-error-text'
import {
  IMPORT_ROW_ERROR_CODES,
  type ImportRowError,
  type ImportRowErrorCode,
} from '../../../src/shared/ipc/types-sync'

async function translator(lng: 'ko' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance()
  await i18n.init({
    resources: {
      ko: { translation: { importWizard: importMessages.ko } },
      en: { translation: { importWizard: importMessages.en } },
    },
    lng,
    fallbackLng: 'ko',
    interpolation: { escapeValue: false },
  })
  return i18n.t
}

// One representative reason per code, with the params the core gives it.
const SAMPLES = {
  required: { column: 'tenant' },
  not_whole_number: { column: 'reopen_count' },
  negative: { column: 'reopen_count' },
  unknown_value: { column: 'status', expected: 'OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED' },
  before_created: { column: 'resolved_at' },
  finished_time_unmapped: { column: 'closed_at', status: 'CANCELLED' },
  finished_time_blank: { column: 'resolved_at', status: 'DONE' },
  invalid_date: { column: 'created_at' },
  not_epoch_ms: { column: 'created_at' },
  number_not_date: { column: 'updated_at' },
  boolean_not_date: { column: 'first_response_at' },
  invalid_date_text: { column: 'created_at' },
  excel_error_value: { column: 'category', cell: 'D5', error: '#N/A' },
  formula_no_result: { column: 'title', cell: 'C2' },
  formula_error: { column: 'category', cell: 'D3', error: '#DIV/0!' },
  formula_error_unknown: { column: 'priority', cell: 'E7' },
  extra_fields: { fields: 9, headers: 8 },
  not_json_object: {},
  duplicate_id: { column: 'id', firstRow: 3 },
  undecodable_text: { encoding: 'CP949', count: 2 },
  undecodable_text_at: { encoding: 'UTF-8', count: 1, firstAt: 70123 },
  damaged_text: {},
} satisfies Record<ImportRowErrorCode, Record<string, string | number>>

const error = (code: string, params: Record<string, string | number>): ImportRowError => ({
  row: 4,
  column: '상태',
  value: 'WIP',
  message: `ENGLISH FALLBACK for ${code}`,
  reason: { code: code as ImportRowErrorCode, params },
})

describe('row error wording', () => {
  it('has a sample for every code', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...IMPORT_ROW_ERROR_CODES].sort())
  })

  it.each(['ko', 'en'] as const)('words every code in %s with its params filled in', async (lng) => {
    const t = await translator(lng)
    for (const [code, params] of Object.entries(SAMPLES)) {
      const text = rowErrorText(error(code, params), t, lng)
      expect(text, code).not.toContain('ENGLISH FALLBACK')
      expect(text, code).not.toMatch(/\{\{|\}\}/)
      expect(text, code).not.toContain('importWizard.')
      for (const [k, v] of Object.entries(params)) {
        if (k === 'column') continue
        const shown =
          typeof v === 'number' && k !== 'firstRow' && k !== 'fields' && k !== 'headers'
            ? v.toLocaleString(lng === 'ko' ? 'ko-KR' : 'en-US')
            : String(v)
        expect(text, `${code}.${k}`).toContain(shown)
      }
      // The canonical column stays visible; Korean puts the wizard's label before it.
      if ('column' in params) {
        const label =
          importMessages.ko.columnNames[params.column as keyof typeof importMessages.ko.columnNames]
        expect(text, code).toContain(lng === 'ko' ? `${label}(${params.column})` : params.column)
      }
      if (lng === 'ko') expect(text, code).toMatch(/[가-힣]/)
    }
  })

  it('says the Korean messages an operator sees for common bad rows', async () => {
    const t = await translator('ko')
    expect(rowErrorText(error('unknown_value', SAMPLES.unknown_value), t, 'ko')).toBe(
      '상태(status): 알 수 없는 값입니다. OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED 중 하나여야 합니다(또는 값 변환에서 뜻을 고르세요)',
    )
    expect(rowErrorText(error('required', { column: 'created_at' }), t, 'ko')).toBe(
      '생성 일시(created_at): 필수 값이 비어 있습니다',
    )
    expect(rowErrorText(error('duplicate_id', SAMPLES.duplicate_id), t, 'ko')).toBe(
      'SR 번호(id): 3행과 중복됩니다. SR 하나는 파일에 한 번만 나올 수 있습니다',
    )
    expect(rowErrorText(error('extra_fields', SAMPLES.extra_fields), t, 'ko')).toBe(
      '이 행은 필드가 9개인데 머리글은 8개입니다(따옴표로 감싸지 않은 구분자가 있나요?)',
    )
    expect(rowErrorText(error('undecodable_text_at', SAMPLES.undecodable_text_at), t, 'ko')).toContain(
      '바이트 열 1개, 첫 번째는 바이트 위치 70,123',
    )
  })

  it('English keeps the canonical column name alone', async () => {
    const t = await translator('en')
    expect(rowErrorText(error('before_created', SAMPLES.before_created), t, 'en')).toBe(
      'resolved_at: is before created_at',
    )
    expect(rowErrorText(error('formula_error', SAMPLES.formula_error), t, 'en')).toBe(
      'category: formula error #DIV/0! in cell D3: fix the formula',
    )
  })

  it('a column that is not canonical is shown as given', async () => {
    const t = await translator('ko')
    expect(rowErrorText(error('required', { column: 'memo' }), t, 'ko')).toBe('memo: 필수 값이 비어 있습니다')
  })

  it.each(['ko', 'en'] as const)(
    'falls back to the English message for an unknown code or none (%s)',
    async (lng) => {
      const t = await translator(lng)
      expect(rowErrorText(error('no_such_code', { column: 'status' }), t, lng)).toBe(
        'ENGLISH FALLBACK for no_such_code',
      )
      const { reason: _reason, ...withoutReason } = error('required', { column: 'tenant' })
      expect(rowErrorText(withoutReason as ImportRowError, t, lng)).toBe('ENGLISH FALLBACK for required')
    },
  )
})
