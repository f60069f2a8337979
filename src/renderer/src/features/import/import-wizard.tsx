import { useEffect, useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportPreviewView } from '../../../../shared/ipc/types-sync'
import { ErrorBanner } from '../../components/error-banner'
import { formatCount } from '../../i18n/format'
import { apiErrorText } from '../../lib/api-error-text'
import { ImportProgress } from './import-progress'
import { useSettings } from '../../lib/use-settings'
import { MapColumns } from './map-columns'
import { PreviewStep } from './preview-step'
import { SourceNameField } from './source-name-field'
import { fileSummary } from './file-summary'
import { failureText } from './failure-text'
import { useImportWizard, type WizardStep } from './use-import-wizard'
import './import.css'

const STEPS: { id: WizardStep | 'errors'; key: string }[] = [
  { id: 'choose', key: 'choose' },
  { id: 'map', key: 'map' },
  { id: 'preview', key: 'preview' },
  { id: 'errors', key: 'errors' },
  { id: 'result', key: 'result' },
]

/**
 * The rows offered as the header: the file's first non-blank rows, and the one read if it is not
 * among them (its names then stand for it).
 */
function headerChoices(preview: ImportPreviewView): ImportPreviewView['headerChoices'] {
  const read = preview.headerRow
  if (read === null || preview.headerChoices.some((c) => c.row === read)) return preview.headerChoices
  const own = { row: read, cells: preview.headers.filter((h) => h.trim() !== '').slice(0, 6) }
  return [...preview.headerChoices, own].sort((a, b) => a.row - b.row)
}

