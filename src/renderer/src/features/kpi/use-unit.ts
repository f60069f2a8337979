import { useTranslation } from 'react-i18next'
import { COUNTED_UNITS, unitKey } from './format'

/**
 * Translates a KPI unit (hours → 시간/h); an admin's own unit text is shown as written. Given the
 * value it follows, a counted unit takes that value's form ("1 SR", "2 SRs"; Korean 건 either way),
 * the value as shown (2 decimals), so 0.999 shown as 1 says "SR"; without a value, its plural as a
 * label ("Target (SRs)").
 */
export function useUnit(): (unit: string, value?: number | null) => string {
  const { t } = useTranslation()
  return (unit, value) => {
    const key = unitKey(unit)
    if (!key) return unit
    if (!COUNTED_UNITS.has(unit)) return t(key)
    return value === undefined || value === null
      ? t(`${key}_other`)
      : t(key, { count: Math.round(value * 100) / 100 })
  }
}
