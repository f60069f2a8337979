import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SyncProgressEvent } from '../../../../shared/ipc/types-sync'
import { ProgressBar } from '../../components/progress-bar'
import { formatCount } from '../../i18n/format'
import { formatDuration, formatRate, retryPageRowsText } from './format'
import { syncErrorText } from './sync-error-text'

/** The running source's progress: a bar (determinate when the source reports a total), rows, rate, ETA. */
export function SyncProgress({ progress }: { progress: SyncProgressEvent }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const pct =
    progress.total && progress.total > 0 ? Math.min(100, (progress.rows / progress.total) * 100) : null
  // An entity that has just begun (no page yet) has no figures to show: its rows and rate would read 0.
  const waiting = progress.rows === 0 && progress.pages === 0
  const entity = progress.entity
    ? t(`sync.entities.${progress.entity}`, { defaultValue: progress.entity })
    : ''
  return (
    <div className="sync-progress" data-testid="sync-progress">
      <div className="sync-progress-head">
        <strong>{progress.source}</strong>
        {progress.sourceCount > 1 && (
          <span className="sync-muted">
            {t('sync.sourceOf', { index: progress.sourceIndex + 1, count: progress.sourceCount })}
          </span>
        )}
        {progress.entityCount > 1 && (
          <span className="sync-muted" data-testid="sync-progress-step">
            {t('sync.entityOf', { index: progress.entityIndex + 1, count: progress.entityCount })}
          </span>
        )}
      </div>
      <ProgressBar percent={pct} label={t('sync.progressOf', { name: progress.source })} />
      <p className="sync-progress-text" data-testid="sync-progress-text">
        {!entity && t('sync.connecting')}
        {entity && waiting && t('sync.waiting', { entity })}
        {entity &&
          !waiting &&
          t('sync.progress', {
            entity,
            count: progress.total ?? progress.rows,
            rows:
              progress.total !== null
                ? t('sync.rowsOfTotal', {
                    rows: formatCount(progress.rows, lang),
                    total: formatCount(progress.total, lang),
                  })
                : formatCount(progress.rows, lang),
            rate: formatRate(progress.rate, lang),
          })}
        {progress.etaMs !== null && progress.etaMs >= 1000 && (
          <> · {t('sync.eta', { time: formatDuration(progress.etaMs, lang) })}</>
        )}
      </p>
      {progress.retry && (
        <RetryNote key={`${progress.retry.at}:${progress.retry.attempt}`} retry={progress.retry} />
      )}
    </div>
  )
}

/**
 * A failed request waiting to be tried again: which attempt failed, the wait counted down, and the
 * error it failed with (in the UI's language when its reason says why, else the core's English). Without it the bar
 * would stand still for as long as the retries take (up to minutes), as if nothing happened.
 */
function RetryNote({ retry }: { retry: NonNullable<SyncProgressEvent['retry']> }) {
  const { t, i18n } = useTranslation()
  // Counted on this window's clock from when the retry was shown (one note per retry, by its key):
  // the main process's clock is not this one's (the browser harness pins the page's).
  const [shownAt] = useState(() => Date.now())
  const [now, setNow] = useState(shownAt)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const counts = { attempt: retry.attempt, max: retry.maxAttempts }
  const text = (leftMs: number): string =>
    leftMs >= 1000
      ? t('sync.retryIn', { ...counts, time: formatDuration(Math.ceil(leftMs / 1000) * 1000, i18n.language) })
      : t('sync.retryNow', counts)
  return (
    <div className="sync-retry" role="status" data-testid="sync-retry">
      <p>
        {/* The countdown is for the eye; a screen reader is told once, not every second. */}
        <span aria-hidden="true">{text(retry.delayMs - (now - shownAt))}</span>
        <span className="visually-hidden">{text(retry.delayMs)}</span>
      </p>
      {retry.pageRows && (
        <p data-testid="sync-retry-page-rows">{retryPageRowsText(t, retry.pageRows, i18n.language)}</p>
      )}
      <p className="sync-muted" data-testid="sync-retry-reason">
        {syncErrorText(t, retry.why, retry.reason, i18n.language)}
      </p>
    </div>
  )
}
