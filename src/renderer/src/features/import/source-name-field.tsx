import { useTranslation } from 'react-i18next'
import type { ImportSourceNameProblem } from '../../../../shared/import-source-name'
import type { ImportSourceView } from '../../../../shared/ipc/types-sync'
import { formatDateTime } from '../../i18n/format'
import { DEFAULT_IMPORT_SOURCE_NAME } from './source-name'

type SourceNameFieldProps = {
  value: string
  problem: ImportSourceNameProblem | null
  known: readonly ImportSourceView[]
  timeZone: string
  disabled: boolean
  onChange: (value: string) => void
}

/**
 * "출처 이름" / "Source name": the name the file's SRs are kept under (import:<name>). The names
 * already in the workspace are offered; a mistake is said under the field, else the hint.
 */
export function SourceNameField({
  value,
  problem,
  known,
  timeZone,
  disabled,
  onChange,
}: SourceNameFieldProps) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const note = problem ? t(`importWizard.sourceInvalid.${problem}`) : t('importWizard.sourceHint')
  return (
    <div className="field import-source" data-testid="import-source">
      <label htmlFor="import-source-name">{t('importWizard.sourceName')}</label>
      <div className="field-control">
        <input
          id="import-source-name"
          type="text"
          list="import-source-names"
          value={value}
          disabled={disabled}
          placeholder={t('importWizard.sourcePlaceholder', { name: DEFAULT_IMPORT_SOURCE_NAME })}
          aria-invalid={problem !== null || undefined}
          aria-describedby="import-source-note"
          autoComplete="off"
          spellCheck={false}
          data-testid="import-source-name"
          onChange={(e) => onChange(e.currentTarget.value)}
        />
        <datalist id="import-source-names">
          {known.map((s) => (
            <option
              key={s.name}
              value={s.name}
              label={
                s.lastImportAt === null
                  ? t('importWizard.sourceKnown', { count: s.srCount })
                  : t('importWizard.sourceKnownAt', {
                      count: s.srCount,
                      at: formatDateTime(new Date(s.lastImportAt).toISOString(), timeZone, lang),
                    })
              }
            />
          ))}
        </datalist>
        <span
          id="import-source-note"
          className={problem ? 'field-error' : 'field-note'}
          data-testid="import-source-note"
          {...(problem ? { role: 'alert' } : {})}
        >
          {note}
        </span>
      </div>
    </div>
  )
}
