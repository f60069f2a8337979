// The background scheduler with an injected clock and timers: interval runs, one run at a time,
// cancellation, and the quiet offline state (one transition, probes instead of failing syncs).
import { describe, expect, it } from 'vitest'
import type { SyncStatusView } from '../../../src/shared/ipc/types-sync'
import type { SourceRecord } from '../../../src/main/core/sources/registry'
import type { SyncOutcome } from '../../../src/main/core/sync/engine'
import { createSyncScheduler, type RunSourceJob, type Timers } from '../../../src/main/core/sync/scheduler'
import { probeSource } from '../../../src/main/core/sync/runtime'
import { createServer } from 'node:net'

const MIN = 60_000
const source = (name: string, url = 'http://127.0.0.1:2'): SourceRecord => ({
  id: 1,
  name,
  kind: 'itsm',
  config: { url },
  createdAt: 0,
})

/** Timers driven by hand: advance(ms) fires what is due, in order. */
function manualClock() {
  let t = 0
  let seq = 0
  const due = new Map<number, { at: number; fn: () => void }>()
  const timers: Timers = {
    set: (fn, ms) => {
      seq += 1
      due.set(seq, { at: t + ms, fn })
      return seq
    },
    clear: (h) => void due.delete(h as number),
  }
  return {
    timers,
    now: () => t,
    pending: () => [...due.values()].map((d) => d.at - t),
    async advance(ms: number) {
      const end = t + ms
      for (;;) {
        const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0]
        if (!next || next[1].at > end) break
        due.delete(next[0])
        t = next[1].at
        next[1].fn()
        // Let the async work the timer started settle before the next one.
        for (let i = 0; i < 20; i++) await Promise.resolve()
      }
      t = end
    },
  }
}

function outcome(job: RunSourceJob, status: SyncOutcome['status'], now: number): SyncOutcome {
  return {
    source: `itsm:${job.record.name}`,
    status,
    rows: status === 'ok' ? 10 : 0,
    pages: 1,
    error:
      status === 'ok'
        ? null
        : status === 'offline'
          ? 'Offline: Cannot reach http://127.0.0.1:2/api/v1/tenants (ECONNREFUSED)'
          : 'Cancelled',
    reason: null,
    startedAt: now,
    finishedAt: now,
  }
}

