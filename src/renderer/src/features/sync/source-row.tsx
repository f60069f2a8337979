import { useTranslation } from 'react-i18next'
import type { SourceView } from '../../../../shared/ipc/types-sync'
import { formatInstant } from './format'
import { entityNames, syncErrorText } from './sync-error-text'

type SourceRowProps = {
  source: SourceView
  timeZone: string
  running: boolean
  onRun: (full: boolean) => void
}

/** One source: kind, last success, cursor position, and its last error with the cause and what to do. */
export function SourceRow({ source, timeZone, running, onRun }: SourceRowProps) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const srCursor = source.cursors.find((c) => c.entity === 'srs') ?? source.cursors[0]
  const position = srCursor?.position ? formatInstant(Date.parse(srCursor.position), timeZone, lang) : null
  const error = source.lastError
  // A failed connection's advice and message go on a row of their own beneath it, between its name
  // and its buttons: in the status column alone, at the smallest window, they were a narrow ribbon
  // of a dozen lines or more. The cause stays in the status column.
  return (
    <tbody
      className={error ? 'sync-source sync-source-failed' : 'sync-source'}
      data-testid={`sync-source-${source.name}`}
    >
      <tr>
        <th scope="rowgroup" rowSpan={error ? 2 : 1}>
          <div>{source.name}</div>
          <div className="sync-muted sync-url" title={source.url}>
            {source.url}
          </div>
          {/* Said quietly, so an empty SR history or deployment KPI is not a mystery: the admin chose it. */}
          {source.skip && source.skip.length > 0 && (
            <div className="sync-muted sync-not-read" data-testid="source-not-read">
              {t('sync.notRead', { names: entityNames(t, source.skip.join(',')) })}
            </div>
          )}
        </th>
        <td>{t(`sync.kinds.${source.kind}`)}</td>
        <td data-testid="source-last-success">
          {formatInstant(source.lastSuccessAt, timeZone, lang) ?? t('sync.never')}
          {source.lastRows !== null && source.lastSuccessAt !== null && (
            <div className="sync-muted">{t('sync.rowsWritten', { count: source.lastRows })}</div>
          )}
        </td>
        <td>{position ?? '—'}</td>
        <td>
          {error ? (
            <span
              className={`sync-badge sync-badge-${error.cause === 'offline' ? 'warn' : 'error'}`}
              data-testid="source-cause"
            >
              {t(`sync.causes.${error.cause}`)}
            </span>
          ) : source.lastSuccessAt !== null ? (
            <span className="sync-badge sync-badge-ok">{t('sync.ok')}</span>
          ) : (
            '—'
          )}
        </td>
        <td className="sync-actions" rowSpan={error ? 2 : 1}>
          <button
            type="button"
            className="btn"
            disabled={running}
            onClick={() => onRun(false)}
            aria-label={t('sync.runOneOf', { name: source.name })}
            data-testid="source-run"
          >
            {t('sync.runOne')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={running}
            onClick={() => onRun(true)}
            aria-label={t('sync.runFullOf', { name: source.name })}
          >
            {t('sync.runFull')}
          </button>
        </td>
      </tr>
      {error && (
        <tr className="sync-error-row">
          <td colSpan={4}>
            <div className="sync-error" data-testid="source-error">
              <p className="sync-advice" data-testid="source-advice">
                {t(
                  // Collections refused to an ITSM REST connection's account: it may also be set not to read them.
                  error.reason?.code === 'collections_refused' && source.kind === 'itsm'
                    ? 'sync.collectionsRefusedAdvice'
                    : `sync.advice.${error.cause}`,
                )}
              </p>
              <p className="sync-message" data-testid="source-error-message">
                {syncErrorText(t, error.reason, error.message, lang)}
              </p>
            </div>
          </td>
        </tr>
      )}
    </tbody>
  )
}
