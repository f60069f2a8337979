import { useTranslation } from 'react-i18next'
import type { ImportProgressEvent } from '../../../../shared/ipc/types-sync'
import { ProgressBar } from '../../components/progress-bar'
import { formatCount } from '../../i18n/format'

/**
 * The running file check or import: a bar (determinate once a total is known: while writing, and
 * while an import reads a file whose row count the check found), the rows so far, and Cancel. A
 * workbook's first pass (opening) counts the sheet's rows before any is read.
 */
export function ImportProgress({
  progress,
  expectedRows,
  cancelling,
  onCancel,
}: {
  progress: ImportProgressEvent | null
  /** Data rows the last check of this file found (the reading total of an import), if any. */
  expectedRows: number | null
  cancelling: boolean
  onCancel: () => void
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const total =
    progress === null || progress.phase === 'opening'
      ? null
      : (progress.total ?? (progress.step === 'run' && progress.phase === 'reading' ? expectedRows : null))
  const pct =
    progress && total && total > 0
      ? Math.min(100, (progress.rows / total) * 100)
      : progress && total === 0
        ? 100
        : null
  const rows = (n: number) => formatCount(n, lang)
  const title =
    progress?.step === 'run' ? t('importWizard.progress.importing') : t('importWizard.progress.checking')
  const text =
    progress === null
      ? ''
      : progress.phase === 'opening'
        ? t('importWizard.progress.opening', { count: progress.rows })
        : progress.phase === 'writing'
          ? t('importWizard.progress.writing', { rows: rows(progress.rows), count: total ?? 0 })
          : total !== null
            ? t('importWizard.progress.readingOf', { rows: rows(progress.rows), count: total })
            : t('importWizard.progress.reading', { count: progress.rows })
  return (
    <div className="sync-progress import-progress" data-testid="import-progress">
      <div className="sync-progress-head">
        <strong>{title}</strong>
        {progress && <span className="sync-muted">{progress.fileName}</span>}
      </div>
      <ProgressBar percent={pct} label={title} />
      <div className="import-progress-foot">
        <p className="sync-progress-text" data-testid="import-progress-text">
          {text}
        </p>
        <button
          type="button"
          className="btn"
          disabled={cancelling}
          onClick={onCancel}
          data-testid="import-cancel"
        >
          {cancelling ? t('importWizard.progress.cancelling') : t('importWizard.progress.cancel')}
        </button>
      </div>
    </div>
  )
}
