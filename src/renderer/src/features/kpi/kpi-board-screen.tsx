import { useTranslation } from 'react-i18next'
import type { KpiBoard, KpiStatus } from '../../../../shared/ipc/types-kpi'
import { EmptyState } from '../../components/empty-state'
import { ErrorBanner } from '../../components/error-banner'
import { formatDateTime } from '../../i18n/format'
import type { QueryState } from '../../lib/use-api-query'
import { KpiTile } from './kpi-tile'
import { StatusBadge } from './status-badge'
import { useKpiCalcProgress } from './use-kpi'

const ORDER: readonly KpiStatus[] = ['RED', 'YELLOW', 'GREEN', 'NO_DATA']

type Props = { query: QueryState<KpiBoard>; tenantsSelected: boolean; onOpen: (name: string) => void }

/** The board: overall status and counts, then one tile per KPI. */
export function KpiBoardScreen({ query, tenantsSelected, onOpen }: Props) {
  const { t, i18n } = useTranslation()
  const { data, error, loading, reload } = query
  const calculating = useKpiCalcProgress()
  return (
    <div
      data-testid="kpi-board"
      data-state={loading ? 'loading' : error ? 'error' : 'ready'}
      aria-busy={loading}
    >
      <h2 className="page-title">{t('kpiBoard.title')}</h2>
      {data && (
        <p className="page-subtitle">
          {t('kpiBoard.subtitle', { time: formatDateTime(data.as_of, data.time_zone, i18n.language) })}
        </p>
      )}
      {calculating && (
        <p className="kpi-calculating" role="status" data-testid="kpi-calculating">
          {t('kpiBoard.calculating', { done: calculating.done, total: calculating.total })}
        </p>
      )}
      {error && !loading && <ErrorBanner message={error.message} onRetry={reload} />}
      {!data && loading && <p className="kpi-loading">{t('kpiBoard.loading')}</p>}
      {data && data.kpis.length === 0 && (
        <EmptyState title={t('kpiBoard.empty')}>
          <p>{t('kpiBoard.emptyBody')}</p>
        </EmptyState>
      )}
      {data && data.kpis.length > 0 && (
        <>
          <section
            className="kpi-summary"
            data-testid="kpi-summary"
            data-overall={data.overall_status}
            aria-label={t('kpiBoard.overall')}
          >
            <div className="kpi-summary-overall">
              <span className="kpi-summary-label">{t('kpiBoard.overall')}</span>
              <StatusBadge status={data.overall_status} large />
            </div>
            <ul className="kpi-summary-counts" aria-label={t('kpiBoard.summaryLabel')}>
              {ORDER.map((s) => (
                <li key={s} data-testid={`kpi-count-${s}`}>
                  <StatusBadge status={s} /> <strong>{data.summary[s]}</strong>
                </li>
              ))}
            </ul>
          </section>
          {tenantsSelected && <p className="kpi-note">{t('kpiBoard.tenantNote')}</p>}
          <div className="kpi-grid">
            {data.kpis.map((k) => (
              <KpiTile key={k.id} kpi={k} onOpen={() => onOpen(k.name)} />
            ))}
          </div>
        </>
      )}
    </div>
  )
}
