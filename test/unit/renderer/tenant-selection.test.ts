// The header's institution selection on a refreshed tenant list (after a sync or an import): a
// selected tenant renamed upstream is followed by its row id, one merged away keeps its name on the
// row that now holds it, one gone is dropped; and the notice that says so, in Korean and English.
import { describe, expect, it } from 'vitest'
import {
  picksFor,
  selectionNotice,
  tenantNoticeText,
  updateTenantSelection,
} from '../../../src/renderer/src/components/tenant-selection'
import { i18n } from '../../../src/renderer/src/i18n/index'
import type { TenantSummary } from '../../../src/shared/ipc/types'

const list = (...rows: [id: number, name: string][]): TenantSummary[] =>
  rows.map(([id, name]) => ({ id, name, srCount: 1 }))

async function translator(lng: 'ko' | 'en') {
  const instance = i18n.cloneInstance({ lng })
  await instance.changeLanguage(lng)
  return instance.t
}

describe('the institution selection on a refreshed tenant list', () => {
  const before = list([1, '경기도청'], [2, '서울특별시청'], [3, '세종시청'])

  it('picks carry the ids the list gives the chosen names', () => {
    expect(picksFor(['서울특별시청', '경기도청'], before)).toEqual([
      { id: 2, name: '서울특별시청' },
      { id: 1, name: '경기도청' },
    ])
  })

  it('an unchanged list (a sync that renamed nothing) leaves the selection as it was', () => {
    const picks = picksFor(['경기도청', '세종시청'], before)
    const update = updateTenantSelection(picks, list([1, '경기도청'], [2, '서울특별시청'], [3, '세종시청']))
    expect(update).toEqual({ picks, renamed: [], dropped: [], changed: false })
    expect(selectionNotice(update)).toBeNull()
  })

  it('follows a selected tenant renamed upstream: same row, its new name, in the list order', () => {
    const picks = picksFor(['경기도청', '세종시청'], before)
    const update = updateTenantSelection(
      picks,
      list([2, '서울특별시청'], [3, '세종시청'], [1, '경기도 본청']),
    )
    expect(update.picks).toEqual([
      { id: 3, name: '세종시청' },
      { id: 1, name: '경기도 본청' },
    ])
    expect(update.renamed).toEqual([{ from: '경기도청', to: '경기도 본청' }])
    expect(update.dropped).toEqual([])
    expect(update.changed).toBe(true)
  })

  it('follows the row, not the name, when two tenants swap names', () => {
    const swapped = updateTenantSelection(
      picksFor(['경기도청'], before),
      list([1, '서울특별시청'], [2, '경기도청']),
    )
    expect(swapped.picks).toEqual([{ id: 1, name: '서울특별시청' }])
    expect(swapped.renamed).toEqual([{ from: '경기도청', to: '서울특별시청' }])
  })

  it('a selected tenant merged into another under its own name stays selected under that name', () => {
    // 서울특별시청 (row 2, known by name only) was merged into row 1, renamed 서울특별시청 upstream.
    const update = updateTenantSelection(
      picksFor(['서울특별시청'], before),
      list([1, '서울특별시청'], [3, '세종시청']),
    )
    expect(update.picks).toEqual([{ id: 1, name: '서울특별시청' }])
    expect(update.renamed).toEqual([])
    expect(update.dropped).toEqual([])
    expect(update.changed).toBe(true)
    expect(selectionNotice(update)).toBeNull()
  })

  it('two selected tenants merged into one are one selected tenant', () => {
    const update = updateTenantSelection(
      picksFor(['경기도청', '서울특별시청'], before),
      list([1, '서울특별시청'], [3, '세종시청']),
    )
    expect(update.picks).toEqual([{ id: 1, name: '서울특별시청' }])
    expect(update.renamed).toEqual([{ from: '경기도청', to: '서울특별시청' }])
  })

  it('drops a selected name no tenant has any more, by row or by name, and says when none is left', () => {
    const some = updateTenantSelection(
      picksFor(['경기도청', '세종시청'], before),
      list([2, '서울특별시청'], [3, '세종시청']),
    )
    expect(some.picks).toEqual([{ id: 3, name: '세종시청' }])
    expect(some.dropped).toEqual(['경기도청'])
    expect(selectionNotice(some)).toEqual({ renamed: [], dropped: ['경기도청'], nowAll: false })

    const none = updateTenantSelection(picksFor(['경기도청'], before), list([2, '서울특별시청']))
    expect(none.picks).toEqual([])
    expect(selectionNotice(none)).toEqual({ renamed: [], dropped: ['경기도청'], nowAll: true })
  })

  it('a pick without an id (chosen before the list had one) is matched by name, or dropped', () => {
    const picks = [
      { id: null, name: '세종시청' },
      { id: null, name: '없는 기관' },
    ]
    const update = updateTenantSelection(picks, before)
    expect(update.picks).toEqual([{ id: 3, name: '세종시청' }])
    expect(update.dropped).toEqual(['없는 기관'])
  })
})

describe('the notice', () => {
  it('names each rename followed and each name dropped, in Korean', async () => {
    const ko = await translator('ko')
    expect(
      tenantNoticeText(ko, 'ko', {
        renamed: [
          { from: '경기도청', to: '경기도 본청' },
          { from: 'A', to: 'B' },
        ],
        dropped: ['세종시청'],
        nowAll: false,
      }),
    ).toBe(
      '선택한 기관의 이름이 바뀌어 새 이름으로 계속 봅니다: 경기도청 → 경기도 본청 및 A → B. ' +
        '선택한 기관이 더 이상 없어 필터에서 뺐습니다: 세종시청.',
    )
    expect(tenantNoticeText(ko, 'ko', { renamed: [], dropped: ['세종시청'], nowAll: true })).toBe(
      '선택한 기관이 더 이상 없어 필터에서 뺐습니다: 세종시청. 지금은 전체 기관을 보여 줍니다.',
    )
  })

  it('names them in English, several as a list', async () => {
    const en = await translator('en')
    expect(
      tenantNoticeText(en, 'en', { renamed: [{ from: 'A', to: 'B' }], dropped: [], nowAll: false }),
    ).toBe('Renamed at the source, kept in the filter under the new name: A → B.')
    expect(tenantNoticeText(en, 'en', { renamed: [], dropped: ['C', 'D', 'E'], nowAll: true })).toBe(
      'No longer in the workspace, taken out of the filter: C, D, and E. All institutions are shown now.',
    )
  })
})
