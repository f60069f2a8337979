import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PRIORITIES, SR_STATUSES } from '../../../../shared/domain'
import type { ImportPreviewView } from '../../../../shared/ipc/types-sync'
import { formatCount, formatDateTime } from '../../i18n/format'
import { rowErrorText } from './row-error-text'
import type { ValueMap } from './use-import-wizard'

/** Row errors per page of the list (the check answers with the first 500 of them). */
const ERRORS_PER_PAGE = 50

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
  // The page shown, of the check it was turned on: a new check lists other errors, from their first page.
  const [paging, setPaging] = useState({ of: check, page: 0 })
  const page = paging.of === check ? paging.page : 0
  const setPage = (n: number): void => setPaging({ of: check, page: n })
  if (!check) return null
  // Every unknown value of the file (not only those among the errors listed), and the ones already
  // translated, so a translation stays visible, and can be changed or taken back, after a new check.
  const unknown = (kind: keyof ValueMap): string[] => [
    ...new Set([...check.unknownValues[kind], ...Object.keys(values[kind])]),
  ]
  const translatable = (['status', 'priority'] as const).map((kind) => [kind, unknown(kind)] as const)
  const pages = Math.max(1, Math.ceil(check.errors.length / ERRORS_PER_PAGE))
  const current = Math.min(page, pages - 1)
  const first = current * ERRORS_PER_PAGE
  const shown = check.errors.slice(first, first + ERRORS_PER_PAGE)
  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="import-summary" data-testid="import-summary">
        {t('importWizard.summary', {
          count: check.rowCount,
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
              {shown.map((e, i) => (
                <tr key={`${e.row}-${e.column}-${first + i}`}>
                  <td className="num">{e.row}</td>
                  <td>{e.column}</td>
                  <td>
                    <code>{e.value}</code>
                  </td>
                  <td>{rowErrorText(e, t, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {check.errors.length > ERRORS_PER_PAGE && (
        <nav className="import-error-pages" aria-label={t('importWizard.errorPages')}>
          <button
            type="button"
            className="btn"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
            data-testid="import-errors-prev"
          >
            {t('importWizard.back')}
          </button>
          <span className="sync-muted" aria-live="polite" data-testid="import-errors-range">
            {t('importWizard.errorRange', {
              from: formatCount(first + 1, lang),
              to: formatCount(first + shown.length, lang),
              total: formatCount(check.errors.length, lang),
            })}
          </span>
          <button
            type="button"
            className="btn"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
            data-testid="import-errors-next"
          >
            {t('importWizard.next')}
          </button>
        </nav>
      )}
      {check.errorsTotal > check.errors.length && (
        <p className="sync-muted" data-testid="import-errors-more">
          {t('importWizard.errorsMore', {
            listed: formatCount(check.errors.length, lang),
            total: formatCount(check.errorsTotal, lang),
          })}
        </p>
      )}
    </div>
  )
}
