// A console whose renderer went away (out of memory, a crash) was left a blank window until the app
// restarted; it is now reloaded, a bounded number of times.
import { describe, expect, it } from 'vitest'
import {
  recoverRendererCrashes,
  type GoneDetails,
  type RecoverableContents,
} from '../../../src/main/shell/renderer-recovery'

function fakeContents() {
  let listener: ((event: unknown, details: GoneDetails) => void) | null = null
  const contents = {
    reloads: 0,
    destroyed: false,
    on(_event: 'render-process-gone', l: (event: unknown, details: GoneDetails) => void) {
      listener = l
    },
    reload() {
      contents.reloads++
    },
    isDestroyed: () => contents.destroyed,
    gone: (reason: string, exitCode = 0) => listener?.({}, { reason, exitCode }),
  }
  return contents satisfies RecoverableContents
}

describe('recoverRendererCrashes', () => {
  it('reloads a page whose renderer ran out of memory or crashed, and says so', () => {
    const contents = fakeContents()
    const warnings: string[] = []
    recoverRendererCrashes(contents, {
      page: 'index.html',
      now: () => 0,
      log: { warn: (m) => warnings.push(m) },
    })
    contents.gone('oom', -536870904)
    expect(contents.reloads).toBe(1)
    expect(warnings).toEqual([
      'The renderer of index.html went away (oom, exit code -536870904); reloading the page',
    ])
  })

  it('leaves a window that is closing', () => {
    const contents = fakeContents()
    recoverRendererCrashes(contents, { page: 'settings.html', now: () => 0, log: { warn: () => {} } })
    contents.gone('clean-exit')
    contents.destroyed = true
    contents.gone('crashed')
    expect(contents.reloads).toBe(0)
  })

  it('stops reloading a page that keeps crashing, and reloads again after a quiet minute', () => {
    const contents = fakeContents()
    let now = 0
    const warnings: string[] = []
    recoverRendererCrashes(contents, {
      page: 'index.html',
      now: () => now,
      log: { warn: (m) => warnings.push(m) },
    })
    for (let i = 0; i < 5; i++) {
      contents.gone('crashed', 11)
      now += 1_000
    }
    expect(contents.reloads).toBe(3)
    expect(warnings.at(-1)).toBe(
      'The renderer of index.html went away (crashed, exit code 11); not reloaded: it went away 3 times within a minute',
    )
    now += 60_000
    contents.gone('crashed', 11)
    expect(contents.reloads).toBe(4)
  })
})
