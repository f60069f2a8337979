import { useTranslation } from 'react-i18next'

export type TriangleRow = {
  cohort: string
  /** The cohort's size column (tenants or people). */
  size: number
  cells: (number | null)[]
  partialIndex: number | null
  /** Extra text after the cohort label (e.g. the tenants of a growth cohort). */
  detail?: string
}

type TriangleTableProps = {
  testId: string
  cohortHeader: string
  sizeHeader: string
  /** Over the month columns (numbered 0…): what they count ("Months since onboarding · SRs"). */
  monthsHeader: string
  rows: TriangleRow[]
  columns: number
  /** 0…1: how strongly a cell is coloured. */
  intensity: (value: number, row: TriangleRow) => number
  format: (value: number) => string
  cellLabel: (value: number, row: TriangleRow, month: number) => string
}

/** The cell colour: the theme's heat hue mixed into the surface, up to 85 % (light and dark alike). */
export function heat(level: number): string {
  return `color-mix(in srgb, var(--cohort-heat) ${Math.round(level * 85)}%, var(--surface))`
}

/**
 * The classic cohort triangle: one row per cohort, one column per month since its start, cells
 * coloured on a single-hue scale. Strong cells switch to the contrasting text colour so figures stay
 * readable in both themes; months not reached stay blank; the month still in progress is marked.
 */
export function TriangleTable(props: TriangleTableProps) {
  const { t } = useTranslation()
  const { rows, columns } = props
  return (
    <div className="cohort-scroll">
      <table className="cohort-table cohort-triangle" data-testid={props.testId}>
        {/* The month columns are numbered under one heading that says what they count, so each is
            as narrow as its figures and 18 months fit a 960 px window. */}
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {props.cohortHeader}
            </th>
            <th scope="col" rowSpan={2} className="num">
              {props.sizeHeader}
            </th>
            {columns > 0 && (
              <th scope="colgroup" colSpan={columns} className="cohort-months-head">
                {props.monthsHeader}
              </th>
            )}
          </tr>
          <tr>
            {Array.from({ length: columns }, (_, k) => (
              <th
                key={k}
                scope="col"
                className="num cohort-month"
                title={t('cohorts.monthHint', { n: k })}
                aria-label={t('cohorts.monthHint', { n: k })}
              >
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.cohort} data-cohort={row.cohort}>
              <th scope="row">
                <span className="cohort-label">{row.cohort}</span>
                {row.detail && (
                  <span className="cohort-detail" title={row.detail}>
                    {row.detail}
                  </span>
                )}
              </th>
              <td className="num">{row.size.toLocaleString()}</td>
              {Array.from({ length: columns }, (_, k) => {
                const v = row.cells[k] ?? null
                if (v === null) return <td key={k} className="cohort-cell cohort-cell-none" />
                const level = Math.max(0, Math.min(1, props.intensity(v, row)))
                const partial = row.partialIndex === k
                return (
                  <td
                    key={k}
                    className={`cohort-cell num${level > 0.55 ? ' cohort-cell-strong' : ''}${partial ? ' cohort-cell-partial' : ''}`}
                    style={{ backgroundColor: heat(level) }}
                    title={props.cellLabel(v, row, k)}
                    data-month={k}
                  >
                    {props.format(v)}
                    {partial && (
                      <span className="cohort-partial-mark" aria-hidden="true">
                        *
                      </span>
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
