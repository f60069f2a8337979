import { useTranslation } from 'react-i18next'

type ErrorBannerProps = {
  title?: string
  message: string
  onRetry?: () => void
  /** The retry is under way: its button waits (a second click would ask twice) and says so. */
  retrying?: boolean
}

/** A visible, non-blocking error with the server's message and a retry. */
export function ErrorBanner({ title, message, onRetry, retrying = false }: ErrorBannerProps) {
  const { t } = useTranslation()
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <div className="error-banner-text">
        <p className="error-banner-title">{title ?? t('errors.title')}</p>
        <p className="error-banner-message" data-testid="error-message">
          {message}
        </p>
      </div>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry} disabled={retrying} data-testid="error-retry">
          {retrying ? t('errors.retrying') : t('errors.retry')}
        </button>
      )}
    </div>
  )
}
