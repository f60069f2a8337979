// A server that asks to wait longer than a sync waits (an hourly rate limit): the sync and the
// connection test end at once, saying until when in the workspace's time zone, not in UTC.
import { afterEach, describe, expect, it } from 'vitest'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { appContext, type AppContext } from './app-context'

const TOKEN = 'sim-token-retry-zone-2b7c'
let app: AppContext | undefined
let sim: ItsmSimulator | undefined
afterEach(async () => {
  await app?.dispose()
  await sim?.close()
  app = undefined
  sim = undefined
})

/** "YYYY-MM-DD HH:mm:ss" of `ms` in Seoul (UTC+9, no daylight saving), worked out from UTC. */
const seoul = (ms: number): string =>
  new Date(ms + 9 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')

describe('a long Retry-After', () => {
  it("is said in the workspace's zone by the sync and by the connection test", async () => {
    sim = await startItsmSimulator({
      seed: 3,
      srCount: 20,
      token: TOKEN,
      faults: { rateLimit: 1, retryAfterSeconds: 7200 },
    })
    app = appContext({ runtime: { timeZone: () => 'Asia/Seoul' } })
    await app.ok('sources:add', { kind: 'itsm', name: 'prod', url: sim.url, token: TOKEN })
    const before = Date.now()
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    const outcome = app.sync.scheduler.status().lastRun?.outcomes[0]
    expect(outcome?.status).toBe('failed')
    const until = /until (\S+ \S+) \(Asia\/Seoul\)/.exec(outcome?.error?.message ?? '')?.[1]
    expect(until, outcome?.error?.message).toBeDefined()
    expect(until! >= seoul(before + 7_200_000) && until! <= seoul(Date.now() + 7_200_000)).toBe(true)

    const test = await app.ok('sources:test', { name: 'prod' })
    expect(test.ok).toBe(false)
    expect(JSON.stringify(test)).toMatch(/until \S+ \S+ \(Asia\/Seoul\)/)
  })
})
