// The app's quit waits for the core's shutdown: Electron ends the process once will-quit's handlers
// return unless one prevents it. A stand-in for `app` records what the gate does with each will-quit.
import { describe, expect, it } from 'vitest'
import {
  holdQuitUntil,
  relaunchOptionsFor,
  type QuitEvent,
  type QuittingApp,
  type RelaunchOptions,
} from '../../../src/main/shell/quit-gate'

/** An `app` whose quit() emits will-quit as Electron's does; `quits` counts the process ends. */
function fakeApp() {
  const listeners: ((event: QuitEvent) => void)[] = []
  const fake = {
    quits: 0,
    asked: 0,
    /** The options of each relaunch asked (Electron starts one instance per call). */
    relaunches: [] as (RelaunchOptions | undefined)[],
    relaunch(options?: RelaunchOptions) {
      fake.relaunches.push(options)
    },
    on(_event: 'will-quit', listener: (event: QuitEvent) => void) {
      listeners.push(listener)
    },
    quit() {
      fake.asked++
      let prevented = false
      for (const l of listeners) l({ preventDefault: () => void (prevented = true) })
      if (!prevented) fake.quits++
    },
  }
  return fake satisfies QuittingApp
}

/** A promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve(): void; reject(err: Error): void } {
  let resolve!: () => void
  let reject!: (err: Error) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets the gate's work settle and its quit (asked on a later task) run. */
const flush = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0))
}

describe('holdQuitUntil', () => {
  it('holds the quit until the work settles, runs it once however often quit is asked, then quits', async () => {
    const app = fakeApp()
    const work = deferred()
    let runs = 0
    holdQuitUntil(
      app,
      () => {
        runs++
        return work.promise
      },
      { warn: () => {} },
    )
    app.quit()
    expect(app.quits).toBe(0)
    // Asked again while stopping (Cmd+Q twice): still held, no second stop.
    app.quit()
    await flush()
    expect({ runs, quits: app.quits }).toEqual({ runs: 1, quits: 0 })
    work.resolve()
    await flush()
    // The gate asked the quit again and let it through, once.
    expect({ runs, quits: app.quits, asked: app.asked }).toEqual({ runs: 1, quits: 1, asked: 3 })
  })

  it('asks the quit again on a later task, even when the work settles at once', async () => {
    // Electron ignores a quit asked again within the task that emitted will-quit.
    const app = fakeApp()
    holdQuitUntil(app, () => Promise.resolve(), { warn: () => {} })
    app.quit()
    for (let i = 0; i < 10; i++) await Promise.resolve()
    expect({ asked: app.asked, quits: app.quits }).toEqual({ asked: 1, quits: 0 })
    await flush()
    expect({ asked: app.asked, quits: app.quits }).toEqual({ asked: 2, quits: 1 })
  })

  it('quits all the same when the work fails, saying why', async () => {
    const app = fakeApp()
    const warnings: string[] = []
    const work = deferred()
    holdQuitUntil(app, () => work.promise, { warn: (m) => warnings.push(m) })
    app.quit()
    work.reject(new Error('database is locked'))
    await flush()
    expect(app.quits).toBe(1)
    expect(warnings).toEqual(['Stopping before quitting failed: database is locked'])
  })

  it('quits when the work throws before returning a promise', async () => {
    const app = fakeApp()
    const warnings: string[] = []
    holdQuitUntil(
      app,
      () => {
        throw new Error('no runtime')
      },
      { warn: (m) => warnings.push(m) },
    )
    app.quit()
    await flush()
    expect(app.quits).toBe(1)
    expect(warnings).toEqual(['Stopping before quitting failed: no runtime'])
  })
})

describe('a second launch while the app quits', () => {
  it('opens the console while the app runs, and starts the app again (once) after a quit it cannot stop', async () => {
    // The window closed, a sync is still stopping (up to 5 s), the app looks gone: the user starts
    // it again. A window opened now would vanish with the quit, and the second launch has ended.
    const app = fakeApp()
    const work = deferred()
    const gate = holdQuitUntil(app, () => work.promise, { warn: () => {} })
    let opened = 0
    const open = () => void opened++
    gate.reopen(open)
    expect({ opened, relaunches: app.relaunches.length }).toEqual({ opened: 1, relaunches: 0 })

    app.quit()
    gate.reopen(open)
    gate.reopen(open) // a dock click as well: still one new instance
    expect({ opened, relaunches: app.relaunches }).toEqual({ opened: 1, relaunches: [undefined] })
    work.resolve()
    await flush()
    // The quit went on: the new instance starts as this one exits.
    expect({ quits: app.quits, relaunches: app.relaunches.length }).toEqual({ quits: 1, relaunches: 1 })
  })

  it('starts the app again when asked after the work settled, before the quit went through', async () => {
    const app = fakeApp()
    const gate = holdQuitUntil(app, () => Promise.resolve(), { warn: () => {} })
    app.quit()
    for (let i = 0; i < 10; i++) await Promise.resolve()
    expect(app.quits).toBe(0)
    let opened = 0
    gate.reopen(() => void opened++)
    expect({ opened, relaunches: app.relaunches.length }).toEqual({ opened: 0, relaunches: 1 })
  })

  it('relaunches a packaged AppImage through its file, since its mount goes with the process', () => {
    const app = fakeApp()
    const relaunch = relaunchOptionsFor({
      isPackaged: true,
      env: { APPIMAGE: '/home/운영/Ops Console-1.0.0.AppImage' },
      argv: ['/tmp/.mount_OpsCoXy/ops-console', '--lang=en'],
    })
    const gate = holdQuitUntil(app, () => new Promise(() => {}), { warn: () => {} }, { relaunch })
    app.quit()
    gate.reopen(() => {})
    expect(app.relaunches).toEqual([
      {
        execPath: '/home/운영/Ops Console-1.0.0.AppImage',
        args: ['--appimage-extract-and-run', '--lang=en'],
      },
    ])
    // Installed (NSIS, dmg) and dev runs: Electron's own relaunch of the running executable.
    expect(relaunchOptionsFor({ isPackaged: true, env: {}, argv: ['C:\\Ops Console.exe'] })).toBeUndefined()
    expect(
      relaunchOptionsFor({
        isPackaged: false,
        env: { APPIMAGE: '/opt/Other.AppImage' },
        argv: ['electron', '.'],
      }),
    ).toBeUndefined()
  })
})
