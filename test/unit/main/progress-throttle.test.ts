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
})
