// A ServiceNow source's own codes for a choice field (docs/servicenow.md "State map", "Priority
// map"): which canonical value a code the built-in map does not know (or overrides) means on this
// instance. The state map and the priority map are both made here, so the connector's config schema,
// the command line (`--state-map 4=PENDING`, `--priority-map 0=P1`), the IPC contract and the
// Settings form accept and word both the same way.
import { z } from 'zod'

/** Codes as ServiceNow sends a choice's value: whole numbers, negative ones included (-5, 0, 6). */
const CODE = /^-?\d+$/

/** What one kind of map is about, for its messages. */
export type CodeMapSpec<V extends string> = {
  /** The field: 'state' or 'priority' ("state 4 is given twice"). */
  what: string
  /** What a code maps to: 'status' or 'priority' ("is not a status", CODE=STATUS). */
  value: string
  /** The canonical values a code may map to. */
  values: readonly V[]
  /** Two entries as examples, '4=PENDING,-5=OPEN': the first alone, and their codes, are examples too. */
  examples: string
  /** The most entries a map may have. */
  max: number
}

/** Why map text was refused, as a code and params the Connections form words in its language. */
export type CodeMapProblem =
  | { code: 'not_pair'; params: { entry: string } }
  | { code: 'bad_code'; params: { entry: string; code: string } }
  | { code: 'bad_value'; params: { entry: string; value: string; values: string } }
  | { code: 'twice'; params: { code: string; first: string; second: string } }
  | { code: 'empty'; params: Record<string, never> }
  | { code: 'too_many'; params: { max: number } }

export type CodeMapParse<V extends string> =
  { ok: true; map: Readonly<Record<string, V>> } | { ok: false; error: string; problem: CodeMapProblem }

/** The schema, parser and printer of one kind of code map. */
export function codeMapKit<V extends string>(spec: CodeMapSpec<V>) {
  const list = spec.values.join(', ')
  const placeholder = spec.value.toUpperCase()
  const valueNoun = `a ${spec.value}`
  const example = spec.examples.split(',')[0] ?? ''
  const codeExamples = spec.examples
    .split(',')
    .map((entry) => entry.split('=')[0])
    .join(' or ')
  const isValue = (v: string): v is V => (spec.values as readonly string[]).includes(v)
  const notCode = (code: string): string =>
    `"${code}" is not a ServiceNow ${spec.what} code (the ${spec.what}'s value, a whole number such as ${codeExamples})`
  const tooMany = `at most ${spec.max} ${spec.what} codes`

  /** Validates a map from config: keys are codes (whole numbers), values canonical ones. */
  const schema = z
    .record(z.string(), z.string())
    .superRefine((map, ctx) => {
      if (Object.keys(map).length > spec.max) ctx.addIssue({ code: 'custom', message: tooMany })
      for (const [code, value] of Object.entries(map)) {
        if (!CODE.test(code)) ctx.addIssue({ code: 'custom', path: [code], message: notCode(code) })
        else if (!isValue(value))
          ctx.addIssue({
            code: 'custom',
            path: [code],
            message: `"${value}" is not ${valueNoun}; map ${spec.what} ${code} to one of ${list}`,
          })
      }
    })
    .transform((map) => map as Readonly<Record<string, V>>)

  /**
   * Parses the command line's `4=PENDING,-5=OPEN` (values in any case) into a map; otherwise an
   * English message naming the bad entry (the command line's) and the same as a problem code.
   */
  function parse(text: string): CodeMapParse<V> {
    const map: Record<string, V> = {}
    const refused = (error: string, problem: CodeMapProblem): CodeMapParse<V> => ({
      ok: false,
      error,
      problem,
    })
    for (const raw of text.split(',')) {
      const entry = raw.trim()
      if (entry === '') continue
      const m = /^([^=]*)=(.*)$/.exec(entry)
      if (!m)
        return refused(`"${entry}" is not CODE=${placeholder} (e.g. ${example})`, {
          code: 'not_pair',
          params: { entry },
        })
      const code = (m[1] ?? '').trim()
      const given = m[2]?.trim() ?? ''
      const value = given.toUpperCase()
      if (!CODE.test(code))
        return refused(`"${entry}": ${notCode(code)}`, { code: 'bad_code', params: { entry, code } })
      if (!isValue(value))
        return refused(`"${entry}": "${given}" is not ${valueNoun}; use one of ${list}`, {
          code: 'bad_value',
          params: { entry, value: given, values: list },
        })
      const first = map[code]
      if (first !== undefined && first !== value)
        return refused(`${spec.what} ${code} is given twice (${first} and ${value})`, {
          code: 'twice',
          params: { code, first, second: value },
        })
      map[code] = value
    }
    if (Object.keys(map).length === 0)
      return refused(`no CODE=${placeholder} entries (e.g. ${spec.examples})`, {
        code: 'empty',
        params: {},
      })
    if (Object.keys(map).length > spec.max)
      return refused(tooMany, { code: 'too_many', params: { max: spec.max } })
    return { ok: true, map }
  }

  return { schema, parse, list }
}

/** `-5=OPEN,4=PENDING`: a code map as the command line takes it, by code. */
export function codeMapText(map: Readonly<Record<string, string>>): string {
  return Object.entries(map)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([code, value]) => `${code}=${value}`)
    .join(',')
}
