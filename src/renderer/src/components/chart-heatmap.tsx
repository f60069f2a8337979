import { useTranslation } from 'react-i18next'
import { formatCount } from '../i18n/format'
import { formatPct } from './chart-format'
import './heatmap.css'

export type HeatmapCell = {
  week: string
  category_key: string | null
  total: number
  on_time: number
  compliance_pct: number
}

type HeatmapProps<C extends HeatmapCell> = {
  weeks: { key: string; start: string }[]
  categories: { key: string | null; label: string }[]
  cells: C[]
  onPick: (cell: C, categoryLabel: string) => void
  /** A row header: the category's SRs over every week of the range. */
  onPickCategory?: (category: { key: string | null; label: string }) => void
}

/** Compliance bands, best first; each has a background/text pair in heatmap.css readable in both themes. */
export const HEAT_BANDS = [
  { min: 95, id: 'band-0' },
  { min: 90, id: 'band-1' },
  { min: 80, id: 'band-2' },
  { min: 60, id: 'band-3' },
  { min: 0, id: 'band-4' },
] as const

export function heatBand(pct: number): string {
  return HEAT_BANDS.find((b) => pct >= b.min)?.id ?? 'band-4'
}

function cellId(week: string, category: string | null): string {
  // \u0000 cannot occur in a category name, so the no-category row never collides with a real one.
  return `${week}\u0000${category ?? '\u0000'}`
}

/** ISO week × category grid of SLA compliance; every filled cell is a button opening its SRs. */
export function SlaHeatmap<C extends HeatmapCell>({
  weeks,
  categories,
  cells,
  onPick,
  onPickCategory,
}: HeatmapProps<C>) {
  const { t, i18n } = useTranslation()
  const byId = new Map(cells.map((c) => [cellId(c.week, c.category_key), c]))
  return (
    <div className="heatmap-figure">
      <div className="heatmap-scroll">
        <table className="heatmap" data-testid="heatmap">
          <thead>
            <tr>
              <th scope="col" className="heatmap-corner">
                {t('slaBoard.heatmap.category')}
              </th>
              {weeks.map((w) => (
                <th scope="col" key={w.key} className="heatmap-week">
                  <span>{w.key.slice(5)}</span>
                  <span className="heatmap-week-start">{w.start.slice(5)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => (
              <tr key={category.key ?? '\u0000'}>
                <th scope="row" className="heatmap-category">
                  {onPickCategory ? (
                    <button
                      type="button"
                      className="figure-link heatmap-category-button"
                      data-testid="heatmap-category"
                      data-category={category.key ?? ''}
                      title={t('slaBoard.heatmap.categoryHint', { category: category.label })}
                      onClick={() => onPickCategory(category)}
                    >
                      {category.label}
                    </button>
                  ) : (
                    category.label
                  )}
                </th>
                {weeks.map((w) => {
                  const cell = byId.get(cellId(w.key, category.key))
                  if (!cell) return <td key={w.key} className="heatmap-cell heatmap-none" />
                  const pct = formatPct(cell.compliance_pct, i18n.language)
                  const label = t('slaBoard.heatmap.cellLabel', {
                    week: w.key,
                    category: category.label,
                    pct,
                    onTime: formatCount(cell.on_time, i18n.language),
                    total: formatCount(cell.total, i18n.language),
                  })
                  return (
                    <td key={w.key} className="heatmap-cell">
                      <button
                        type="button"
                        className={`heatmap-button ${heatBand(cell.compliance_pct)}`}
                        aria-label={label}
                        title={label}
                        data-testid="heatmap-cell"
                        data-week={w.key}
                        data-category={category.key ?? ''}
                        data-total={cell.total}
                        onClick={() => onPick(cell, category.label)}
                      >
                        <span className="heatmap-pct">{pct}</span>
                        <span className="heatmap-total">{formatCount(cell.total, i18n.language)}</span>
                      </button>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="heatmap-legend" aria-label={t('slaBoard.heatmap.legend')}>
        {HEAT_BANDS.map((band, i) => (
          <li key={band.id}>
            <span className={`heatmap-swatch ${band.id}`} aria-hidden="true" />
            {i === 0
              ? t('slaBoard.heatmap.bandTop', { min: band.min })
              : t('slaBoard.heatmap.band', { min: band.min, max: HEAT_BANDS[i - 1]?.min ?? 100 })}
          </li>
        ))}
        <li>
          <span className="heatmap-swatch heatmap-none" aria-hidden="true" />
          {t('slaBoard.heatmap.none')}
        </li>
        <li className="heatmap-legend-note">{t('slaBoard.heatmap.cellNote')}</li>
      </ul>
    </div>
  )
}
