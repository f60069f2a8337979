import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import './bi.css'

type ChartFrameProps = {
  testId: string
  title: string
  /** A short line under the title (the range, the unit). */
  subtitle?: ReactNode
  /** Controls at the right of the title (a period switch). */
  actions?: ReactNode
  loading: boolean
  error: Error | undefined
  onRetry: () => void
  /** True when the answer has no SRs at all: the empty state replaces the chart. */
  empty: boolean
  /** Whether there is anything to draw yet (an earlier answer is kept while a refetch runs). */
  hasData: boolean
  /** Height of the skeleton, to keep the layout from jumping when the chart arrives. */
  height?: number
  footer?: ReactNode
  children: ReactNode
}

/** A dashboard panel: title, and the chart or its skeleton, error banner with retry, or empty state. */
export function ChartFrame(props: ChartFrameProps) {
  const { t } = useTranslation()
  const { testId, title, subtitle, actions, loading, error, onRetry, empty, hasData, height = 260 } = props
  const state = loading ? 'loading' : error ? 'error' : empty ? 'empty' : 'ready'
  return (
    <section className="chart-panel" data-testid={testId} data-state={state} aria-busy={loading}>
      <header className="chart-panel-header">
        <div>
          <h3 className="chart-panel-title">{title}</h3>
          {subtitle && <p className="chart-panel-subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="chart-panel-actions">{actions}</div>}
      </header>
      {error && !loading && <ChartError message={error.message} onRetry={onRetry} />}
      {hasData && !(error && !loading) ? (
        empty ? (
          <div className="chart-empty" style={{ minHeight: height }} data-testid="chart-empty">
            <p className="chart-empty-title">{t('bi.chart.empty')}</p>
            <p>{t('bi.chart.emptyBody')}</p>
          </div>
        ) : (
          <div className={loading ? 'chart-body chart-body-stale' : 'chart-body'}>{props.children}</div>
        )
      ) : (
        loading && (
          <div
            className="chart-skeleton"
            style={{ height }}
            role="status"
            aria-label={t('bi.chart.loading')}
          />
        )
      )}
      {hasData && !empty && props.footer}
    </section>
  )
}

/**
 * The error banner's look with the panel's own test ids: when the core is down every panel fails at
 * once, and the screen-level banner (error-banner) must stay the one the page names.
 */
function ChartError({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="error-banner" role="alert" data-testid="chart-error">
      <div className="error-banner-text">
        <p className="error-banner-title">{t('errors.title')}</p>
        <p className="error-banner-message" data-testid="chart-error-message">
          {message}
        </p>
      </div>
      <button type="button" className="btn" onClick={onRetry} data-testid="chart-error-retry">
        {t('errors.retry')}
      </button>
    </div>
  )
}
