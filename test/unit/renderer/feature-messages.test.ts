// Every area's messages must exist in both languages with the same keys, and no area may take a
// top-level key another area (or the shared ko.ts) already uses: i18next would silently merge them.
// English says a count with a singular or a plural noun: those messages take a number (i18next's
// count) and write it with the language's grouping.
import { describe, expect, it } from 'vitest'
import { FEATURE_MESSAGES } from '../../../src/renderer/src/i18n/feature-messages'
import { en } from '../../../src/renderer/src/i18n/en'
import { i18n } from '../../../src/renderer/src/i18n/index'
import { ko } from '../../../src/renderer/src/i18n/ko'

function keyPaths(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix]
  return Object.entries(tree).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k))
}

describe('feature messages', () => {
  it('top-level keys are unique across areas and the shared messages', () => {
    const keys = [...Object.keys(ko), ...FEATURE_MESSAGES.map((m) => m.key)]
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([])
  })

  it.each(FEATURE_MESSAGES.map((m) => [m.key, m] as const))('%s has the same keys in ko and en', (_, m) => {
    // Korean has one plural form (x_other); English has a singular beside it (x_one).
    const koKeys = keyPaths(m.ko)
    const singulars = koKeys.filter((k) => k.endsWith('_other')).map((k) => k.replace(/_other$/, '_one'))
    expect(keyPaths(m.en).sort()).toEqual([...koKeys, ...singulars].sort())
    for (const lang of [m.ko, m.en]) {
      for (const path of keyPaths(lang)) {
        const value = path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], lang)
        expect(typeof value === 'string' && value.length > 0, `${m.key}.${path}`).toBe(true)
      }
    }
  })
})

/** Every English message as [key path, text]. */
function englishMessages(): [string, string][] {
  const trees: [string, unknown][] = [
    ['', en],
    ...FEATURE_MESSAGES.map((m) => [m.key, m.en] as [string, unknown]),
  ]
  return trees.flatMap(([prefix, tree]) =>
    keyPaths(tree).map((path): [string, string] => {
      const value = path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], tree)
      return [prefix ? `${prefix}.${path}` : path, String(value)]
    }),
  )
}

// A number (not a table or entity name) right before a counted noun ("{{n}} rows") reads "1 rows" unless the message has a singular.
const NUMBER_BEFORE_NOUN =
  /\{\{(?!table\b|entity\b)\w+(?:, number)?\}\} (?:row errors|rows|SRs|errors|days|columns|KPIs|periods|tenants|institutions|seconds|attempts|records|bytes|assignees|pages|certificates|connections|sources|minutes)\b/
// Where the number cannot be 1, or is left as it is for now.
const ALWAYS_PLURAL = new Set([
  'tenants.some', // one institution chosen is named instead
  'engineers.shown', // said only when there are more assignees than shown (else engineers.all)
  'importWizard.errorsMore', // said only past the first 500 errors listed
  'cohorts.benchmark.suppressed', // the smallest group compared, a constant above 1
  'apiErrors.reasons.too_many_rows', // limits of 100,000s
  'apiErrors.reasons.too_many_records',
  'apiErrors.reasons.sheet_too_many_rows',
  'apiErrors.reasons.error_list_too_large', // an error list over megabytes
  'apiErrors.reasons.ca_too_many', // more than the limit, so at least 2
])

// Plurals whose number is written apart: a sync's rows ('5 of 1,200', formatted), a card's unit.
const NUMBER_APART = new Set([
  'sync.progress_other',
  'units.count_other',
  'kpiBoard.units.건_other',
  'kpiBoard.units.회_other',
  'kpiBoard.units.명_other',
  'cohorts.benchmark.units.backlog_other',
])

