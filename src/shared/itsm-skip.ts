// The collections an ITSM REST connection may be set not to read (docs/itsm-rest-protocol.md §6,
// "Collections a connection does not read"): every one but the SRs, which are what a sync is for.
// The registry, the IPC schemas, the CLI (`--skip`) and the Connections form take them from here.
import { z } from 'zod'

/** The collections a connection may skip, in the order a sync reads them (src/main/core/sources/types.ts). */
export const ITSM_OPTIONAL_COLLECTIONS = [
  'tenants',
  'categories',
  'people',
  'sr_events',
  'deployments',
  'feature_usage',
] as const
export type ItsmOptionalCollection = (typeof ITSM_OPTIONAL_COLLECTIONS)[number]

const OPTIONAL: ReadonlySet<string> = new Set(ITSM_OPTIONAL_COLLECTIONS)

/** What is wrong with a list of collections to skip: the SRs named, or names that are no collection. */
export type SkipProblem = { code: 'srs' } | { code: 'unknown'; names: string[] }

/** The first problem of `names` as collections to skip (the SRs first), or null. */
export function skipProblem(names: readonly string[]): SkipProblem | null {
  if (names.includes('srs')) return { code: 'srs' }
  const unknown = [...new Set(names.filter((n) => !OPTIONAL.has(n)))]
  return unknown.length > 0 ? { code: 'unknown', names: unknown } : null
}

/** The valid names, for the messages that list them: "tenants, categories, people, …". */
export const SKIP_CHOICES = ITSM_OPTIONAL_COLLECTIONS.join(', ')

/** A problem of a skip list in English (the core's message; the app words its reason). */
export function skipProblemText(problem: SkipProblem): string {
  return problem.code === 'srs'
    ? 'The service requests (srs) are always read: they are what a sync is for. Only these collections can be skipped: ' +
        SKIP_CHOICES
    : `${problem.names.map((n) => `"${n}"`).join(', ')} ${problem.names.length === 1 ? 'is no collection' : 'are no collections'} a connection can skip: use ${SKIP_CHOICES}`
}

/** The same collections in the order a sync reads them, each once. */
export function skipInOrder(names: readonly string[]): ItsmOptionalCollection[] {
  return ITSM_OPTIONAL_COLLECTIONS.filter((c) => names.includes(c))
}

/**
 * The stored list of collections a connection does not read: optional collections only, stored in
 * the order a sync reads them, each once. Absent (or empty): every collection is read, as for every
 * connection added before the option.
 */
export const itsmSkipSchema = z
  .array(z.string().max(40))
  .max(20)
  .superRefine((names, ctx) => {
    const problem = skipProblem(names)
    if (problem) ctx.addIssue({ code: 'custom', message: skipProblemText(problem) })
  })
  .transform(skipInOrder)

/**
 * `--skip people,deployments` as typed on the command line: the names (spaces around them ignored),
 * or [] for `none` (read every collection again). Not checked: skipProblem says what is wrong.
 */
export function parseSkipText(text: string): string[] {
  const trimmed = text.trim()
  if (trimmed.toLowerCase() === 'none') return []
  return trimmed
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')
}
