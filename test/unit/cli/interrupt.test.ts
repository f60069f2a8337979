// The stop watch of long CLI commands, driven with a stand-in for the process and a stand-in clock.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { COPY_WINDOW_MS, stopOnSignals, type StopSignal } from '../../../src/main/cli/interrupt'

function watched(forced?: (signal: StopSignal) => string) {
  const target = new EventEmitter()
  let clock = 1_000
  const stops: StopSignal[] = []
  const lines: string[] = []
  const exits: number[] = []
  const watch = stopOnSignals((signal) => stops.push(signal), {
    target,
    now: () => clock,
    write: (line) => lines.push(line),
    exit: (code) => exits.push(code),
    ...(forced ? { forced } : {}),
  })
  return {
    target,
    watch,
    stops,
    lines,
    exits,
    after: (ms: number) => (clock += ms),
  }
}

describe('stopOnSignals', () => {
  it('takes a copy of the first Ctrl+C within the window as the same press', () => {
    const w = watched()
    w.target.emit('SIGINT')
    w.after(COPY_WINDOW_MS - 1)
    w.target.emit('SIGINT')
    expect(w.stops).toEqual(['SIGINT'])
    expect(w.exits).toEqual([])
    expect(w.watch.interrupted).toBe(true)
    expect(w.watch.signal).toBe('SIGINT')
  })

  it('a later second Ctrl+C while the command is still stopping quits at once with 130, saying why', () => {
    const w = watched((signal) => `quit (${signal})`)
    w.target.emit('SIGINT')
    w.after(COPY_WINDOW_MS)
    w.target.emit('SIGINT')
    expect(w.stops).toEqual(['SIGINT'])
    expect(w.lines).toEqual(['quit (SIGINT)'])
    expect(w.exits).toEqual([130])
  })

  it('stops on SIGTERM as on Ctrl+C; a later SIGTERM quits with 143', () => {
    const w = watched()
    w.target.emit('SIGTERM')
    expect(w.stops).toEqual(['SIGTERM'])
    expect(w.watch.signal).toBe('SIGTERM')
    w.after(100)
    w.target.emit('SIGINT')
    expect(w.exits).toEqual([])
    w.after(1_000)
    w.target.emit('SIGTERM')
    expect(w.lines).toEqual(['quit at once (SIGTERM again): the command did not clean up'])
    expect(w.exits).toEqual([143])
  })

  it('a phase set later takes the first request and says its own forced message; one taken before is not repeated', () => {
    const fresh = watched()
    const phased: StopSignal[] = []
    fresh.watch.phase(
      (signal) => phased.push(signal),
      () => 'quit during the phase',
    )
    fresh.target.emit('SIGINT')
    expect([fresh.stops, phased]).toEqual([[], ['SIGINT']])
    fresh.after(COPY_WINDOW_MS + 1)
    fresh.target.emit('SIGINT')
    expect(fresh.lines).toEqual(['quit during the phase'])

    const earlier = watched()
    earlier.target.emit('SIGINT')
    const late: StopSignal[] = []
    earlier.watch.phase(
      (signal) => late.push(signal),
      () => 'x',
    )
    earlier.after(10)
    earlier.target.emit('SIGINT')
    expect([earlier.stops, late, earlier.exits]).toEqual([['SIGINT'], [], []])
  })

  it('disposed before any signal, it leaves both signals to their defaults; after one it keeps listening', () => {
    const quiet = watched()
    quiet.watch.dispose()
    expect([quiet.target.listenerCount('SIGINT'), quiet.target.listenerCount('SIGTERM')]).toEqual([0, 0])

    const stopped = watched()
    stopped.target.emit('SIGINT')
    stopped.watch.dispose()
    expect([stopped.target.listenerCount('SIGINT'), stopped.target.listenerCount('SIGTERM')]).toEqual([1, 1])
    stopped.after(COPY_WINDOW_MS * 2)
    stopped.target.emit('SIGINT')
    expect(stopped.exits).toEqual([130])
  })
})
