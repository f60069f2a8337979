import { useRef, useState } from 'react'
import type {
  ImportFileChoice,
  ImportPreviewView,
  ImportProgressEvent,
  ImportRunView,
} from '../../../../shared/ipc/types-sync'
import { call } from '../../lib/api'
import { useApiEvent } from '../../lib/use-api-event'
import { chooseImportFile } from './choose-file'

export type WizardStep = 'choose' | 'map' | 'preview' | 'result'
export type ValueMap = { status: Record<string, string>; priority: Record<string, string> }

/** The wizard's state machine: choose → map (when needed) → preview with errors → import → result. */
export function useImportWizard(onRunEnded?: () => void) {
  const [step, setStep] = useState<WizardStep>('choose')
  const [file, setFile] = useState<ImportFileChoice | null>(null)
  const [preview, setPreview] = useState<ImportPreviewView | null>(null)
  /** Canonical column → header; null: "not mapped", which also turns an automatic match off. */
  const [columns, setColumns] = useState<Record<string, string | null>>({})
  const [values, setValues] = useState<ValueMap>({ status: {}, priority: {} })
  const [sheet, setSheet] = useState<string | null>(null)
  const [result, setResult] = useState<ImportRunView | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  /** How far the running check or import is (it runs off the UI's event loop, and may take a while). */
  const [progress, setProgress] = useState<ImportProgressEvent | null>(null)
  const [cancelling, setCancelling] = useState(false)
  /** Said after a cancelled check or import (nothing was written). */
  const [notice, setNotice] = useState<string | null>(null)
  useApiEvent('import:progress', setProgress)

  const mapping = (cols = columns, vals = values, sh = sheet) => ({
    columns: cols,
    values: vals,
    ...(sh ? { sheet: sh } : {}),
  })
  /** Shows a new preview: the automatic matches become the mapping to start from. */
  const adopt = (next: ImportPreviewView) => {
    setPreview(next)
    setSheet(next.sheet)
    setColumns(
      Object.fromEntries(Object.entries(next.matched).filter((e): e is [string, string] => e[1] !== null)),
    )
    setValues({ status: {}, priority: {} })
    setStep(next.check ? 'preview' : 'map')
  }
  // A cancelled check fails (nothing to show); a cancelled import answers 'cancelled'. Either way the
  // wizard stays where it was and says so.
  const cancelRequested = useRef(false)
  const guard = async (task: () => Promise<void>): Promise<void> => {
    setBusy(true)
    setError(null)
    setNotice(null)
    setProgress(null)
    cancelRequested.current = false
    try {
      await task()
    } catch (err) {
      if (cancelRequested.current) setNotice('cancelledCheck')
      else setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
      setCancelling(false)
      setProgress(null)
    }
  }

  return {
    step,
    file,
    preview,
    columns,
    values,
    sheet,
    result,
    busy,
    error,
    progress,
    cancelling,
    notice,
    /** Stops the running check or import (import:cancel). */
    cancel: async () => {
      cancelRequested.current = true
      setCancelling(true)
      try {
        await call('import:cancel', {})
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err))
      }
    },
    setColumn: (column: string, header: string | null) =>
      setColumns((c) => ({ ...c, [column]: header || null })),
    setValue: (kind: keyof ValueMap, raw: string, canonical: string) =>
      setValues((v) => ({ ...v, [kind]: { ...v[kind], [raw]: canonical } })),
    choose: () =>
      guard(async () => {
        const picked = await chooseImportFile()
        if (!picked) return
        const first = await call('import:preview', { token: picked.token })
        setFile(picked)
        setResult(null)
        adopt(first)
      }),
    /** Reads another sheet of the workbook: its own headers, so the mapping starts over. */
    chooseSheet: (name: string) =>
      guard(async () => {
        if (!file) return
        adopt(
          await call('import:preview', {
            token: file.token,
            mapping: mapping({}, { status: {}, priority: {} }, name),
          }),
        )
      }),
    check: () =>
      guard(async () => {
        if (!file) return
        const next = await call('import:preview', { token: file.token, mapping: mapping() })
        setPreview(next)
        setStep(next.check ? 'preview' : 'map')
      }),
    run: (allowErrors: boolean) =>
      guard(async () => {
        if (!file) return
        try {
          const outcome = await call('import:run', { token: file.token, mapping: mapping(), allowErrors })
          if (outcome.status === 'cancelled') {
            setNotice('cancelledRun')
            return
          }
          setResult(outcome)
          setStep('result')
        } finally {
          // However it ended, the run is in the sync log now.
          onRunEnded?.()
        }
      }),
    goTo: setStep,
    reset: () => {
      setStep('choose')
      setFile(null)
      setPreview(null)
      setResult(null)
      setError(null)
      setNotice(null)
    },
  }
}
