// The import wizard's banner for a step that failed: the error in the UI's language, and the file
// it is about when the wizard showed another one (a new file chosen over it).
import type { TFunction } from 'i18next'
import { errorText, namesFile } from '../../lib/api-error-text'

/** Why the last step failed: the error thrown, and the file it was about when another was shown. */
export type WizardFailure = { err: unknown; fileName?: string }

/** A failure in the UI's language, naming the file first unless the wording names it already. */
export function failureText(f: WizardFailure, t: TFunction, language: string): string {
  const text = errorText(f.err, t, language)
  return f.fileName && !namesFile(f.err) ? `${f.fileName}: ${text}` : text
}
