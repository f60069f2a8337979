import { useTranslation } from 'react-i18next'
import type { SyncLogView } from '../../../../shared/ipc/types-sync'
import { logSource } from '../../../../shared/sync-log-source'
import { formatCount } from '../../i18n/format'
import { formatInstant } from './format'
import { syncErrorText } from './sync-error-text'

/**
 * Who wrote the entry: a connection (its name, its kind beneath; logged as `kind:name`) or a file
 * import (the source its SRs are kept under, named as the import's result names it, "출처 “file”",
 * with the file's name beneath). A long name wraps (the column has a width of its own, so the result
 * beside it keeps room) and is whole in its title too.
 */
function SourceCell({ source, detail }: { source: string; detail: string | null }) {
  const { t } = useTranslation()
  const who = logSource(source)
  if (who.fileImport) {
    return (
      <>
        {t('sync.log.fileImport')}
        {' · '}
        <span className="sync-log-name" title={who.name} data-testid="sync-log-name">
          {t('sync.log.importSource', { name: who.name })}
        </span>
        {detail && (
          <div className="sync-muted sync-log-name" title={detail} data-testid="sync-log-file">
            {detail}
          </div>
        )}
      </>
    )
  }
  return (
    <>
      <span className="sync-log-name" title={who.name} data-testid="sync-log-name">
        {who.name}
      </span>
      {who.kind && (
        <div className="sync-muted sync-log-kind">
          {t(`sync.kinds.${who.kind}`, { defaultValue: who.kind })}
        </div>
      )}
    </>
  )
}

/** The newest sync-log entries: one per entity and run, and one per file import. */
export function SyncLog({ entries, timeZone }: { entries: SyncLogView[]; timeZone: string }) {
  const { t, i18n } = useTranslation()
  return (
    <section className="panel" aria-labelledby="sync-log-title">
      <h2 id="sync-log-title">{t('sync.log.title')}</h2>
      {entries.length === 0 ? (
        <p>{t('sync.log.empty')}</p>
      ) : (
        <table className="sync-table sync-log" data-testid="sync-log">
          <thead>
            <tr>
              <th>{t('sync.log.when')}</th>
              <th>{t('sync.log.source')}</th>
              <th>{t('sync.log.entity')}</th>
              <th className="num">{t('sync.log.rows')}</th>
              <th>{t('sync.log.result')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatInstant(e.startedAt, timeZone, i18n.language)}</td>
                <td data-testid="sync-log-source">
                  <div className="sync-log-source">
                    <SourceCell source={e.source} detail={e.detail} />
                  </div>
                </td>
                <td>{t(`sync.entities.${e.entity}`, { defaultValue: e.entity })}</td>
                <td className="num">{formatCount(e.rows, i18n.language)}</td>
                <td>
                  {t(`sync.logStatus.${e.status}`)}
                  {e.cause && (
                    <span className="sync-log-cause" data-testid="sync-log-cause">
                      {' · '}
                      {t(`sync.causes.${e.cause}`)}
                    </span>
                  )}
                  {e.error && (
                    <div className="sync-muted sync-message" data-testid="sync-log-message">
                      {syncErrorText(t, e.reason, e.error, i18n.language)}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
