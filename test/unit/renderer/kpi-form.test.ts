import { describe, expect, it } from 'vitest'
import { validateDraft, type KpiDraft } from '../../../src/renderer/src/features/kpi-settings/kpi-form'

const draft: KpiDraft = {
  target: '4',
  green: '95',
  yellow: '80',
  yellowFactor: '1.2',
  period: 'MONTHLY',
  tenant: '',
  category: '',
  priority: '',
  effective: '',
}

describe('Settings → KPI form validation', () => {
  it('turns a valid draft into a patch (empty filter = null, no effective date = current period)', () => {
    expect(
      validateDraft({ ...draft, target: ' 4.5 ', tenant: '서울특별시청', priority: 'P1' }, 'LOWER_BETTER'),
    ).toEqual({
      patch: {
        target: 4.5,
        thresholds: { green: 95, yellow: 80, yellowFactor: 1.2 },
        period: 'MONTHLY',
        filter: { tenant: '서울특별시청', priority: 'P1' },
      },
      errors: {},
    })
    expect(validateDraft(draft, 'LOWER_BETTER').patch?.filter).toBeNull()
  })

  it('names each wrong field with its message key and gives no patch', () => {
    expect(validateDraft({ ...draft, target: 'abc' }, 'LOWER_BETTER').errors).toEqual({
      target: 'kpiSettings.errors.number',
    })
    expect(validateDraft({ ...draft, target: '0' }, 'HIGHER_BETTER').errors.target).toBe(
      'kpiSettings.errors.targetPositive',
    )
    // 0 is a valid LOWER_BETTER target (e.g. no P1 backlog), −1 is not
    expect(validateDraft({ ...draft, target: '0' }, 'LOWER_BETTER').errors).toEqual({})
    expect(validateDraft({ ...draft, target: '-1' }, 'LOWER_BETTER').errors.target).toBe(
      'kpiSettings.errors.targetNonNegative',
    )
    const bad = validateDraft(
      { ...draft, green: '70', yellow: '80', yellowFactor: '0.9', effective: '2026/03/01' },
      'HIGHER_BETTER',
    )
    expect(bad.patch).toBeNull()
    expect(bad.errors).toEqual({
      yellow: 'kpiSettings.errors.yellowAboveGreen',
      yellowFactor: 'kpiSettings.errors.factor',
      effective: 'kpiSettings.errors.date',
    })
  })
})
