import { useTranslation } from 'react-i18next'
import { PRIORITIES, SR_STATUSES } from '../../../../shared/domain'
import type { ImportPreviewView } from '../../../../shared/ipc/types-sync'
import { formatCount, formatDateTime } from '../../i18n/format'
import type { ValueMap } from './use-import-wizard'

const SHOWN_ERRORS = 50

type PreviewStepProps = {
  preview: ImportPreviewView
  values: ValueMap
  timeZone: string
  onValue: (kind: keyof ValueMap, raw: string, canonical: string) => void
}

/** The checked file: counts, the first rows as they will be stored, value translations, row errors. */
export function PreviewStep({ preview, values, timeZone, onValue }: PreviewStepProps) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const check = preview.check
  if (!check) return null
  const unknown = (kind: keyof ValueMap): string[] => {
    const header = preview.matched[kind]
    return [...new Set(check.errors.filter((e) => e.column === header && e.value !== '').map((e) => e.value))]
  }
  const translatable = (['status', 'priority'] as const).map((kind) => [kind, unknown(kind)] as const)
  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="import-summary" data-testid="import-summary">
        {t('importWizard.summary', {
          rows: formatCount(check.rowCount, lang),
          valid: formatCount(check.validCount, lang),
          errors: formatCount(check.errorCount, lang),
        })}
      </p>
      {translatable.some(([, list]) => list.length > 0) && (
        <div className="import-values">
          <h4>{t('importWizard.values')}</h4>
          {translatable.map(([kind, list]) =>
            list.length === 0 ? null : (
              <div key={kind}>
                <p>{t('importWizard.valuesIntro', { column: preview.matched[kind] ?? kind })}</p>
                {list.map((raw) => (
                  <label key={raw} className="import-map-row">
                    <span className="import-map-name">{raw}</span>
                    <select
                      value={values[kind][raw] ?? ''}
                      data-testid={`value-${kind}-${raw}`}
                      onChange={(e) => onValue(kind, raw, e.currentTarget.value)}
                    >
                      <option value="">—</option>
                      {(kind === 'status' ? SR_STATUSES : PRIORITIES).map((v) => (
                        <option key={v} value={v}>
                          {v}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </div>
            ),
          )}
        </div>
      )}
      {check.sample.length > 0 && (
        <>
          <h4>{t('importWizard.sampleTitle', { count: check.sample.length })}</h4>
          <div className="sync-table-wrap">
            <table className="sync-table">
              <thead>
                <tr>
                  <th className="num">{t('importWizard.errorCols.row')}</th>
                  <th>{t('importWizard.sample.id')}</th>
                  <th>{t('importWizard.sample.tenant')}</th>
                  <th>{t('importWizard.sample.title')}</th>
                  <th>{t('importWizard.sample.priority')}</th>
                  <th>{t('importWizard.sample.status')}</th>
                  <th>{t('importWizard.sample.created')}</th>
                </tr>
              </thead>
              <tbody>
                {check.sample.map((r) => (
                  <tr key={r.row}>
                    <td className="num">{r.row}</td>
                    <td>{r.sourceId}</td>
                    <td>{r.tenant}</td>
                    <td>{r.title}</td>
                    <td>{r.priority}</td>
                    <td>{r.status}</td>
                    <td>{formatDateTime(new Date(r.createdAt).toISOString(), timeZone, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h4>
        {check.errorsTotal > 0
          ? t('importWizard.errorsTitle', { count: check.errorsTotal })
          : t('importWizard.noErrors')}
      </h4>
      {check.errors.length > 0 && (
        <div className="sync-table-wrap">
          <table className="sync-table import-errors" data-testid="import-errors">
            <thead>
              <tr>
                <th className="num">{t('importWizard.errorCols.row')}</th>
                <th>{t('importWizard.errorCols.column')}</th>
                <th>{t('importWizard.errorCols.value')}</th>
                <th>{t('importWizard.errorCols.message')}</th>
              </tr>
            </thead>
            <tbody>
              {check.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                <tr key={`${e.row}-${e.column}-${i}`}>
                  <td className="num">{e.row}</td>
                  <td>{e.column}</td>
                  <td>
                    <code>{e.value}</code>
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {check.errorsTotal > SHOWN_ERRORS && (
            <p className="sync-muted">
              {t('importWizard.errorsMore', { count: check.errorsTotal - SHOWN_ERRORS })}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
