import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CoreContext } from '../../../src/main/core/api'
import { CoreError } from '../../../src/main/core/errors'
import { createSlaHandlers } from '../../../src/main/core/metrics/sla-handlers'
import type { Role } from '../../../src/shared/domain'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const H = 3_600_000
const NOW = Date.parse('2026-03-18T06:00:00Z')
const ics = readFileSync(join(__dirname, '../../fixtures/ical/korean-holidays-2026.ics'), 'utf8')
const policy = {
  effectiveFrom: '2026-01-01',
  calendar: 'business' as const,
  targets: { P1: 4, P2: 8, P3: 24, P4: 72 },
  overrides: [],
  pauseOnPending: true,
}

describe('SLA channels (core handlers)', () => {
  let ws: TempWorkspace
  let role: Role
  let events: { event: string; payload: unknown }[]
  let handlers: ReturnType<typeof createSlaHandlers>
  beforeEach(() => {
    ws = tempWorkspace()
    role = 'admin'
    events = []
    const ctx: CoreContext = {
      workspace: ws,
      runtime: 'cli',
      version: 'test',
      now: () => NOW,
      settings: () => ({ timeZone: 'Asia/Seoul', language: 'ko' }),
      emit: (event, payload) => events.push({ event, payload }),
      role: () => role,
    }
    handlers = createSlaHandlers(ctx)
  })
  afterEach(() => ws.dispose())
  const mttrOf = (title: string) =>
    (
      ws.store.sqlite.prepare('SELECT mttr_ms AS m FROM service_requests WHERE title = ?').get(title) as {
        m: number
      }
    ).m

  it('shows the built-in default when nothing is stored', async () => {
    const p = await handlers['sla:get-policy']({})
    expect(p.current).toMatchObject({
      version: 0,
      calendar: '24x7',
      targets: { P1: 4, P2: 8, P3: 24, P4: 72 },
      effectiveFrom: null,
    })
    expect(p.versions.map((v) => v.version)).toEqual([0])
    expect(p.business.week[0]).toEqual([[540, 1080]])
    expect(p.business.week[5]).toEqual([])
    // 2026-03-18T06:00Z is 15:00 in Seoul.
    expect(p.today).toBe('2026-03-18')
  })

  it('saves a version, re-judges SRs with progress, and announces data:changed (sla)', async () => {
    // Fri 02-27 17:00 → Tue 03-03 10:00 KST: 89 h on the calendar, 11 h in business hours.
    addSrs(ws, [
      {
        title: 'x',
        tenant: 'A',
        priority: 'P1',
        status: 'DONE',
        created: '2026-02-27T17:00:00+09:00',
        resolved: '2026-03-03T10:00:00+09:00',
      },
    ])
    expect(mttrOf('x')).toBe(89 * H)
    const r = await handlers['sla:save-policy'](policy)
    expect(r.rejudged).toBe(1)
    expect(r.policy.current).toMatchObject({
      version: 1,
      calendar: 'business',
      effectiveFrom: '2026-01-01',
      changedBy: 'admin',
    })
    expect(r.policy.versions.map((v) => v.version)).toEqual([1, 0])
    expect(mttrOf('x')).toBe(11 * H)
    expect(events.map((e) => e.event)).toEqual([
      'sla:rejudge-progress',
      'sla:rejudge-progress',
      'data:changed',
    ])
    expect(events.at(-1)?.payload).toMatchObject({ reason: 'sla' })

    // Importing the fixture makes 03-02 a holiday: 1 h + 1 h = 2 h.
    // Yearly 신정 expands from 2025 to now + 5 years (2031): 7 days; 설날 3 + 03-02 1 + 어린이날 1 = 12.
    const imp = await handlers['sla:import-holidays']({ content: ics })
    expect(imp).toMatchObject({ added: 12, updated: 0, events: 4, skippedTimed: 1, rejudged: 1 })
    expect(imp.policy.business.holidays.find((h) => h.day === '2026-03-02')).toEqual({
      day: '2026-03-02',
      name: '대체공휴일(삼일절)',
      origin: 'ical',
    })
    expect(mttrOf('x')).toBe(2 * H)
    // Importing again changes nothing.
    expect(await handlers['sla:import-holidays']({ content: ics })).toMatchObject({ added: 0, updated: 0 })

    await handlers['sla:remove-holiday']({ day: '2026-03-02' })
    expect(mttrOf('x')).toBe(11 * H)
    await handlers['sla:add-holiday']({ day: '2026-03-02', name: '임시' })
    expect(mttrOf('x')).toBe(2 * H)
    // Open at 08:00 on weekdays: Tue 08–10 = 2 h + Fri 17–18 = 1 h → 3 h.
    const week = Array.from({ length: 7 }, (_, i) => (i < 5 ? [[480, 1080] as [number, number]] : []))
    await handlers['sla:set-calendar-hours']({ week })
    expect(mttrOf('x')).toBe(3 * H)
  })

  it('refuses changes from a non-admin and stores nothing', async () => {
    role = 'operator'
    expect(() => handlers['sla:save-policy'](policy)).toThrow(CoreError)
    expect(() => handlers['sla:import-holidays']({ content: ics })).toThrow(/Only an admin/)
    expect((await handlers['sla:get-policy']({})).versions).toHaveLength(1)
  })

  it('rejects a garbage iCal file with a clear message and writes nothing', async () => {
    await expect(handlers['sla:import-holidays']({ content: 'hello\nworld' })).rejects.toThrow(
      /Not imported: Not an iCalendar file/,
    )
    await expect(
      handlers['sla:import-holidays']({
        content:
          'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026-13-01\r\nEND:VEVENT\r\nEND:VCALENDAR',
      }),
    ).rejects.toThrow(/Line 6/)
    expect((await handlers['sla:get-policy']({})).business.holidays).toEqual([])
    expect(events.filter((e) => e.event === 'data:changed')).toEqual([])
  })

  it('rejects bad policies and hours with a message', async () => {
    await expect(
      handlers['sla:save-policy']({
        ...policy,
        overrides: [
          { category: 'DB', priority: null, hours: 2 },
          { category: 'DB', priority: null, hours: 3 },
        ],
      }),
    ).rejects.toThrow(/twice/)
    await expect(handlers['sla:set-calendar-hours']({ week: [[], [], [], [], [], [], []] })).rejects.toThrow(
      /at least once/,
    )
    await expect(handlers['sla:remove-holiday']({ day: '2026-01-01' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect((await handlers['sla:get-policy']({})).versions).toHaveLength(1)
  })
})
