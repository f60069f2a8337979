import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DrillDownRequest } from '../../../shared/ipc/channels/bi'
import type { DrillDownRow } from '../../../shared/ipc/types-bi'
import { formatCount, formatHours } from '../i18n/format'
import { call } from '../lib/api'
import { useApiEvent } from '../lib/use-api-event'
import { useApiQuery } from '../lib/use-api-query'
import { ErrorBanner } from './error-banner'
import './drill-down.css'

export const DRILL_PAGE_SIZE = 50

/** The request of a drill-down without its paging: which number, with which filters. */
export type DrillRequest = Omit<DrillDownRequest, 'page' | 'pageSize'>

type DrillDownListProps = {
  request: DrillRequest
  /** Called with each answer's range (the panel shows it under its title). */
  onRange?: (range: { from: string; to: string }) => void
  testId?: string
}

/** The SRs behind one number: total, a page of rows, previous/next. Reused inline and in the panel. */
export function DrillDownList({ request, onRange, testId = 'drill-list' }: DrillDownListProps) {
  const { t, i18n } = useTranslation()
  const [page, setPage] = useState(1)
  const query = useApiQuery(
    async () => {
      const answer = await call('bi:drill-down', { ...request, page, pageSize: DRILL_PAGE_SIZE })
      onRange?.(answer.range)
      return answer
    },
    JSON.stringify([request, page]),
  )
  useApiEvent('data:changed', query.reload)
  const { data, error, loading, reload } = query
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1

  return (
    <div
      className="drill-list"
      data-testid={testId}
      data-state={loading ? 'loading' : error ? 'error' : 'ready'}
      data-total={data?.total}
      aria-busy={loading}
    >
      {error && !loading && <ErrorBanner message={error.message} onRetry={reload} />}
      {!data && loading && <p className="drill-loading">{t('bi.drill.loading')}</p>}
      {data && (
        <>
          <p className="drill-total" data-testid="drill-total">
            {t('bi.drill.total', { total: formatCount(data.total, i18n.language) })}
          </p>
          {data.rows.length === 0 ? (
            <p className="drill-empty">{t('bi.drill.empty')}</p>
          ) : (
            <div className="drill-table-wrap">
              <SrTable rows={data.rows} />
            </div>
          )}
          {pages > 1 && <Pager page={data.page} pages={pages} disabled={loading} onChange={setPage} />}
        </>
      )}
    </div>
  )
}

function Pager({
  page,
  pages,
  disabled,
  onChange,
}: {
  page: number
  pages: number
  disabled: boolean
  onChange: (page: number) => void
}) {
  const { t, i18n } = useTranslation()
  return (
    <nav className="drill-pager" aria-label={t('bi.drill.page', { page, pages })}>
      <button
        type="button"
        className="btn"
        disabled={disabled || page <= 1}
        onClick={() => onChange(page - 1)}
        data-testid="drill-prev"
      >
        {t('bi.drill.prev')}
      </button>
      <span data-testid="drill-page">
        {t('bi.drill.page', {
          page: formatCount(page, i18n.language),
          pages: formatCount(pages, i18n.language),
        })}
      </span>
      <button
        type="button"
        className="btn"
        disabled={disabled || page >= pages}
        onClick={() => onChange(page + 1)}
        data-testid="drill-next"
      >
        {t('bi.drill.next')}
      </button>
    </nav>
  )
}

/** "2026-03-02T10:15:00.000+09:00" → "2026-03-02 10:15": the core already wrote the zone's wall time. */
function wallTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—'
}

function SrTable({ rows }: { rows: DrillDownRow[] }) {
  const { t, i18n } = useTranslation()
  const col = (key: string): string => t(`bi.drill.columns.${key}`)
  return (
    <table className="drill-table">
      <thead>
        <tr>
          <th scope="col">{col('number')}</th>
          <th scope="col">{col('title')}</th>
          <th scope="col">{col('tenant')}</th>
          <th scope="col">{col('category')}</th>
          <th scope="col">{col('priority')}</th>
          <th scope="col">{col('status')}</th>
          <th scope="col">{col('assignee')}</th>
          <th scope="col">{col('created')}</th>
          <th scope="col">{col('resolved')}</th>
          <th scope="col" className="num">
            {col('hours')}
          </th>
          <th scope="col">{col('sla')}</th>
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
            <td>
              <span className={`status-chip status-${row.status}`}>{t(`bi.status.${row.status}`)}</span>
            </td>
            <td>{row.assignee ?? t('bi.drill.unassigned')}</td>
            <td className="mono">{wallTime(row.created_at)}</td>
            <td className="mono">{wallTime(row.resolved_at)}</td>
            <td className="num">
              {row.mttr_hours === null ? '—' : formatHours(row.mttr_hours, i18n.language)}
            </td>
            <td>
              {row.sla_met === null ? (
                '—'
              ) : (
                <span className={row.sla_met ? 'sla-met' : 'sla-missed'}>
                  {t(row.sla_met ? 'bi.drill.slaMet' : 'bi.drill.slaMissed')}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
