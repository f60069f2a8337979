import { useTranslation } from 'react-i18next'
import type { KpiStatus } from '../../../../shared/ipc/types-kpi'

/** A distinct shape per status, so the light never relies on colour alone. */
export const STATUS_ICON: Record<KpiStatus, string> = { GREEN: '●', YELLOW: '▲', RED: '■', NO_DATA: '○' }

/** Traffic light: colour, icon and text. */
export function StatusBadge({ status, large = false }: { status: KpiStatus; large?: boolean }) {
  const { t } = useTranslation()
  return (
    <span
      className={`kpi-status kpi-status-${status.toLowerCase()}${large ? ' kpi-status-large' : ''}`}
      data-testid="kpi-status"
      data-status={status}
    >
      <span aria-hidden="true" className="kpi-status-icon">
        {STATUS_ICON[status]}
      </span>
      {t(`kpiBoard.status.${status}`)}
    </span>
  )
}
