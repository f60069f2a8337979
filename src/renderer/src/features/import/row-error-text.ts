// A row error in the UI's language: its reason code worded from messages.ts (importWizard.rowErrors),
// else the core's English message (a code this renderer does not know, or an error without one).
import type { TFunction } from 'i18next'
import {
  IMPORT_ROW_ERROR_CODES,
  type ImportRowError,
  type ImportRowErrorCode,
} from '../../../../shared/ipc/types-sync'
import { formatCount } from '../../i18n/format'
import { columnRef } from '../../lib/api-error-text'

const KNOWN: ReadonlySet<string> = new Set(IMPORT_ROW_ERROR_CODES)

// Params that can run into thousands (byte counts and offsets) get the language's grouping; row
// numbers stay as the Row column shows them.
const GROUPED = new Set(['count', 'firstAt'])

/** The wording of one row error in the language `t` speaks. */
export function rowErrorText(e: ImportRowError, t: TFunction, language: string): string {
  // A main process older or newer than this renderer may send no reason or a code not listed here.
  const reason = (e as Partial<ImportRowError>).reason
  if (!reason || !KNOWN.has(reason.code)) return e.message
  const params: Record<string, string> = {}
  for (const [k, v] of Object.entries(reason.params ?? {})) {
    params[k] =
      k === 'column' && typeof v === 'string'
        ? columnRef(v, t)
        : typeof v === 'number' && GROUPED.has(k)
          ? formatCount(v, language)
          : String(v)
  }
  const code: ImportRowErrorCode = reason.code
  return t(`importWizard.rowErrors.${code}`, { ...params, defaultValue: e.message })
}
