// Shared by the engine-level fault tests: HTTP dependencies that record every retry and back-off
// while waiting only a few milliseconds (so a 7 s Retry-After is checked, not slept), and a clock.
import {
  abortableSleep,
  defaultHttpDeps,
  type HttpDeps,
  type RetryPolicy,
} from '../../../src/main/core/sources/http'

/** Small back-off so retries cost milliseconds; timeouts long enough for a loaded 2-core machine. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 20, timeoutMs: 5_000 }

export type RecordingDeps = HttpDeps & {
  /** Back-off delays the client asked for, in order. */
  delays: number[]
  /** Why each retry happened, in order. */
  reasons: string[]
}

/** Real fetch; sleeps recorded at full length but waited for at most 3 ms (still abortable). */
export function recordingDeps(): RecordingDeps {
  const delays: number[] = []
  const reasons: string[] = []
  const deps = defaultHttpDeps({
    sleep: (ms, signal) => {
      delays.push(ms)
      return abortableSleep(Math.min(ms, 3), signal)
    },
    onRetry: (info) => reasons.push(info.reason),
  })
  return Object.assign(deps, { delays, reasons })
}
