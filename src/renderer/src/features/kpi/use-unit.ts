import { useTranslation } from 'react-i18next'
import { unitKey } from './format'

/** Translates a KPI unit (hours → 시간/h); an admin's own unit text is shown as written. */
export function useUnit(): (unit: string) => string {
  const { t } = useTranslation()
  return (unit) => {
    const key = unitKey(unit)
    return key ? t(key) : unit
  }
}
