// The CLI's progress on stderr: one line overwritten in place at a terminal, cut to its width;
// whole lines, and few of them, into a file or a pipe (a cron job's log).
import { describe, expect, it } from 'vitest'
import { countOf, formatDuration } from '../../../src/main/cli/output'
import { fitColumns, progressOn, type ProgressStream } from '../../../src/main/cli/progress'

function stream(tty: { columns: number } | null): ProgressStream & { text: string } {
  const s = {
    text: '',
    write(chunk: string | Uint8Array) {
      s.text += String(chunk)
      return true
    },
    ...(tty ? { isTTY: true, columns: tty.columns } : {}),
  }
  return s
}

describe('progress at a terminal', () => {
  it('overwrites one line, blanking what a longer line before left, and ends it once', () => {
    const out = stream({ columns: 80 })
    const p = progressOn(out)
    p.show('a', 'reading: 1,000 rows')
    p.show('a', 'reading: 2,000')
    p.done()
    p.done()
    expect(out.text).toBe('\rreading: 1,000 rows\rreading: 2,000     \n')
  })

  it("cuts a line to the terminal's width, counting Hangul as two columns", () => {
    const out = stream({ columns: 30 })
    progressOn(out).show('a', 'itsm:서울특별시청-운영 [4/7] srs: 1,200 of 3,000 rows, 950/s')
    const line = out.text.slice(1)
    expect(line.endsWith('…')).toBe(true)
    expect(fitColumns(line, 29)).toBe(line)
    expect(fitColumns('short', 29)).toBe('short')
  })

  it('shows nothing with --json', () => {
    const out = stream({ columns: 80 })
    const p = progressOn(out, { enabled: false })
    p.show('a', 'x')
    p.done()
    expect(out.text).toBe('')
  })
})

describe('progress into a file or a pipe', () => {
  it("writes whole lines: each step's first and last update, and one every interval between", () => {
    const out = stream(null)
    let now = 0
    const p = progressOn(out, { intervalMs: 5_000, now: () => now })
    p.show('tenants', 'tenants: 0 rows')
    p.show('tenants', 'tenants: 8 rows')
    p.show('srs', 'srs: 0 rows')
    for (let i = 1; i <= 20; i++) {
      now += 1_000
      p.show('srs', `srs: ${i},000 rows`)
    }
    p.done()
    expect(out.text).not.toContain('\r')
    expect(out.text.split('\n')).toEqual([
      'tenants: 0 rows',
      'tenants: 8 rows',
      'srs: 0 rows',
      'srs: 5,000 rows',
      'srs: 10,000 rows',
      'srs: 15,000 rows',
      'srs: 20,000 rows',
      '',
    ])
  })
})

describe('counts and durations', () => {
  it('say one row, and minutes and hours past a minute', () => {
    expect(countOf(1, 'page')).toBe('1 page')
    expect(countOf(0, 'row')).toBe('0 rows')
    expect(countOf(12_000, 'row error')).toBe('12,000 row errors')
    expect(formatDuration(9_740)).toBe('9.7 s')
    expect(formatDuration(754_300)).toBe('12 min 34 s')
    expect(formatDuration(7_530_000)).toBe('2 h 5 min')
    expect(formatDuration(1_200, { roundUp: true })).toBe('2 s')
    expect(formatDuration(59_500, { roundUp: true })).toBe('1 min 0 s')
  })
})
