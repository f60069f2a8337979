// The Cohorts benchmark's tenant across a refreshed tenant list: the tenant chosen in its selector
// follows a rename upstream (through the header's reconciliation), one that is gone gives way to the
// header's first or the list's first, and the notice says which, in Korean and English.
import { describe, expect, it } from 'vitest'
import {
  picksFor,
  selectionNotice,
  updateTenantSelection,
} from '../../../src/renderer/src/components/tenant-selection'
import {
  benchmarkNoticeText,
  benchmarkTenant,
} from '../../../src/renderer/src/features/cohorts/benchmark-tenant'
import { i18n } from '../../../src/renderer/src/i18n/index'
import type { TenantSummary } from '../../../src/shared/ipc/types'

const list = (...rows: [id: number, name: string][]): TenantSummary[] =>
  rows.map(([id, name]) => ({ id, name, srCount: 1 }))

async function translator(lng: 'ko' | 'en') {
  const instance = i18n.cloneInstance({ lng })
  await instance.changeLanguage(lng)
  return instance.t
}

const before = list([1, '경기도청'], [2, '서울특별시청'], [3, '세종시청'])

describe('the tenant the benchmark shows', () => {
  it('is the one chosen in its selector, else the header filter’s first, else the list’s first', () => {
    expect(benchmarkTenant('세종시청', ['서울특별시청'], before)).toBe('세종시청')
    expect(benchmarkTenant(undefined, ['서울특별시청', '세종시청'], before)).toBe('서울특별시청')
    expect(benchmarkTenant(undefined, [], before)).toBe('경기도청')
    expect(benchmarkTenant(undefined, [], [])).toBeNull()
    expect(benchmarkTenant(undefined, [], undefined)).toBeNull()
  })

  it('follows the chosen tenant renamed upstream to its new name', () => {
    const update = updateTenantSelection(
      picksFor(['세종시청'], before),
      list([1, '경기도청'], [2, '서울특별시청'], [3, '세종특별자치시청']),
    )
    expect(benchmarkTenant(update.picks[0]?.name, ['경기도청'], before)).toBe('세종특별자치시청')
  })

  it('falls back to the header’s first, then the list’s first, when the chosen tenant is gone', () => {
    const after = list([2, '서울특별시청'], [3, '세종시청'])
    const update = updateTenantSelection(picksFor(['경기도청'], before), after)
    expect(update.picks).toEqual([])
    expect(benchmarkTenant(update.picks[0]?.name, ['세종시청'], after)).toBe('세종시청')
    expect(benchmarkTenant(update.picks[0]?.name, [], after)).toBe('서울특별시청')
  })
})

describe('the benchmark’s notice', () => {
  it('says the rename followed, in Korean as the header does', async () => {
    const ko = await translator('ko')
    const update = updateTenantSelection(
      picksFor(['세종시청'], before),
      list([1, '경기도청'], [3, '세종특별자치시청']),
    )
    const notice = selectionNotice(update)
    if (!notice) throw new Error('a rename calls for a notice')
    expect(benchmarkNoticeText(ko, 'ko', notice, '세종특별자치시청')).toBe(
      '선택한 기관의 이름이 바뀌어 새 이름으로 계속 봅니다: 세종시청 → 세종특별자치시청.',
    )
  })

  it('names the tenant gone and the one shown instead, or that none is left', async () => {
    const ko = await translator('ko')
    const en = await translator('en')
    const notice = { renamed: [], dropped: ['경기도청'], nowAll: true }
    expect(benchmarkNoticeText(ko, 'ko', notice, '서울특별시청')).toBe(
      '선택한 기관이 더 이상 없습니다: 경기도청. 지금은 서울특별시청의 벤치마크를 보여 줍니다.',
    )
    expect(benchmarkNoticeText(en, 'en', notice, '서울특별시청')).toBe(
      'No longer in the workspace: 경기도청. Now showing 서울특별시청.',
    )
    expect(benchmarkNoticeText(ko, 'ko', notice, null)).toBe(
      '선택한 기관이 더 이상 없습니다: 경기도청. 비교할 기관이 없습니다.',
    )
    expect(benchmarkNoticeText(en, 'en', notice, null)).toBe(
      'No longer in the workspace: 경기도청. No tenant is left to show.',
    )
    expect(
      benchmarkNoticeText(en, 'en', { renamed: [{ from: 'A', to: 'B' }], dropped: [], nowAll: false }, 'B'),
    ).toBe('Renamed at the source, still shown under the new name: A → B.')
  })
})