describe('English counts', () => {
  it('a number before a counted noun comes with a singular form (x_one) unless it cannot be 1', () => {
    const faulty = englishMessages()
      .filter(([key, text]) => !/_(one|other)$/.test(key) && NUMBER_BEFORE_NOUN.test(text))
      .map(([key]) => key)
      .filter((key) => !ALWAYS_PLURAL.has(key))
    expect(faulty).toEqual([])
  })

  it('no English message hedges a count with "(s)": it has a singular and a plural form instead', () => {
    const hedged = englishMessages()
      .filter(([, text]) => /\}\} \w+\(s\)/.test(text))
      .map(([key]) => key)
    expect(hedged).toEqual([])
  })

  it('plural messages write their count with the grouping of the language', () => {
    const counted = englishMessages().filter(([key]) => /_(one|other)$/.test(key))
    expect(counted.length).toBeGreaterThan(20)
    for (const [key, text] of counted) {
      // A singular may spell its count out ("First row"); a count is never written without grouping.
      expect(text.includes('{{count}}'), key).toBe(false)
      if (key.endsWith('_other') && !NUMBER_APART.has(key)) expect(text, key).toContain('{{count, number}}')
    }
  })

  it('the import wizard says one row in the singular, and groups thousands, in English and Korean', async () => {
    const en = i18n.cloneInstance({ lng: 'en' })
    const ko = i18n.cloneInstance({ lng: 'ko' })
    await Promise.all([en.changeLanguage('en'), ko.changeLanguage('ko')])
    expect(en.t('importWizard.imported', { count: 1 })).toBe('1 row imported')
    expect(en.t('importWizard.imported', { count: 1234 })).toBe('1,234 rows imported')
    expect(ko.t('importWizard.imported', { count: 1 })).toBe('1행을 가져왔습니다')
    expect(ko.t('importWizard.imported', { count: 1234 })).toBe('1,234행을 가져왔습니다')
    expect(en.t('importWizard.sampleTitle', { count: 1 })).toBe('First row')
    expect(en.t('importWizard.sampleTitle', { count: 5 })).toBe('First 5 rows')
    expect(en.t('importWizard.errorsTitle', { count: 1 })).toBe('1 row error')
    expect(en.t('importWizard.errorsTitle', { count: 12000 })).toBe('12,000 row errors')
    expect(en.t('importWizard.summary', { count: 1, valid: '1', errors: '0' })).toBe(
      '1 row: 1 valid, 0 with errors',
    )
    expect(en.t('importWizard.leftOut', { count: 1, rows: '2' })).toBe(
      '1 of the file’s 2 rows has errors and was not imported',
    )
    expect(en.t('importWizard.rejected', { count: 1 })).toBe('Nothing was written: 1 row has errors')
    expect(en.t('importWizard.progress.writing', { rows: '0', count: 1 })).toBe('Writing: 0 of 1 row')
    expect(en.t('importWizard.fileInfo', { format: 'CSV', encoding: 'UTF-8', count: 1 })).toBe(
      'CSV · UTF-8 · 1 column',
    )
    expect(ko.t('importWizard.summary', { count: 1234, valid: '1,230', errors: '4' })).toBe(
      '1,234행 중 정상 1,230행, 오류 4행',
    )
    // Elsewhere as well.
    expect(en.t('bi.drill.total', { count: 1 })).toBe('1 SR in total')
    expect(en.t('sync.rowsWritten', { count: 1 })).toBe('1 row written')
    expect(en.t('sync.rowsWritten', { count: 20000 })).toBe('20,000 rows written')
    expect(en.t('slaSettings.holidays.count', { count: 1 })).toBe('1 day')
    expect(en.t('auth.wrong', { count: 1 })).toBe(
      'Wrong passphrase. One more wrong attempt pauses unlocking for a while.',
    )
    expect(ko.t('kpiSettings.appliedResult', { count: 1 })).toBe('1개 KPI를 만들었습니다')
    expect(en.t('units.count', { count: 1 })).toBe('item')
    expect(en.t('kpiBoard.units.건', { count: 1 })).toBe('SR')
    expect(en.t('kpiBoard.units.명', { count: 1.5 })).toBe('subscribers')
    expect(ko.t('kpiBoard.units.건', { count: 1 })).toBe('건')
    expect(en.t('engineers.all', { count: 18 })).toBe('All 18 assignees')
  })
})