describe('sync scheduler', () => {
  it('runs every source on the interval, one at a time', async () => {
    const clock = manualClock()
    const jobs: string[] = []
    const scheduler = createSyncScheduler({
      sources: () => [source('a'), source('b')],
      runSource: async (job) => {
        jobs.push(job.record.name)
        return outcome(job, 'ok', clock.now())
      },
      probe: async () => true,
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => 15,
      watermark: () => null,
      startDelayMs: 1000,
    })
    scheduler.start()
    expect(scheduler.status().nextRunAt).toBe(1000)
    await clock.advance(1000)
    await scheduler.idle()
    expect(jobs).toEqual(['a', 'b'])
    // The next run is one interval after the end of this one: 1000 + 15 min.
    expect(scheduler.status().nextRunAt).toBe(1000 + 15 * MIN)
    await clock.advance(15 * MIN)
    await scheduler.idle()
    expect(jobs).toEqual(['a', 'b', 'a', 'b'])
    scheduler.stop()
    expect(clock.pending()).toEqual([])
  })

  it('does not start while a file import writes; a background run looks again after a minute', async () => {
    const clock = manualClock()
    const jobs: string[] = []
    let importing = true
    const scheduler = createSyncScheduler({
      sources: () => [source('a')],
      runSource: async (job) => {
        jobs.push(job.record.name)
        return outcome(job, 'ok', clock.now())
      },
      probe: async () => true,
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => 15,
      watermark: () => null,
      startDelayMs: 1000,
      importing: () => importing,
    })
    expect(scheduler.runNow()).toMatchObject({ started: false, reason: 'importing' })
    scheduler.start()
    await clock.advance(1000)
    expect(jobs).toEqual([])
    expect(scheduler.status().nextRunAt).toBe(1000 + MIN)
    await clock.advance(MIN)
    expect(jobs).toEqual([])
    importing = false
    await clock.advance(MIN)
    await scheduler.idle()
    expect(jobs).toEqual(['a'])
    expect(scheduler.status().nextRunAt).toBe(1000 + 2 * MIN + 15 * MIN)
    scheduler.stop()
  })

  it('a run asked for a source that is gone says so, not that there are no connections', async () => {
    const clock = manualClock()
    let sources = [source('a'), source('b')]
    const scheduler = createSyncScheduler({
      sources: () => sources,
      runSource: async (job) => outcome(job, 'ok', clock.now()),
      probe: async () => true,
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => 15,
      watermark: () => null,
    })
    expect(scheduler.runNow({ source: 'removed' })).toMatchObject({
      started: false,
      reason: 'unknown-source',
    })
    sources = []
    expect(scheduler.runNow({ source: 'removed' })).toMatchObject({ started: false, reason: 'no-sources' })
    expect(scheduler.runNow()).toMatchObject({ started: false, reason: 'no-sources' })
  })

  it('refuses a second run while one is going and cancels the rest of a run', async () => {
    const clock = manualClock()
    const started: string[] = []
    let release: (() => void) | null = null
    const scheduler = createSyncScheduler({
      sources: () => [source('a'), source('b')],
      runSource: (job) =>
        new Promise((resolve) => {
          started.push(job.record.name)
          job.signal.addEventListener('abort', () => resolve(outcome(job, 'cancelled', clock.now())))
          release = () => resolve(outcome(job, 'ok', clock.now()))
        }),
      probe: async () => true,
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => 15,
      watermark: () => null,
    })
    expect(scheduler.runNow().started).toBe(true)
    expect(scheduler.runNow()).toMatchObject({ started: false, reason: 'busy' })
    expect(scheduler.status().state).toBe('running')
    expect(scheduler.cancel()).toBe(true)
    await scheduler.idle()
    expect(release).not.toBeNull()
    // Source b never started: the run stopped at the cancelled source.
    expect(started).toEqual(['a'])
    expect(scheduler.status().lastRun?.outcomes.map((o) => [o.source, o.status])).toEqual([
      ['a', 'cancelled'],
      ['b', 'cancelled'],
    ])
    expect(scheduler.cancel()).toBe(false)
  })

  it('goes offline once, then probes quietly with a growing pause until a source answers', async () => {
    const clock = manualClock()
    const runs: string[] = []
    const logs: string[] = []
    const states: SyncStatusView['state'][] = []
    let reachable = false
    let probes = 0
    const scheduler = createSyncScheduler({
      sources: () => [source('a')],
      runSource: async (job) => {
        runs.push(job.record.name)
        return outcome(job, reachable ? 'ok' : 'offline', clock.now())
      },
      probe: async () => {
        probes += 1
        return reachable
      },
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => 15,
      watermark: () => null,
      onState: (s) => states.push(s.state),
      log: { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`) },
      startDelayMs: 0,
    })
    scheduler.start()
    await clock.advance(0)
    await scheduler.idle()
    expect(runs).toEqual(['a'])
    expect(scheduler.status()).toMatchObject({ state: 'offline', offlineSince: 0 })
    // Pauses: 1 min after the failed run, then 2, 4, 8 min, then capped at the 15-min interval.
    await clock.advance(1 * MIN)
    await clock.advance(2 * MIN)
    await clock.advance(4 * MIN)
    await clock.advance(8 * MIN)
    await clock.advance(15 * MIN)
    expect(probes).toBe(5)
    // Probing never ran a sync (no sync-log entries) and logged nothing more.
    expect(runs).toEqual(['a'])
    expect(logs).toEqual(['warn The sync sources cannot be reached; retrying quietly until they answer'])
    expect(scheduler.status().state).toBe('offline')
    reachable = true
    await clock.advance(15 * MIN)
    await scheduler.idle()
    expect(runs).toEqual(['a', 'a'])
    expect(scheduler.status()).toMatchObject({ state: 'idle', offlineSince: null })
    expect(logs.at(-1)).toBe('info The sync sources answer again')
    expect(states).not.toContain(undefined)
    scheduler.stop()
  })

  it('stopped (the app quitting) while a probe is out: no run starts when the probe then connects', async () => {
    const clock = manualClock()
    const runs: string[] = []
    let answer: ((up: boolean) => void) | null = null
    let probes = 0
    const scheduler = createSyncScheduler({
      sources: () => [source('a')],
      runSource: async (job) => {
        runs.push(job.record.name)
        return outcome(job, 'offline', clock.now())
      },
      probe: () => {
        probes += 1
        return new Promise<boolean>((resolve) => (answer = resolve))
      },
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => 15,
      watermark: () => null,
      startDelayMs: 0,
    })
    scheduler.start()
    await clock.advance(0)
    await scheduler.idle()
    expect(runs).toEqual(['a']) // offline now
    await clock.advance(1 * MIN) // the first quiet probe goes out and waits for its answer
    expect(probes).toBe(1)
    scheduler.stop()
    answer!(true)
    for (let i = 0; i < 20; i++) await Promise.resolve()
    await scheduler.idle()
    expect(runs).toEqual(['a'])
    expect(clock.pending()).toEqual([])
  })

  it('offline, a shorter interval set meanwhile shortens the pause already waited, as its cap', async () => {
    const clock = manualClock()
    let minutes = 60
    let probes = 0
    const scheduler = createSyncScheduler({
      sources: () => [source('a')],
      runSource: async (job) => outcome(job, 'offline', clock.now()),
      probe: async () => {
        probes += 1
        return false
      },
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => minutes,
      watermark: () => null,
      startDelayMs: 0,
    })
    scheduler.start()
    await clock.advance(0)
    await scheduler.idle()
    // Pauses 1, 2, 4, 8, 16, 32 min (63 in all), then capped at the 60-min interval.
    await clock.advance(63 * MIN)
    expect(probes).toBe(6)
    expect(clock.pending()).toEqual([60 * MIN])
    // Ten minutes into that pause the operator sets 5 minutes: the next probe is 5 minutes away,
    // not the 50 left of the old interval.
    await clock.advance(10 * MIN)
    minutes = 5
    scheduler.reschedule()
    expect(clock.pending()).toEqual([5 * MIN])
    expect(scheduler.status().nextRunAt).toBe(clock.now() + 5 * MIN)
    await clock.advance(5 * MIN)
    expect(probes).toBe(7)
    expect(scheduler.status().state).toBe('offline')
    // A longer interval set while offline does not push a probe already due sooner further away.
    minutes = 120
    scheduler.reschedule()
    expect(clock.pending()).toEqual([5 * MIN])
    scheduler.stop()
  })

  it('leaves the offline state when a source answered pages, even if that run was then cancelled', async () => {
    const clock = manualClock()
    let next: 'offline' | 'answered-then-cancelled' = 'offline'
    const scheduler = createSyncScheduler({
      sources: () => [source('down'), source('slow')],
      runSource: async (job) =>
        next === 'offline'
          ? outcome(job, 'offline', clock.now())
          : { ...outcome(job, 'cancelled', clock.now()), rows: 1083, pages: 4 },
      probe: async () => false,
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => 15,
      watermark: () => null,
    })
    scheduler.runNow({ source: 'down' })
    await scheduler.idle()
    expect(scheduler.status().state).toBe('offline')
    // 'slow' answered four pages before the operator cancelled: it can be reached.
    next = 'answered-then-cancelled'
    scheduler.runNow({ source: 'slow' })
    await scheduler.idle()
    expect(scheduler.status()).toMatchObject({ state: 'idle', offlineSince: null })
  })

  it('stays offline after a run cancelled before any source answered', async () => {
    const clock = manualClock()
    let cancelled = false
    const scheduler = createSyncScheduler({
      sources: () => [source('down')],
      runSource: async (job) =>
        cancelled
          ? { ...outcome(job, 'cancelled', clock.now()), pages: 0 }
          : outcome(job, 'offline', clock.now()),
      probe: async () => false,
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => 15,
      watermark: () => null,
    })
    scheduler.runNow()
    await scheduler.idle()
    cancelled = true
    scheduler.runNow()
    await scheduler.idle()
    expect(scheduler.status().state).toBe('offline')
  })

  it('backs off too when the probe connects but the sync still ends offline (a server that drops connections)', async () => {
    const clock = manualClock()
    const runsAt: number[] = []
    let healthy = false
    const scheduler = createSyncScheduler({
      sources: () => [source('a')],
      runSource: async (job) => {
        runsAt.push(clock.now())
        return outcome(job, healthy ? 'ok' : 'offline', clock.now())
      },
      // The port accepts connections: only the sync's requests fail ("other side closed").
      probe: async () => true,
      now: clock.now,
      timers: clock.timers,
      intervalMinutes: () => 15,
      watermark: () => null,
      startDelayMs: 0,
    })
    scheduler.start()
    await clock.advance(60 * MIN)
    await scheduler.idle()
    // Each run logs a failure, so they come at 0, then 1, 2, 4, 8 minutes apart, then every 15
    // (the interval): 0, 1, 3, 7, 15, 30, 45, 60, not every minute (61 runs an hour before).
    expect(runsAt.map((t) => t / MIN)).toEqual([0, 1, 3, 7, 15, 30, 45, 60])
    expect(scheduler.status().state).toBe('offline')
    // Back to health: the pause returns to the interval.
    healthy = true
    await clock.advance(15 * MIN)
    await scheduler.idle()
    expect(scheduler.status().state).toBe('idle')
    expect(clock.pending()).toEqual([15 * MIN])
    scheduler.stop()
  })
})

describe('probeSource', () => {
  it('says false for a closed port and true for a listening one, without sending a request', async () => {
    const server = createServer((socket) => socket.end())
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    expect(await probeSource(source('up', `http://127.0.0.1:${port}`))).toBe(true)
    await new Promise<void>((r) => server.close(() => r()))
    // The same port, now closed.
    expect(await probeSource(source('down', `http://127.0.0.1:${port}`))).toBe(false)
  })

  it('knocks at the proxy of a source that goes through one, not at its unreachable server', async () => {
    const proxy = createServer((socket) => socket.end())
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()))
    const address = proxy.address()
    const port = typeof address === 'object' && address ? address.port : 0
    // Port 9 (discard) is closed here: the server is reachable only through the proxy.
    const behindProxy = (proxyUrl: string): SourceRecord => {
      const record = source('behind', 'http://127.0.0.1:2')
      return { ...record, config: { ...record.config, proxy: proxyUrl } } as SourceRecord
    }
    expect(await probeSource(source('direct', 'http://127.0.0.1:2'))).toBe(false)
    expect(await probeSource(behindProxy(`http://127.0.0.1:${port}`))).toBe(true)
    await new Promise<void>((r) => proxy.close(() => r()))
    expect(await probeSource(behindProxy(`http://127.0.0.1:${port}`))).toBe(false)
  })
})
