import { useState } from 'react'
import type { ImportFileChoice, ImportPreviewView, ImportRunView } from '../../../../shared/ipc/types-sync'
import { call } from '../../lib/api'
import { chooseImportFile } from './choose-file'

export type WizardStep = 'choose' | 'map' | 'preview' | 'result'
export type ValueMap = { status: Record<string, string>; priority: Record<string, string> }

/** The wizard's state machine: choose → map (when needed) → preview with errors → import → result. */
export function useImportWizard() {
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
  const guard = async (task: () => Promise<void>): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await task()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
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
        setResult(await call('import:run', { token: file.token, mapping: mapping(), allowErrors }))
        setStep('result')
      }),
    goTo: setStep,
    reset: () => {
      setStep('choose')
      setFile(null)
      setPreview(null)
      setResult(null)
      setError(null)
    },
  }
}
