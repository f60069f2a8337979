import { useTranslation } from 'react-i18next'
import { formatCount } from '../i18n/format'

type ChartTableProps = {
  /** Header of the label column (e.g. "구간", "분류"). */
  labelHeader: string
  labels: string[]
  columns: { key: string; label: string; values: (number | null)[]; format?: (v: number) => string }[]
  /** Columns whose numbers open a drill-down (the others are shown as text). */
  onPick?: (index: number, columnKey: string) => void
  pickable?: (columnKey: string) => boolean
  testId?: string
  /** Start expanded (a screen whose table is its main content). */
  defaultOpen?: boolean
}

/**
 * The numbers behind a chart as a table, collapsed under "표로 보기": readable by screen readers and
 * reachable by keyboard, each drillable number a button.
 */
export function ChartTable(props: ChartTableProps) {
  const { labelHeader, labels, columns, onPick, pickable, testId, defaultOpen = false } = props
  const { t, i18n } = useTranslation()
  return (
    <details className="chart-table" data-testid={testId} open={defaultOpen}>
      <summary>{t('bi.chart.table')}</summary>
      <div className={defaultOpen ? 'chart-table-scroll chart-table-full' : 'chart-table-scroll'}>
        <table className="figure-table">
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              {columns.map((c) => (
                <th scope="col" key={c.key} className="num">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={`${label}-${i}`}>
                <th scope="row">{label}</th>
                {columns.map((c) => {
                  const value = c.values[i] ?? null
                  const text =
                    value === null ? '—' : (c.format ?? ((v) => formatCount(v, i18n.language)))(value)
                  const canPick = onPick && value !== null && (pickable?.(c.key) ?? true)
                  return (
                    <td key={c.key} className="num">
                      {canPick ? (
                        <button
                          type="button"
                          className="figure-link"
                          aria-label={`${label} · ${c.label}: ${text}`}
                          onClick={() => onPick(i, c.key)}
                        >
                          {text}
                        </button>
                      ) : (
                        text
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
