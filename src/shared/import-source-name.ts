// The name a file import's SRs are kept under: they are stored with source `import:<name>` and
// upserted by (source, id), so files exported from the same system share a name (their SRs are
// updated) and a system whose ids overlap another's gets its own. One check for the IPC schema of
// import:run (the check, import:preview and import:error-report, does not depend on the name and
// takes none), the CLI's `import --source` and the wizard's field, so each refuses exactly what the
// others refuse.
import { z } from 'zod'

/** The name used when none is given: rows go to `import:file`. */
export const DEFAULT_IMPORT_SOURCE_NAME = 'file'
/** The prefix of every import's source in the store. */
export const IMPORT_SOURCE_PREFIX = 'import:'
/** At most this many characters (code points: a Korean syllable counts one). */
export const IMPORT_SOURCE_NAME_MAX = 40

/**
 * What is wrong with a name, checked after trimming: blank, too long, a ':' (it would read as part
 * of the `import:` prefix) or a control or invisible character (a pasted line break or zero-width
 * space makes a name that looks like another one).
 */
export type ImportSourceNameProblem = 'blank' | 'tooLong' | 'colon' | 'control'

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u

/** The problem of `text` as a source name (after trimming), or null when it can be used. */
export function importSourceNameProblem(text: string): ImportSourceNameProblem | null {
  const name = text.trim()
  if (name === '') return 'blank'
  if (CONTROL.test(name)) return 'control'
  if (name.includes(':')) return 'colon'
  if ([...name].length > IMPORT_SOURCE_NAME_MAX) return 'tooLong'
  return null
}

/** The English sentence for a problem, as the IPC schemas and the CLI say it. */
export const IMPORT_SOURCE_NAME_MESSAGES: Record<ImportSourceNameProblem, string> = {
  blank: 'A source name cannot be blank: leave it out for the default "file"',
  tooLong: `A source name is at most ${IMPORT_SOURCE_NAME_MAX} characters`,
  colon: 'A source name cannot contain ":"',
  control: 'A source name cannot contain line breaks, tabs or other control or invisible characters',
}

/**
 * The IPC field: a trimmed name the check takes (Korean letters, spaces, '-' and the like allowed), in
 * Unicode's composed form (NFC): a name pasted from a macOS file name spells 한글 decomposed (NFD), and
 * would otherwise be a second source that looks exactly like the first.
 */
export const importSourceNameSchema = z
  .string()
  .max(1000)
  .superRefine((text, ctx) => {
    const problem = importSourceNameProblem(text)
    if (problem) ctx.addIssue({ code: 'custom', message: IMPORT_SOURCE_NAME_MESSAGES[problem] })
  })
  .transform((text) => text.trim().normalize('NFC'))
