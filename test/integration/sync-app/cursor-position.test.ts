// The Sync screen's "position" of a source: the instant its SR cursor stands at, with its zone, so
// the window shows it right whatever its own time zone (ServiceNow's sys_updated_on is UTC).
import { afterEach, describe, expect, it } from 'vitest'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'
import { appContext, type AppContext } from './app-context'

const PASSWORD = 'sn-pw-position-2b8f'
let app: AppContext | undefined
let sim: SnSimulator | undefined
const tz = process.env['TZ']
afterEach(async () => {
  await app?.dispose()
  await sim?.close()
  app = undefined
  sim = undefined
  if (tz === undefined) delete process.env['TZ']
  else process.env['TZ'] = tz
})

describe("a ServiceNow source's cursor position", () => {
  it('is the UTC instant of the last sys_updated_on read, read the same in Seoul', async () => {
    sim = await startServiceNowSimulator({ seed: 3, count: 40, user: 'integration', password: PASSWORD })
    app = appContext()
    await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url: sim.url,
      user: 'integration',
      password: PASSWORD,
    })
    app.sync.scheduler.runNow()
    await app.sync.scheduler.idle()
    expect(app.sync.scheduler.status().lastRun?.outcomes[0]?.status).toBe('ok')
    const [view] = await app.ok('sources:list', {})
    const position = view?.cursors.find((c) => c.entity === 'srs')?.position
    expect(position).toBeTruthy()
    // The newest sys_updated_on the simulator holds, in UTC as ServiceNow gives it.
    const newest = sim.records
      .map((r) => (r['sys_updated_on'] as { value: string }).value)
      .sort()
      .at(-1)!
    // A window in Seoul parses the position as the renderer does (Date.parse).
    process.env['TZ'] = 'Asia/Seoul'
    expect(Date.parse(position!)).toBe(Date.parse(`${newest.replace(' ', 'T')}Z`))
  })
})
