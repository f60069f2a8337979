import { useTranslation } from 'react-i18next'
import type { ImportPreviewView } from '../../../../shared/ipc/types-sync'

type MapColumnsProps = {
  preview: ImportPreviewView
  columns: Record<string, string | null>
  onChange: (column: string, header: string | null) => void
}

/** Canonical column → file header, one select per canonical column of SPEC §10. */
export function MapColumns({ preview, columns, onChange }: MapColumnsProps) {
  const { t } = useTranslation()
  const missing = preview.canonical
    .filter((c) => c.required && !columns[c.column])
    .map((c) => `${t(`importWizard.columnNames.${c.column}`)} (${c.column})`)
  return (
    <div className="import-map" data-testid="import-map">
      <p>{t('importWizard.mapIntro')}</p>
      <div className="import-map-grid">
        {preview.canonical.map(({ column, required }) => (
          <label key={column} className="import-map-row">
            <span className="import-map-name">
              <span className="import-map-label">
                {t(`importWizard.columnNames.${column}`)}
                {required && <span className="import-required">{t('importWizard.required')}</span>}
              </span>
              <code>{column}</code>
            </span>
            <select
              value={columns[column] ?? ''}
              aria-invalid={required && !columns[column] ? true : undefined}
              data-testid={`map-${column}`}
              onChange={(e) => onChange(column, e.currentTarget.value || null)}
            >
              <option value="">{t('importWizard.notMapped')}</option>
              {/* By position: a file may repeat a header (a merged title fills every column it spans). */}
              {preview.headers.map((h, i) => (
                <option key={`${i}:${h}`} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {missing.length > 0 && (
        <p className="field-error" role="alert">
          {t('importWizard.missing', { columns: missing.join(', ') })}
        </p>
      )}
    </div>
  )
}
