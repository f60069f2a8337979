import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DrillDownRequest } from '../../../shared/ipc/channels/bi'
import type { DrillDownResponse, DrillSort } from '../../../shared/ipc/types-bi'
import { formatCount } from '../i18n/format'
import { call } from '../lib/api'
import { useLiveQuery } from '../lib/use-live-query'
import { DrillTable, type DrillColumns, type DrillOrder } from './drill-down-table'
import { ErrorBanner } from './error-banner'
import './drill-down.css'

export const DRILL_PAGE_SIZE = 50

/** The request of a drill-down without its paging and order: which number, with which filters. */
export type DrillRequest = Omit<DrillDownRequest, 'page' | 'pageSize' | 'sort' | 'order'>

type DrillDownListProps = {
  request: DrillRequest
  /** Called with each answer (the panel shows its title and range). */
  onAnswer?: (answer: DrillDownResponse) => void
  /** Default: the SLA timing columns for the sla-heatmap's SRs, the SR's state otherwise. */
  columns?: DrillColumns
  /** Rows per page (default DRILL_PAGE_SIZE; a list inside a screen shows fewer, without a scroll box). */
  pageSize?: number
  testId?: string
  className?: string
}

/**
 * The SRs behind one number: total, a page of rows, previous/next, and the order (the core's default
 * until a sortable header is clicked). Reused inline and in the panel.
 */
export function DrillDownList({
  request,
  onAnswer,
  columns,
  pageSize = DRILL_PAGE_SIZE,
  testId = 'drill-list',
  className,
}: DrillDownListProps) {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const [order, setOrder] = useState<DrillOrder | null>(null)
  const query = useLiveQuery(
    async () => {
      const answer = await call('bi:drill-down', {
        ...request,
        ...(order ?? {}),
        page,
        pageSize,
      })
      onAnswer?.(answer)
      return answer
    },
    JSON.stringify([request, order, page, pageSize]),
  )
  const { data, error, loading, reload } = query
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1
  const shown: DrillOrder | null = order ?? (data ? { sort: data.sort, order: data.order } : null)

  function sortBy(sort: DrillSort): void {
    // The same header again reverses the order; another one starts with the largest/latest first.
    setOrder(
      shown?.sort === sort
        ? { sort, order: shown.order === 'desc' ? 'asc' : 'desc' }
        : { sort, order: 'desc' },
    )
    setPage(1)
  }

  return (
    <div
      className={className ? `drill-list ${className}` : 'drill-list'}
      data-testid={testId}
      data-state={loading ? 'loading' : error ? 'error' : 'ready'}
      data-total={data?.total}
      data-sort={data?.sort}
      data-order={data?.order}
      aria-busy={loading}
    >
      {error && !loading && <ErrorBanner message={error.message} onRetry={reload} />}
      {!data && loading && <p className="drill-loading">{t('bi.drill.loading')}</p>}
      {data && shown && (
        <>
          <p className="drill-total" data-testid="drill-total">
            {t('bi.drill.total', { count: data.total })}
          </p>
          {data.rows.length === 0 ? (
            <p className="drill-empty">{t('bi.drill.empty')}</p>
          ) : (
            <div className="drill-table-wrap">
              <DrillTable
                rows={data.rows}
                columns={columns ?? (request.widget === 'sla-heatmap' ? 'sla' : 'sr')}
                order={shown}
                onSort={sortBy}
              />
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
