// The wizard's "출처 이름" / "Source name" field: the rule the core applies to import:run's
// sourceName (shared/import-source-name.ts), checked as it is typed so a mistake is said
// under the field in the UI's language (message keys under `importWizard.sourceInvalid`), not as
// the core's English sentence. Empty is not a mistake: it is the default name, `file`.
import { importSourceNameProblem, type ImportSourceNameProblem } from '../../../../shared/import-source-name'

export { DEFAULT_IMPORT_SOURCE_NAME } from '../../../../shared/import-source-name'

/** What is wrong with the field's text, or null when it can be sent (empty: the default). */
export function sourceNameProblem(text: string): ImportSourceNameProblem | null {
  return text.trim() === '' ? null : importSourceNameProblem(text)
}

/** The request field for the text typed: absent for the default, else the trimmed name. */
export function sourceNameField(text: string): { sourceName?: string } {
  const name = text.trim()
  return name === '' ? {} : { sourceName: name }
}
