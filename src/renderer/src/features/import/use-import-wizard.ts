import { useRef, useState } from 'react'
import type {
  ImportFileChoice,
  ImportPreviewView,
  ImportProgressEvent,
  ImportRunView,
} from '../../../../shared/ipc/types-sync'
import { call } from '../../lib/api'
import { useApiQuery } from '../../lib/use-api-query'
import { downloadText } from '../../lib/download'
import { useApiEvent } from '../../lib/use-api-event'
import { chooseImportFile } from './choose-file'
import type { WizardFailure } from './failure-text'
import { sourceNameField, sourceNameProblem } from './source-name'

export type WizardStep = 'choose' | 'map' | 'preview' | 'result'
export type ValueMap = { status: Record<string, string>; priority: Record<string, string> }

/** The error of a file chosen while another was shown: its own file is named with it. */
class ChosenFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly error: unknown,
  ) {
    super(fileName)
  }
}

/** The wizard's state machine: choose → map (when needed) → preview with errors → import → result. */
export function useImportWizard(onRunEnded?: () => void) {
  const [step, setStep] = useState<WizardStep>('choose')
  const [file, setFile] = useState<ImportFileChoice | null>(null)
  const [preview, setPreview] = useState<ImportPreviewView | null>(null)
  /** Canonical column → header; null: "not mapped", which also turns an automatic match off. */
  const [columns, setColumns] = useState<Record<string, string | null>>({})
  const [values, setValues] = useState<ValueMap>({ status: {}, priority: {} })
  const [sheet, setSheet] = useState<string | null>(null)
  /** The header row the user chose (the file's own row number); null: the one the core finds. */
  const [headerRow, setHeaderRow] = useState<number | null>(null)
  const [result, setResult] = useState<ImportRunView | null>(null)
  /** A check, an import or an error list is under way (its progress and Cancel are shown). */
  const [busy, setBusy] = useState(false)
  /** The file dialog is open: nothing runs yet, so no progress; the choose buttons wait. */
  const [choosing, setChoosing] = useState(false)
  const [error, setError] = useState<WizardFailure | null>(null)
  /** How far the running check or import is (it runs off the UI's event loop, and may take a while). */
  const [progress, setProgress] = useState<ImportProgressEvent | null>(null)
  const [cancelling, setCancelling] = useState(false)
  /** Said after a cancelled check or import (nothing was written). */
  const [notice, setNotice] = useState<string | null>(null)
  /** Which step is running: the buttons say "importing" only while an import (not a check) runs. */
  const [running, setRunning] = useState<'check' | 'run' | null>(null)
  /** The mapping the shown check was made with: an import must not go ahead on another one unseen. */
  const [checkedKey, setCheckedKey] = useState<string | null>(null)
  /** The last error list handed out as a download (its name and how many errors it holds). */
  const [exported, setExported] = useState<{ fileName: string; errors: number } | null>(null)
  /** The source name as typed ('' is the default `file`): the rows are kept under import:<name>. */
  const [sourceName, setSourceName] = useState('')
  useApiEvent('import:progress', setProgress)
  /** The names already used in the workspace, offered under the field; reloaded after each import. */
  const sources = useApiQuery(() => call('import:sources', {}), 'import-sources')
  const sourceProblem = sourceNameProblem(sourceName)

  const mapping = (cols = columns, vals = values, sh = sheet, hr = headerRow) => ({
    columns: cols,
    values: vals,
    ...(sh ? { sheet: sh } : {}),
    ...(hr !== null ? { headerRow: hr } : {}),
  })
  type Mapping = ReturnType<typeof mapping>
  /**
   * What a check was made with: the mapping only. Its rows and errors do not depend on the source
   * name (that is the run's), so a name typed after a check does not make it stale.
   */
  const keyOf = (m: Mapping): string => JSON.stringify(m)
  /**
   * Shows a new preview: the automatic matches become the mapping to start from. `hr`: the header
   * row it was read with when the user chose one (null: found by the core).
   */
  const adopt = (next: ImportPreviewView, hr: number | null) => {
    const cols = Object.fromEntries(
      Object.entries(next.matched).filter((e): e is [string, string] => e[1] !== null),
    )
    const vals = { status: {}, priority: {} }
    setPreview(next)
    setSheet(next.sheet)
    setHeaderRow(hr)
    setColumns(cols)
    setValues(vals)
    setCheckedKey(keyOf(mapping(cols, vals, next.sheet, hr)))
    setStep(next.check ? 'preview' : 'map')
  }
  // A cancelled check fails (nothing to show); a cancelled import answers 'cancelled'. Either way the
  // wizard stays where it was and says so.
  const cancelRequested = useRef(false)
  const guard = async (task: () => Promise<void>, op: 'check' | 'run' = 'check'): Promise<void> => {
    setBusy(true)
    setRunning(op)
    setError(null)
    setNotice(null)
    setExported(null)
    setProgress(null)
    cancelRequested.current = false
    try {
      await task()
    } catch (err) {
      if (cancelRequested.current) setNotice('cancelledCheck')
      else setError(err instanceof ChosenFileError ? { err: err.error, fileName: err.fileName } : { err })
    } finally {
      setBusy(false)
      setRunning(null)
      setCancelling(false)
      setProgress(null)
    }
  }
  /**
   * Reads the chosen file again with sheet `sh` and header row `hr` (null: the core finds it): its
   * headers are new, so the mapping starts over.
   */
  const reread = (sh: string | null, hr: number | null) =>
    guard(async () => {
      if (!file) return
      adopt(
        await call('import:preview', {
          token: file.token,
          mapping: mapping({}, { status: {}, priority: {} }, sh, hr),
        }),
        hr,
      )
    })

  return {
    step,
    file,
    preview,
    columns,
    values,
    sheet,
    result,
    busy,
    choosing,
    error,
    progress,
    cancelling,
    notice,
    exported,
    running,
    /** True when the mapping or a value translation changed since the check shown: check again first. */
    stale: preview?.check != null && checkedKey !== keyOf(mapping()),
    sourceName,
    setSourceName,
    /** What is wrong with the source name typed (null: it can be used); no import meanwhile. */
    sourceProblem,
    /** The workspace's import sources, for the field's list (empty until they arrive). */
    knownSources: sources.data ?? [],
    /** Stops the running check or import (import:cancel). */
    cancel: async () => {
      cancelRequested.current = true
      setCancelling(true)
      try {
        await call('import:cancel', {})
      } catch (err) {
        setError({ err })
      }
    },
    setColumn: (column: string, header: string | null) =>
      setColumns((c) => ({ ...c, [column]: header || null })),
    /** '' (the "—" choice) takes a translation back: the value is then unknown again, not mapped to ''. */
    setValue: (kind: keyof ValueMap, raw: string, canonical: string) =>
      setValues((v) => {
        const { [raw]: _dropped, ...rest } = v[kind]
        return { ...v, [kind]: canonical ? { ...rest, [raw]: canonical } : rest }
      }),
    /**
     * Asks for a file, then checks it. The dialog is not a check: the progress (and its Cancel) only
     * shows once a file was chosen and its check started.
     */
    choose: async () => {
      if (choosing || busy) return
      setChoosing(true)
      setError(null)
      setNotice(null)
      setExported(null)
      let picked: ImportFileChoice | null
      try {
        picked = await chooseImportFile()
      } catch (err) {
        setError({ err })
        return
      } finally {
        setChoosing(false)
      }
      if (!picked) return
      const chosen = picked
      await guard(async () => {
        // Another file chosen over one already shown: its error must not read as the shown file's.
        const first = await call('import:preview', { token: chosen.token }).catch((err: unknown) => {
          throw new ChosenFileError(chosen.fileName, err)
        })
        setFile(chosen)
        setResult(null)
        adopt(first, null)
      })
    },
    /**
     * Reads another sheet of the workbook: its own headers (found by the core again, its own header
     * row), so the mapping starts over.
     */
    chooseSheet: (name: string) => reread(name, null),
    /**
     * Reads the file again with row `row` (the file's own number) as the header: its names are the
     * columns to map, so the mapping starts over. A refused row (past the end, blank) leaves the
     * preview shown as it was, with the error.
     */
    chooseHeaderRow: (row: number) => reread(sheet, row),
    check: () =>
      guard(async () => {
        if (!file) return
        const sent = mapping()
        const next = await call('import:preview', { token: file.token, mapping: sent })
        setPreview(next)
        setCheckedKey(keyOf(sent))
        setStep(next.check ? 'preview' : 'map')
      }),
    /** Every row error of the check shown, as a CSV file to save (the check lists the first 500). */
    saveErrors: () =>
      guard(async () => {
        if (!file) return
        const report = await call('import:error-report', { token: file.token, mapping: mapping() })
        downloadText(report.fileName, report.csv, 'text/csv;charset=utf-8')
        setExported({ fileName: report.fileName, errors: report.errors })
      }),
    run: (allowErrors: boolean) =>
      guard(async () => {
        if (!file || sourceProblem) return
        try {
          const outcome = await call('import:run', {
            token: file.token,
            mapping: mapping(),
            ...sourceNameField(sourceName),
            allowErrors,
          })
          if (outcome.status === 'cancelled') {
            setNotice('cancelledRun')
            return
          }
          setResult(outcome)
          setStep('result')
        } finally {
          // However it ended, the run is in the sync log now (and its source in the list, if it wrote).
          onRunEnded?.()
          sources.reload()
        }
      }, 'run'),
    goTo: setStep,
    reset: () => {
      setStep('choose')
      setFile(null)
      setPreview(null)
      setResult(null)
      setError(null)
      setNotice(null)
      setSourceName('')
      setHeaderRow(null)
    },
  }
}
