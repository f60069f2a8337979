import { useEffect, useRef, useState } from 'react'
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

/** What the user asked for and did not get: the banner's Retry asks for the same again. */
type FailedAction = { kind: 'run'; source?: string; full: boolean } | { kind: 'cancel' }
type ActionError = { action: FailedAction; message: string; attempts: number }

/** The Sync screen (SPEC §10): sources, progress, errors with their cause, the log, and file import. */
export function SyncScreen() {
  const { t, i18n } = useTranslation()
  const { settings } = useSettings()
  const timeZone = settings?.timeZone ?? 'Asia/Seoul'
  const lang = i18n.language
  const sync = useSync()
  const [actionError, setActionError] = useState<ActionError | null>(null)
  /** The banner's Retry is under way (its button waits, so a second click does not ask twice). */
  const [retrying, setRetrying] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [importing, setImporting] = useState(false)
  /** A run asked for and not answered yet: its buttons stay disabled, so a double click asks once. */
  const [starting, setStarting] = useState(false)
  const state = sync.status?.state ?? 'idle'
  const running = state === 'running'
  const sources = sync.sources.data ?? []
  const noConnections = sync.sources.settled && sources.length === 0
  // "Already running" (or "importing") is about the state it was said in: gone once that changes.
  const [noticeState, setNoticeState] = useState(state)
  if (noticeState !== state) {
    setNoticeState(state)
    setNotice(null)
    // A cancel that failed is moot once the run is over.
    if (state !== 'running' && actionError?.action.kind === 'cancel') setActionError(null)
  }

  /** `attempts`: 1 for the first ask, more for a retry of the same failed ask. */
  async function run(source?: string, full = false, attempts = 1): Promise<void> {
    if (attempts === 1) setActionError(null)
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
      setActionError(null)
      sync.refreshLists()
    } catch (err) {
      setActionError({
        action: { kind: 'run', ...(source ? { source } : {}), full },
        message: errorText(err, t, lang),
        attempts,
      })
    } finally {
      setStarting(false)
    }
  }
  async function cancel(attempts = 1): Promise<void> {
    try {
      await call('sync:cancel', {})
      setActionError(null)
    } catch (err) {
      setActionError({ action: { kind: 'cancel' }, message: errorText(err, t, lang), attempts })
    }
  }
  /** The banner's Retry: the start or the cancel that failed, asked again. */
  async function retry(failed: ActionError): Promise<void> {
    setRetrying(true)
    try {
      const { action } = failed
      if (action.kind === 'cancel') await cancel(failed.attempts + 1)
      else await run(action.source, action.full, failed.attempts + 1)
    } finally {
      setRetrying(false)
    }
  }
  const actionTitle = (failed: ActionError): string => {
    const { action } = failed
    const what =
      action.kind === 'cancel'
        ? t('sync.actionFailed.cancel')
        : action.source === undefined
          ? t('sync.actionFailed.runAll')
          : t(action.full ? 'sync.actionFailed.runFull' : 'sync.actionFailed.runOne', { name: action.source })
    return failed.attempts > 1 ? t('sync.failedAgain', { what, count: failed.attempts }) : what
  }
  // Closing the import wizard takes its open button's place back: the focus goes there, not to the body.
  const importOpen = useRef<HTMLButtonElement>(null)
  const importClosed = useRef(false)
  useEffect(() => {
    if (!importing && importClosed.current) {
      importClosed.current = false
      importOpen.current?.focus()
    }
  }, [importing])
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
      {actionError && (
        <ErrorBanner
          title={actionTitle(actionError)}
          message={actionError.message}
          retrying={retrying}
          onRetry={() => void retry(actionError)}
        />
      )}

      <section className="panel sync-summary" aria-label={t('sync.title')}>
        <div className="sync-summary-facts">
          <span className={`sync-state sync-state-${state}`} data-testid="sync-state">
            {t(`sync.state.${state}`)}
          </span>
          <span data-testid="sync-watermark">
            {t('sync.watermark')}: <strong>{watermark ?? t('sync.noWatermark')}</strong>
          </span>
          {/* No connection, nothing to sync: a "next automatic sync" time would promise a run that reads nothing. */}
          {sync.status && !noConnections && (
            <span className="sync-muted" data-testid="sync-next-run">
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
        {noConnections ? (
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
              {/* A tbody per connection: its row, and its failure's row beneath when it failed. */}
              {sources.map((s) => (
                <SourceRow
                  key={s.name}
                  source={s}
                  timeZone={timeZone}
                  running={running || starting}
                  onRun={(full) => void run(s.name, full)}
                />
              ))}
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="sync-import-title">
        <h2 id="sync-import-title">{t('sync.importTitle')}</h2>
        {importing ? (
          <ImportWizard
            onClose={() => {
              importClosed.current = true
              setImporting(false)
            }}
            onRunEnded={sync.log.reload}
          />
        ) : (
          <>
            <p>{t('sync.importBody')}</p>
            <button
              type="button"
              className="btn"
              ref={importOpen}
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
