import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { DrillDownRow, DrillSort } from '../../../shared/ipc/types-bi'
import { formatHours } from '../i18n/format'

/**
 * Which columns a list shows: `sr` the SR's state (status, MTTR, SLA met), `sla` its SLA timing
 * (elapsed vs target hours and how far over), for lists of resolved SRs judged against their SLA.
 */
export type DrillColumns = 'sr' | 'sla'
export type DrillOrder = { sort: DrillSort; order: 'desc' | 'asc' }

type DrillTableProps = {
  rows: DrillDownRow[]
  columns: DrillColumns
  /** The order the core answered with (shown on the sortable headers). */
  order: DrillOrder
  onSort: (sort: DrillSort) => void
}

/** "2026-03-02T10:15:00.000+09:00" → "2026-03-02 10:15": the core already wrote the zone's wall time. */
function wallTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—'
}

/** The SRs of one page; the created, resolved and (SLA columns) over-target headers sort the list. */
export function DrillTable({ rows, columns, order, onSort }: DrillTableProps) {
  const { t, i18n } = useTranslation()
  const col = (key: string): string => t(`bi.drill.columns.${key}`)
  const hours = (v: number): string => formatHours(v, i18n.language)
  const sortable = (key: DrillSort, label: string, className?: string): ReactNode => {
    const active = order.sort === key
    return (
      <th
        scope="col"
        className={className}
        aria-sort={active ? (order.order === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <button
          type="button"
          className={active ? 'drill-sort drill-sort-active' : 'drill-sort'}
          data-testid={`drill-sort-${key}`}
          data-order={active ? order.order : undefined}
          title={t('bi.drill.sortHint')}
          onClick={() => onSort(key)}
        >
          {label}
          <span aria-hidden="true" className="drill-sort-arrow">
            {active ? (order.order === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    )
  }
  return (
    <table className="drill-table" data-columns={columns}>
      <thead>
        <tr>
          <th scope="col">{col('number')}</th>
          <th scope="col">{col('title')}</th>
          <th scope="col">{col('tenant')}</th>
          <th scope="col">{col('category')}</th>
          <th scope="col">{col('priority')}</th>
          {columns === 'sr' && <th scope="col">{col('status')}</th>}
          <th scope="col">{col('assignee')}</th>
          {sortable('created', col('created'))}
          {sortable('resolved', col('resolved'))}
          {columns === 'sr' ? (
            <>
              <th scope="col" className="num">
                {col('hours')}
              </th>
              <th scope="col">{col('sla')}</th>
            </>
          ) : (
            <>
              <th scope="col" className="num">
                {col('slaHours')}
              </th>
              {sortable('over_target', col('overTarget'), 'num')}
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="drill-row">
            <td className="mono">{row.number ?? row.id}</td>
            <td className="drill-title-cell" title={row.title}>
              {row.title}
            </td>
            <td>{row.tenant}</td>
            <td>{row.category ?? t('bi.drill.noCategory')}</td>
            <td>{row.priority}</td>
            {columns === 'sr' && (
              <td>
                <span className={`status-chip status-${row.status}`}>{t(`bi.status.${row.status}`)}</span>
              </td>
            )}
            <td>{row.assignee ?? t('bi.drill.unassigned')}</td>
            <td className="mono">{wallTime(row.created_at)}</td>
            <td className="mono">{wallTime(row.resolved_at)}</td>
            {columns === 'sr' ? (
              <>
                <td className="num">{row.mttr_hours === null ? '—' : hours(row.mttr_hours)}</td>
                <td>
                  {row.sla_met === null ? (
                    '—'
                  ) : (
                    <span className={row.sla_met ? 'sla-met' : 'sla-missed'}>
                      {t(row.sla_met ? 'bi.drill.slaMet' : 'bi.drill.slaMissed')}
                    </span>
                  )}
                </td>
              </>
            ) : (
              <>
                <td className="num" data-testid="drill-sla-hours">
                  {row.sla_elapsed_hours === null ? '—' : hours(row.sla_elapsed_hours)}
                  <span className="drill-target"> / {hours(row.sla_target_hours)}</span>
                </td>
                <td
                  className="num"
                  data-testid="drill-over-target"
                  data-value={row.over_target_hours ?? undefined}
                  data-late={row.sla_met === null ? undefined : String(!row.sla_met)}
                >
                  {row.over_target_hours === null ? (
                    '—'
                  ) : (
                    // Late by the judgement, not by the rounded hours: a few minutes over shows +0.0.
                    <span className={row.sla_met === false ? 'sla-missed' : 'sla-met'}>
                      {row.sla_met === false && row.over_target_hours >= 0 ? '+' : ''}
                      {hours(row.over_target_hours)}
                    </span>
                  )}
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
