import { useTranslation } from 'react-i18next'
import type { SlaHeatmapCell } from '../../../../shared/ipc/types-bi'
import { formatPct } from '../../components/chart-format'
import { formatCount } from '../../i18n/format'

/** The sla-heatmap's drill-down series: all resolved, on time, or late. */
export type SlaSeries = 'total' | 'on_time' | 'late'

type BreachesTableProps = {
  cells: SlaHeatmapCell[]
  /** Opens the SRs of one week × category: the late ones or all resolved ('total'). */
  onPick: (cell: SlaHeatmapCell, series: SlaSeries) => void
}

/**
 * Where the late resolutions of the range are: each week × category with at least one, latest week
 * first and the most late first within a week; each count opens its SRs.
 */
export function BreachesTable({ cells, onPick }: BreachesTableProps) {
  const { t, i18n } = useTranslation()
  const rows = cells
    .map((cell) => ({ cell, late: cell.total - cell.on_time }))
    .filter((r) => r.late > 0)
    .sort((a, b) => b.cell.week.localeCompare(a.cell.week) || b.late - a.late)
  if (rows.length === 0) return <p className="drill-empty">{t('slaBoard.breaches.none')}</p>
  return (
    <div className="breaches-scroll">
      <table className="figure-table breaches-table" data-testid="breaches-table">
        <thead>
          <tr>
            <th scope="col">{t('slaBoard.breaches.week')}</th>
            <th scope="col">{t('slaBoard.heatmap.category')}</th>
            <th scope="col" className="num">
              {t('slaBoard.summary.late')}
            </th>
            <th scope="col" className="num">
              {t('slaBoard.summary.total')}
            </th>
            <th scope="col" className="num">
              {t('slaBoard.summary.compliance')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ cell, late }) => (
            <tr key={`${cell.week}|${cell.category_key ?? ''}`} data-testid="breach-row">
              <td className="mono">
                {cell.week} <span className="heatmap-week-start">({cell.week_start})</span>
              </td>
              <td>{cell.category}</td>
              <td className="num">
                <button
                  type="button"
                  className="figure-link sla-missed"
                  data-testid="breach-late"
                  data-value={late}
                  onClick={() => onPick(cell, 'late')}
                >
                  {formatCount(late, i18n.language)}
                </button>
              </td>
              <td className="num">
                <button type="button" className="figure-link" onClick={() => onPick(cell, 'total')}>
                  {formatCount(cell.total, i18n.language)}
                </button>
              </td>
              <td className="num">{formatPct(cell.compliance_pct, i18n.language)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
