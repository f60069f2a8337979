import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../components/error-banner'
import { call } from '../../lib/api'
import { errorText } from '../../lib/api-error-text'
import { IS_WEB_HARNESS } from '../../lib/install-api'
import { useSettings } from '../../lib/use-settings'
import { ImportWizard } from '../import/import-wizard'
import { formatInstant } from './format'
import { SourceRow } from './source-row'
import { SyncLog } from './sync-log'
import { SyncProgress } from './sync-progress'
import { useSync } from './use-sync'
import './sync.css'

/** The Sync screen (SPEC §10): sources, progress, errors with their cause, the log, and file import. */
export function SyncScreen() {
  const { t, i18n } = useTranslation()
  const { settings } = useSettings()
  const timeZone = settings?.timeZone ?? 'Asia/Seoul'
  const lang = i18n.language
  const sync = useSync()
  const [actionError, setActionError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [importing, setImporting] = useState(false)
  /** A run asked for and not answered yet: its buttons stay disabled, so a double click asks once. */
  const [starting, setStarting] = useState(false)
  const state = sync.status?.state ?? 'idle'
  const running = state === 'running'
  const sources = sync.sources.data ?? []
  // "Already running" (or "importing") is about the state it was said in: gone once that changes.
  const [noticeState, setNoticeState] = useState(state)
  if (noticeState !== state) {
    setNoticeState(state)
    setNotice(null)
  }

  async function run(source?: string, full = false): Promise<void> {
    setActionError(null)
    setNotice(null)
    setStarting(true)
    try {
      const answer = await call('sync:run', { ...(source ? { source } : {}), ...(full ? { full } : {}) })
      if (!answer.started)
        setNotice(
          answer.reason === 'busy'
            ? t('sync.busy')
            : answer.reason === 'importing'
              ? t('sync.importing')
              : answer.reason === 'unknown-source'
                ? t('sync.sourceGone', { name: source ?? '' })
                : t('sync.noSources'),
        )
      sync.refreshLists()
    } catch (err) {
      setActionError(errorText(err, t, lang))
    } finally {
      setStarting(false)
    }
  }
  async function cancel(): Promise<void> {
    try {
      await call('sync:cancel', {})
    } catch (err) {
      setActionError(errorText(err, t, lang))
    }
  }
  async function openSettings(): Promise<void> {
    await call('window:open-settings', {}).catch(() => null)
    if (IS_WEB_HARNESS) window.open('./settings.html', '_blank', 'noopener')
  }

  const watermark = formatInstant(sync.status?.watermark, timeZone, lang)
  return (
    <div className="sync-screen" data-testid="sync-screen">
      <h2 className="page-title">{t('sync.title')}</h2>
      <p className="page-subtitle">{t('sync.subtitle')}</p>
      {sync.error && <ErrorBanner message={errorText(sync.error, t, lang)} onRetry={sync.reload} />}
      {actionError && <ErrorBanner message={actionError} onRetry={() => setActionError(null)} />}

      <section className="panel sync-summary" aria-label={t('sync.title')}>
        <div className="sync-summary-facts">
          <span className={`sync-state sync-state-${state}`} data-testid="sync-state">
            {t(`sync.state.${state}`)}
          </span>
          <span data-testid="sync-watermark">
            {t('sync.watermark')}: <strong>{watermark ?? t('sync.noWatermark')}</strong>
          </span>
          {sync.status && (
            <span className="sync-muted">
              {sync.status.nextRunAt !== null
                ? t('sync.nextRun', { time: formatInstant(sync.status.nextRunAt, timeZone, lang) })
                : t('sync.interval', { minutes: sync.status.intervalMinutes })}
            </span>
          )}
        </div>
        <div className="sync-summary-actions">
          {running ? (
            <button type="button" className="btn" onClick={() => void cancel()} data-testid="sync-cancel">
              {t('sync.cancel')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-primary"
              disabled={sources.length === 0 || starting}
              onClick={() => void run()}
              data-testid="sync-run-all"
            >
              {t('sync.runAll')}
            </button>
          )}
        </div>
      </section>

      {notice && (
        <p className="sync-notice" role="status">
          {notice}
        </p>
      )}
      {state === 'offline' && (
        <p className="sync-offline" role="status" data-testid="sync-offline">
          {watermark !== null ? t('sync.offlineNote', { time: watermark }) : t('sync.offlineNoData')}
        </p>
      )}
      {running && sync.progress && <SyncProgress progress={sync.progress} />}

      <section className="panel">
        {sync.sources.settled && sources.length === 0 ? (
          <div className="sync-empty">
            <p>{t('sync.noSources')}</p>
            <button type="button" className="btn" onClick={() => void openSettings()}>
              {t('sync.openSettings')}
            </button>
          </div>
        ) : (
          <div className="sync-table-wrap">
            <table className="sync-table" data-testid="sync-sources">
              <thead>
                <tr>
                  <th>{t('sync.columns.name')}</th>
                  <th>{t('sync.columns.kind')}</th>
                  <th>{t('sync.columns.lastSuccess')}</th>
                  <th>{t('sync.columns.cursor')}</th>
                  <th>{t('sync.columns.status')}</th>
                  <th>
                    <span className="visually-hidden">{t('sync.runOne')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sources.map((s) => (
                  <SourceRow
                    key={s.name}
                    source={s}
                    timeZone={timeZone}
                    running={running || starting}
                    onRun={(full) => void run(s.name, full)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="sync-import-title">
        <h2 id="sync-import-title">{t('sync.importTitle')}</h2>
        {importing ? (
          <ImportWizard onClose={() => setImporting(false)} onRunEnded={sync.log.reload} />
        ) : (
          <>
            <p>{t('sync.importBody')}</p>
            <button
              type="button"
              className="btn"
              onClick={() => setImporting(true)}
              data-testid="import-open"
            >
              {t('sync.importOpen')}
            </button>
          </>
        )}
      </section>

      <SyncLog entries={sync.log.data ?? []} timeZone={timeZone} />
    </div>
  )
}
