import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../components/error-banner'
import type { QueryState } from '../../lib/use-api-query'

type CohortPanelProps<T> = {
  testId: string
  title: string
  query: QueryState<T>
  /** True when the answer holds nothing to draw. */
  isEmpty: (data: T) => boolean
  controls?: ReactNode
  children: (data: T) => ReactNode
}

/** A cohort view's frame: title, controls, then the content, a skeleton, an error with retry, or the empty note. */
export function CohortPanel<T>({ testId, title, query, isEmpty, controls, children }: CohortPanelProps<T>) {
  const { t } = useTranslation()
  const { data, error, loading, reload } = query
  const empty = data !== undefined && isEmpty(data)
  const state = loading ? 'loading' : error ? 'error' : empty ? 'empty' : 'ready'
  return (
    <section className="cohort-panel" data-testid={testId} data-state={state} aria-busy={loading}>
      <header className="cohort-panel-header">
        <h3 className="cohort-panel-title">{title}</h3>
        {controls && <div className="cohort-panel-controls">{controls}</div>}
      </header>
      {error && !loading && <ErrorBanner message={error.message} onRetry={reload} />}
      {data !== undefined && !(error && !loading) ? (
        empty ? (
          <p className="cohort-empty" data-testid="cohort-empty">
            {t('cohorts.empty')}
          </p>
        ) : (
          <div className={loading ? 'cohort-body cohort-body-stale' : 'cohort-body'}>{children(data)}</div>
        )
      ) : (
        loading && <div className="cohort-skeleton" role="status" aria-label={t('app.loading')} />
      )}
    </section>
  )
}
