// Every place the main process makes a source error gives it a reason, so the app can word the
// failure in its own language (a new refusal without one would show only the English message).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** The argument text of each call starting at `at` (the opening parenthesis), brackets balanced. */
function callText(text: string, at: number): string {
  let depth = 0
  for (let i = at; i < text.length; i++) {
    const c = text[i]
    if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') {
      depth--
      if (depth === 0) return text.slice(at, i + 1)
    }
  }
  return text.slice(at)
}

describe('source errors made in the main process', () => {
  it('every new SourceError and ServiceNowDataError gives a reason', () => {
    const made: string[] = []
    const missing: string[] = []
    for (const file of sources(join(__dirname, '../../../src/main'))) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/new (SourceError|ServiceNowDataError)\(/g)) {
        const call = callText(text, m.index + m[0].length - 1)
        const where = `${file}:${text.slice(0, m.index).split('\n').length}`
        made.push(where)
        // A reason is made with syncReason(…), or passed on from the error it rewords.
        if (!/[sS]yncReason\(|[a-z]Reason\(|\bwhy\b|\.reason\b/.test(call)) missing.push(where)
      }
    }
    expect(made.length).toBeGreaterThan(20)
    expect(missing).toEqual([])
  })
})
