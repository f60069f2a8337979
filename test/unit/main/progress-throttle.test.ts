// Worker progress: at most one message per interval, the first of a new stage at once, and each
// stage's last figure never lost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { throttleProgress } from '../../../src/main/core/workers/progress-throttle'

type P = { stage: string; n: number }

describe('throttleProgress', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
  })
  afterEach(() => vi.useRealTimers())

  it('sends the first of each stage at once and the held-back last of the stage before it', () => {
    const sent: P[] = []
    const t = throttleProgress<P>((p) => sent.push(p), { urgent: (p, last) => p.stage !== last?.stage })
    t.push({ stage: 'people', n: 1 })
    t.push({ stage: 'people', n: 2 })
    t.push({ stage: 'people', n: 3 }) // held back: within 100 ms of n = 1
    t.push({ stage: 'srs', n: 10 }) // new stage: people 3 first, then srs 10
    t.push({ stage: 'srs', n: 20 })
    vi.setSystemTime(1_000_150)
    t.push({ stage: 'srs', n: 30 }) // interval passed: sent, srs 20 superseded
    t.push({ stage: 'srs', n: 40 })
    t.flush()
    expect(sent).toEqual([
      { stage: 'people', n: 1 },
      { stage: 'people', n: 3 },
      { stage: 'srs', n: 10 },
      { stage: 'srs', n: 30 },
      { stage: 'srs', n: 40 },
    ])
  })

  it('sends a figure held back when its interval ends, not only with the next one', () => {
    const sent: P[] = []
    const t = throttleProgress<P>((p) => sent.push(p))
    t.push({ stage: 'srs', n: 1000 }) // sent at 1,000,000
    vi.setSystemTime(1_000_040)
    t.push({ stage: 'srs', n: 2000 }) // a quick page: held back for 60 ms
    expect(sent).toEqual([{ stage: 'srs', n: 1000 }])
    // Then a slow page (30 s): the bar shows 2,000 once the interval is over, not after 30 s.
    vi.advanceTimersByTime(59)
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([
      { stage: 'srs', n: 1000 },
      { stage: 'srs', n: 2000 },
    ])
    // Nothing is sent twice: not by a later flush, not by another timer.
    t.flush()
    vi.advanceTimersByTime(30_000)
    expect(sent).toHaveLength(2)
    // Long after: at once; the next within 100 ms is held back, superseded, then sent on its timer.
    t.push({ stage: 'srs', n: 3000 })
    expect(sent).toHaveLength(3) // 30 s after the last one sent: at once
    t.push({ stage: 'srs', n: 4000 })
    t.push({ stage: 'srs', n: 5000 }) // supersedes 4,000 while held back
    vi.advanceTimersByTime(100)
    expect(sent.map((p) => p.n)).toEqual([1000, 2000, 3000, 5000])
  })
})
