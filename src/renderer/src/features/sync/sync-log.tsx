import { useTranslation } from 'react-i18next'
import type { SyncLogView } from '../../../../shared/ipc/types-sync'
import { formatCount } from '../../i18n/format'
import { formatInstant } from './format'

/** File imports log under the SRs' source `import:<name>` ('file' unless the CLI named it). */
const IMPORT_PREFIX = 'import:'

/**
 * Who wrote the entry: a connection (its name, its kind beneath; logged as `kind:name`) or a file
 * import (with the file's name beneath).
 */
function SourceCell({ source, detail }: { source: string; detail: string | null }) {
  const { t } = useTranslation()
  const colon = source.indexOf(':')
  const kind = colon > 0 ? source.slice(0, colon) : ''
  const name = source.slice(colon + 1)
  if (source.startsWith(IMPORT_PREFIX)) {
    return (
      <>
        {t('sync.log.fileImport')}
        {name !== 'file' && ` (${name})`}
        {detail && (
          <div className="sync-muted" data-testid="sync-log-file">
            {detail}
          </div>
        )}
      </>
    )
  }
  return (
    <>
      {name}
      {kind && <div className="sync-muted">{t(`sync.kinds.${kind}`, { defaultValue: kind })}</div>}
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
                  <SourceCell source={e.source} detail={e.detail} />
                </td>
                <td>{t(`sync.entities.${e.entity}`, { defaultValue: e.entity })}</td>
                <td className="num">{formatCount(e.rows, i18n.language)}</td>
                <td>
                  {t(`sync.logStatus.${e.status}`)}
                  {e.error && <div className="sync-muted sync-message">{e.error}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
