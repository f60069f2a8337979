// The KPI edit form's draft and its validation (messages by i18n key, shown beside each field).
import type { KpiBoardItem, KpiPeriod } from '../../../../shared/ipc/types-kpi'

export type KpiDraft = {
  target: string
  green: string
  yellow: string
  yellowFactor: string
  period: KpiPeriod
  tenant: string
  category: string
  priority: '' | 'P1' | 'P2' | 'P3' | 'P4'
  effective: string
}

export type DraftField = keyof KpiDraft
export type DraftErrors = Partial<Record<DraftField, string>>

export type KpiPatch = {
  target: number
  thresholds: { green: number; yellow: number; yellowFactor: number }
  period: KpiPeriod
  filter: { tenant?: string; category?: string; priority?: 'P1' | 'P2' | 'P3' | 'P4' } | null
  effective_from?: string
}

/** The form's starting values from a KPI's current definition. */
export function toDraft(kpi: KpiBoardItem): KpiDraft {
  const th = kpi.thresholds
  return {
    target: String(kpi.target),
    green: String(th.green),
    yellow: String(th.yellow),
    yellowFactor: String(th.yellowFactor),
    period: kpi.period,
    tenant: kpi.filter?.tenant ?? '',
    category: kpi.filter?.category ?? '',
    priority: kpi.filter?.priority ?? '',
    effective: '',
  }
}

const num = (text: string): number | null => {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : null
}

/** Checks the draft; returns the patch or the i18n keys of what is wrong, per field. */
export function validateDraft(
  d: KpiDraft,
  direction: KpiBoardItem['direction'],
): { patch: KpiPatch | null; errors: DraftErrors } {
  const errors: DraftErrors = {}
  const target = num(d.target)
  if (target === null) errors.target = 'kpiSettings.errors.number'
  else if (direction === 'HIGHER_BETTER' && target <= 0) errors.target = 'kpiSettings.errors.targetPositive'
  else if (target < 0) errors.target = 'kpiSettings.errors.targetNonNegative'
  const green = num(d.green)
  const yellow = num(d.yellow)
  const factor = num(d.yellowFactor)
  if (green === null || green < 0 || green > 1000) errors.green = 'kpiSettings.errors.pct'
  if (yellow === null || yellow < 0 || yellow > 1000) errors.yellow = 'kpiSettings.errors.pct'
  else if (green !== null && yellow > green) errors.yellow = 'kpiSettings.errors.yellowAboveGreen'
  if (factor === null || factor < 1 || factor > 10) errors.yellowFactor = 'kpiSettings.errors.factor'
  if (d.effective.trim() !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(d.effective.trim()))
    errors.effective = 'kpiSettings.errors.date'
  if (
    Object.keys(errors).length > 0 ||
    target === null ||
    green === null ||
    yellow === null ||
    factor === null
  )
    return { patch: null, errors }
  const filter = {
    ...(d.tenant ? { tenant: d.tenant } : {}),
    ...(d.category.trim() ? { category: d.category.trim() } : {}),
    ...(d.priority ? { priority: d.priority } : {}),
  }
  return {
    patch: {
      target,
      thresholds: { green, yellow, yellowFactor: factor },
      period: d.period,
      filter: Object.keys(filter).length > 0 ? filter : null,
      ...(d.effective.trim() ? { effective_from: d.effective.trim() } : {}),
    },
    errors,
  }
}
