import { useTranslation } from 'react-i18next'

type ErrorBannerProps = { title?: string; message: string; onRetry?: () => void }

/** A visible, non-blocking error with the server's message and a retry. */
export function ErrorBanner({ title, message, onRetry }: ErrorBannerProps) {
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
        <button type="button" className="btn" onClick={onRetry} data-testid="error-retry">
          {t('errors.retry')}
        </button>
      )}
    </div>
  )
}
