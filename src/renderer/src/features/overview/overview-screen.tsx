import { useTranslation } from 'react-i18next'
import type { OverviewCardKey, OverviewResponse } from '../../../../shared/ipc/types'
import { CardSkeleton } from '../../components/card'
import { ErrorBanner } from '../../components/error-banner'
import { formatDateTime } from '../../i18n/format'
import type { QueryState } from '../../lib/use-api-query'
import { OverviewCard } from './overview-card'

const SKELETON_COUNT = 5

type OverviewScreenProps = {
  query: QueryState<OverviewResponse>
  tenants: string[]
  /** Opens the SRs behind a card's figure. */
  onPickCard?: (key: OverviewCardKey) => void
}

/** The card row of SPEC §4, with its loading skeleton and error banner. */
export function OverviewScreen({ query, tenants, onPickCard }: OverviewScreenProps) {
  const { t, i18n } = useTranslation()
  const { data, error, loading, reload } = query
  return (
    <div
      data-testid="overview"
      data-state={loading ? 'loading' : error ? 'error' : 'ready'}
      data-tenants={tenants.join('|')}
      aria-busy={loading}
    >
      <h2 className="page-title">{t('overview.title')}</h2>
      <p className="page-subtitle">{t('overview.subtitle')}</p>
      {error && !loading && <ErrorBanner message={error.message} onRetry={reload} />}
      {data ? (
        <>
          <div className="card-row">
            {data.cards.map((card) => (
              <OverviewCard key={card.key} card={card} onPick={onPickCard} />
            ))}
          </div>
          <p className="overview-meta">
            {t('overview.asOf', { time: formatDateTime(data.as_of, data.time_zone, i18n.language) })}
          </p>
        </>
      ) : (
        loading && (
          <div className="card-row" aria-label={t('overview.loading')}>
            {Array.from({ length: SKELETON_COUNT }, (_, i) => (
              <CardSkeleton key={i} />
            ))}
          </div>
        )
      )}
    </div>
  )
}