/** The import wizard (SPEC §10): choose file → map columns → preview → row errors → import → result. */
export function ImportWizard({ onClose, onRunEnded }: { onClose: () => void; onRunEnded?: () => void }) {
  const { t, i18n } = useTranslation()
  const { settings } = useSettings()
  const w = useImportWizard(onRunEnded)
  const lang = i18n.language
  const check = w.preview?.check ?? null
  const root = useRef<HTMLDivElement>(null)
  /**
   * Check on the column step: with a required column not mapped yet the check could only answer
   * "nothing to check" and the step would stay as it was; the first such column takes the focus
   * instead (the line under the grid names them all), as the Connections form does with a mistake.
   */
  const checkColumns = (): void => {
    const unmapped = root.current?.querySelector<HTMLElement>('.import-map select[aria-invalid="true"]')
    if (unmapped) unmapped.focus()
    else void w.check()
  }
  const activeIndex =
    w.step === 'preview' && check && check.errorCount > 0 ? 3 : STEPS.findIndex((s) => s.id === w.step)
  /**
   * The row-error step of a check that found none is not a step done: it is said as skipped
   * ("행 오류 없음"), once the check shown still applies (not while it is stale).
   */
  const noRowErrors =
    check !== null && check.errorCount === 0 && (w.step === 'result' || (w.step === 'preview' && !w.stale))
  const stepState = (
    id: (typeof STEPS)[number]['id'],
    i: number,
  ): 'active' | 'done' | 'skipped' | undefined =>
    id === 'errors' && noRowErrors && i !== activeIndex
      ? 'skipped'
      : i === activeIndex
        ? 'active'
        : i < activeIndex
          ? 'done'
          : undefined
  const active = STEPS[Math.max(0, activeIndex)] as (typeof STEPS)[number]
  const showResult = w.step === 'result' && w.result !== null

  /**
   * Where the keyboard (and a screen reader) is: on the new step's heading when the step changes
   * (the button that moved it on is gone or disabled), and back on the button pressed when a check
   * or an import on the same step ends (it was disabled meanwhile, which drops the focus).
   */
  const heading = useRef<HTMLHeadingElement>(null)
  const shownStep = useRef<string | null>(null)
  const focusedBeforeBusy = useRef<HTMLElement | null>(null)
  useLayoutEffect(() => {
    if (w.busy) focusedBeforeBusy.current = document.activeElement as HTMLElement | null
  }, [w.busy])
  useEffect(() => {
    if (shownStep.current !== w.step) {
      shownStep.current = w.step
      heading.current?.focus()
      return
    }
    if (w.busy) return
    const before = focusedBeforeBusy.current
    focusedBeforeBusy.current = null
    const now = document.activeElement
    if (now && now !== document.body) return
    if (before?.isConnected && !before.matches(':disabled')) before.focus()
    else heading.current?.focus()
  }, [w.step, w.busy])

  return (
    <div className="import-wizard" data-testid="import-wizard" ref={root}>
      <ol className="import-steps" aria-label={t('importWizard.stepsLabel')} data-testid="import-steps-list">
        {STEPS.map((s, i) => {
          const state = stepState(s.id, i)
          return (
            <li
              key={s.id}
              className={state}
              aria-current={state === 'active' ? 'step' : undefined}
              data-testid={`import-step-${s.id}`}
            >
              {state === 'skipped' ? t('importWizard.steps.noErrors') : t(`importWizard.steps.${s.key}`)}
            </li>
          )
        })}
      </ol>
      <h3 className="import-step-title" tabIndex={-1} ref={heading} data-testid="import-step-title">
        {t('importWizard.stepTitle', { n: activeIndex + 1, name: t(`importWizard.steps.${active.key}`) })}
      </h3>
      {w.error && (
        <ErrorBanner title={t('importWizard.failedTitle')} message={failureText(w.error, t, lang)} />
      )}
      {w.file && (
        <div className="import-file-line">
          <p className="sync-muted" data-testid="import-file">
            {w.file.fileName}
            {w.preview && ` · ${fileSummary(w.preview, t)}`}
          </p>
          {(w.step === 'map' || w.step === 'preview') && (
            <button
              type="button"
              className="btn btn-small"
              disabled={w.busy || w.choosing}
              onClick={() => void w.choose()}
              data-testid="import-choose-other"
            >
              {t('importWizard.chooseOther')}
            </button>
          )}
          {w.preview && w.preview.sheets.length > 1 && w.step !== 'result' && (
            <label className="import-sheet">
              {t('importWizard.sheet')}
              <select
                value={w.preview.sheet ?? ''}
                disabled={w.busy}
                data-testid="import-sheet"
                onChange={(e) => void w.chooseSheet(e.currentTarget.value)}
              >
                {w.preview.sheets.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}

      {/*
        On the steps that show the columns: the row read as the header, to be chosen otherwise (a file
        with column names of its own below a title has its title taken), a word when no row named a
        known column, and the title block skipped above the header.
      */}
      {w.file && w.preview && (w.step === 'map' || w.step === 'preview') && (
        <div className="import-header-choice">
          {w.preview.headerRow !== null && w.preview.headerChoices.length > 0 && (
            <label className="import-header-select">
              {t('importWizard.headerRowLabel')}
              <select
                value={w.preview.headerRow}
                disabled={w.busy}
                data-testid="import-header-row-select"
                aria-describedby={w.preview.headerFallback ? 'import-header-fallback' : undefined}
                onChange={(e) => void w.chooseHeaderRow(Number(e.currentTarget.value))}
              >
                {headerChoices(w.preview).map((c) => {
                  // Column names over two rows: the row read stands for both.
                  const last = c.row === w.preview?.headerRow ? w.preview.titleSkipped?.lastRow : undefined
                  const cells = c.cells.join(' · ')
                  return (
                    <option key={c.row} value={c.row}>
                      {last === undefined
                        ? t('importWizard.headerRowChoice', { row: c.row, cells })
                        : t('importWizard.headerRowsChoice', { row: c.row, last, cells })}
                    </option>
                  )
                })}
              </select>
            </label>
          )}
          {w.preview.headerFallback && (
            <p
              className="import-header-note"
              id="import-header-fallback"
              data-testid="import-header-fallback"
            >
              {t('importWizard.headerFallback')}
            </p>
          )}
          {w.preview.titleSkipped && (
            <p className="import-header-row" data-testid="import-header-row">
              {t(
                w.preview.titleSkipped.lastRow === undefined
                  ? 'importWizard.headerRow'
                  : w.preview.titleSkipped.rows === 0
                    ? 'importWizard.headerRowsOnly'
                    : 'importWizard.headerRows',
                {
                  row: w.preview.titleSkipped.headerRow,
                  last: w.preview.titleSkipped.lastRow,
                  count: w.preview.titleSkipped.rows,
                },
              )}
            </p>
          )}
        </div>
      )}

      {w.file && (w.step === 'map' || w.step === 'preview') && (
        <SourceNameField
          value={w.sourceName}
          problem={w.sourceProblem}
          known={w.knownSources}
          timeZone={settings?.timeZone ?? 'Asia/Seoul'}
          disabled={w.busy}
          onChange={w.setSourceName}
        />
      )}

      {w.step === 'choose' && (
        <div>
          <p>{t('importWizard.chooseHint')}</p>
          <p className="sync-muted" data-testid="import-choose-header-hint">
            {t('importWizard.chooseHeaderHint')}
          </p>
          <button
            type="button"
            className="btn btn-primary"
            disabled={w.busy || w.choosing}
            onClick={() => void w.choose()}
            data-testid="import-choose"
          >
            {t('importWizard.choose')}
          </button>
        </div>
      )}

      {w.step === 'map' && w.preview && (
        <>
          <MapColumns preview={w.preview} columns={w.columns} onChange={w.setColumn} />
          {w.preview.problem && (
            <ErrorBanner
              title={t('importWizard.problemTitle')}
              message={apiErrorText({ message: w.preview.problem, reason: w.preview.problemReason }, t, lang)}
            />
          )}
          <div className="panel-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={w.busy}
              onClick={checkColumns}
              data-testid="import-check"
            >
              {t('importWizard.check')}
            </button>
          </div>
        </>
      )}

      {w.step === 'preview' && w.preview && check && (
        <>
          <PreviewStep
            preview={w.preview}
            values={w.values}
            timeZone={settings?.timeZone ?? 'Asia/Seoul'}
            onValue={w.setValue}
          />
          {w.stale ? (
            <p className="sync-notice" role="status" data-testid="import-stale">
              {t('importWizard.checkAgain')}
            </p>
          ) : (
            check.errorCount > 0 && <p className="sync-notice">{t('importWizard.blockedByErrors')}</p>
          )}
          <div className="panel-actions">
            <button type="button" className="btn" disabled={w.busy} onClick={() => w.goTo('map')}>
              {t('importWizard.steps.map')}
            </button>
            <button
              type="button"
              className={w.stale ? 'btn btn-primary' : 'btn'}
              disabled={w.busy}
              onClick={() => void w.check()}
              data-testid="import-recheck"
            >
              {t('importWizard.check')}
            </button>
            <button
              type="button"
              className={w.stale ? 'btn' : 'btn btn-primary'}
              disabled={w.busy || w.stale || w.sourceProblem !== null || check.errorCount > 0}
              onClick={() => void w.run(false)}
              data-testid="import-run"
            >
              {w.running === 'run' ? t('importWizard.importing') : t('importWizard.importAll')}
            </button>
            {check.errorsTotal > 0 && (
              <button
                type="button"
                className="btn"
                disabled={w.busy || w.stale}
                onClick={() => void w.saveErrors()}
                data-testid="import-save-errors"
              >
                {t('importWizard.saveErrors')}
              </button>
            )}
            {check.errorCount > 0 && check.validCount > 0 && (
              <button
                type="button"
                className="btn"
                disabled={w.busy || w.stale || w.sourceProblem !== null}
                onClick={() => void w.run(true)}
                data-testid="import-run-valid"
              >
                {t('importWizard.importValid', { count: check.validCount })}
              </button>
            )}
          </div>
        </>
      )}

      {/*
        The result, said in live regions that are there from the start (a region added with its text is
        not reliably read out): a status for an import, an alert for a refusal. Nothing else around it is
        live, and the focus goes to the step's heading only, so it is said once. Empty, it takes no place.
      */}
      <div
        className={showResult ? 'import-result shown' : 'import-result'}
        data-testid={showResult ? 'import-result' : undefined}
      >
        <div role="status" data-testid="import-result-status">
          {w.step === 'result' && w.result?.status === 'imported' && (
            <div className="import-result-lines">
              <p className="import-result-line">{t('importWizard.imported', { count: w.result.written })}</p>
              <p data-testid="import-result-source">
                {t('importWizard.resultSource', { name: w.result.sourceName })}
              </p>
              {w.result.errorCount > 0 && (
                <p data-testid="import-result-left-out">
                  {t('importWizard.leftOut', {
                    count: w.result.errorCount,
                    rows: formatCount(w.result.rowCount, lang),
                  })}
                </p>
              )}
              {w.result.skippedStale > 0 && (
                <p>{t('importWizard.stale', { count: w.result.skippedStale })}</p>
              )}
            </div>
          )}
        </div>
        <div role="alert" data-testid="import-result-alert">
          {w.step === 'result' && w.result && w.result.status !== 'imported' && (
            <div className="import-result-lines">
              <p className="import-result-line import-result-failed">
                {t('importWizard.rejected', { count: w.result.errorCount })}
              </p>
            </div>
          )}
        </div>
        {showResult && (
          <div className="panel-actions">
            <button type="button" className="btn" onClick={w.reset}>
              {t('importWizard.again')}
            </button>
          </div>
        )}
      </div>

      {/*
        Under the step's buttons, where the check or import was asked for: the error list saved, or a
        cancelled check or import. Said in a live region that is there before its text (as the result's),
        and the only one saying it.
      */}
      <div className="import-notices" role="status" data-testid="import-notice-status">
        {w.exported && (
          <p className="sync-notice" data-testid="import-errors-saved">
            {t('importWizard.errorsSaved', {
              count: w.exported.errors,
              fileName: w.exported.fileName,
            })}
          </p>
        )}
        {w.notice && (
          <p className="sync-notice" data-testid="import-notice">
            {t(`importWizard.${w.notice}`)}
          </p>
        )}
      </div>
      {w.busy && (
        <ImportProgress
          progress={w.progress}
          expectedRows={w.preview?.check?.rowCount ?? null}
          cancelling={w.cancelling}
          onCancel={() => void w.cancel()}
        />
      )}
      <div className="import-close">
        <button type="button" className="btn" onClick={onClose} data-testid="import-close">
          {t('importWizard.close')}
        </button>
      </div>
    </div>
  )
}
