// A hand-worked workspace for KPI tests (Asia/Seoul) and a core context over it.
import type { CoreContext } from '../../../src/main/core/api'
import type { Role } from '../../../src/shared/domain'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

export const A = '서울특별시청'
export const B = '부산광역시청'
/** Wednesday 2026-03-18 15:00 in Seoul. */
export const AS_OF = '2026-03-18T15:00:00+09:00'

/**
 * SRs (resolution hours in brackets):
 *  1 A DONE P1 Network 03-02 09:00 → 03-02 12:00 [3]  no reassign/reopen; P1 4 h → met
 *  2 A RESOLVED P2 DB  03-03 09:00 → 03-03 19:00 [10] reassigned once; P2 8 h → breached
 *  3 B DONE P3 Network 03-05 09:00 → 03-06 09:00 [24] reopened once; P3 24 h → met (≤)
 *  4 A OPEN P3 Network 03-10 09:00
 *  5 B IN_PROGRESS P4 DB 02-20 09:00
 *  6 A DONE P2 Network 02-10 09:00 → 02-10 11:00 [2]
 *  7 A CANCELLED P3 (no category) 03-01 10:00, closed 03-04 10:00
 *  8 B OPEN P3 03-18 16:00 (after as-of)
 */
export function seedSrs(ws: TempWorkspace): void {
  addSrs(ws, [
    {
      tenant: A,
      status: 'DONE',
      priority: 'P1',
      category: 'Network',
      created: '2026-03-02T09:00:00+09:00',
      resolved: '2026-03-02T12:00:00+09:00',
    },
    {
      tenant: A,
      status: 'RESOLVED',
      priority: 'P2',
      category: 'DB',
      created: '2026-03-03T09:00:00+09:00',
      resolved: '2026-03-03T19:00:00+09:00',
      reassignmentCount: 1,
    },
    {
      tenant: B,
      status: 'DONE',
      priority: 'P3',
      category: 'Network',
      created: '2026-03-05T09:00:00+09:00',
      resolved: '2026-03-06T09:00:00+09:00',
      reopenCount: 1,
    },
    { tenant: A, status: 'OPEN', priority: 'P3', category: 'Network', created: '2026-03-10T09:00:00+09:00' },
    {
      tenant: B,
      status: 'IN_PROGRESS',
      priority: 'P4',
      category: 'DB',
      created: '2026-02-20T09:00:00+09:00',
    },
    {
      tenant: A,
      status: 'DONE',
      priority: 'P2',
      category: 'Network',
      created: '2026-02-10T09:00:00+09:00',
      resolved: '2026-02-10T11:00:00+09:00',
    },
    {
      tenant: A,
      status: 'CANCELLED',
      priority: 'P3',
      created: '2026-03-01T10:00:00+09:00',
      closed: '2026-03-04T10:00:00+09:00',
    },
    { tenant: B, status: 'OPEN', priority: 'P3', created: '2026-03-18T16:00:00+09:00' },
  ])
}

/**
 * Deployments finished in March: A DEPLOYED, A DEPLOYED, A FAILED, B ROLLED_BACK; A RUNNING (not
 * finished). YouTube (selected channel): 02-28 50 views; 03-01 100 views, 600 min, +10 −2 subs,
 * 5 likes 1 comment; 03-02 300 views, 1200 min, +5 −1, 10 likes 4 comments.
 */
export function seedFeeds(ws: TempWorkspace): void {
  const { sqlite } = ws.store
  const tenant = (name: string) =>
    (sqlite.prepare('SELECT id FROM tenants WHERE name = ?').get(name) as { id: number }).id
  const dep = sqlite.prepare(
    "INSERT INTO deployments (source, source_id, tenant_id, name, created_at, finished_at, status) VALUES ('test', ?, ?, 'd', ?, ?, ?)",
  )
  const t = (iso: string) => Date.parse(iso)
  dep.run('d1', tenant(A), t('2026-03-02T10:00:00+09:00'), t('2026-03-02T11:00:00+09:00'), 'DEPLOYED')
  dep.run('d2', tenant(A), t('2026-03-03T10:00:00+09:00'), t('2026-03-03T11:00:00+09:00'), 'DEPLOYED')
  dep.run('d3', tenant(A), t('2026-03-04T10:00:00+09:00'), t('2026-03-04T11:00:00+09:00'), 'FAILED')
  dep.run('d4', tenant(B), t('2026-03-05T10:00:00+09:00'), t('2026-03-05T11:00:00+09:00'), 'ROLLED_BACK')
  dep.run('d5', tenant(A), t('2026-03-18T10:00:00+09:00'), null, 'RUNNING')
  sqlite
    .prepare(
      "INSERT INTO yt_channels (id, source, title, connected_at, selected) VALUES ('UCx', 'youtube', 'ch', 0, 1)",
    )
    .run()
  const day = sqlite.prepare(
    `INSERT INTO yt_channel_daily (channel_id, day, views, watch_minutes, subscribers_gained, subscribers_lost, likes, comments)
     VALUES ('UCx', ?, ?, ?, ?, ?, ?, ?)`,
  )
  day.run('2026-02-28', 50, 100, 1, 0, 2, 0)
  day.run('2026-03-01', 100, 600, 10, 2, 5, 1)
  day.run('2026-03-02', 300, 1200, 5, 1, 10, 4)
}

export type TestContext = CoreContext & { events: string[]; setRole(role: Role): void }

/** A core context over `ws` with the clock pinned at `now` (epoch ms). */
export function testContext(ws: TempWorkspace, now = Date.parse(AS_OF)): TestContext {
  let role: Role = 'admin'
  const events: string[] = []
  return {
    workspace: ws,
    runtime: 'cli',
    version: 'test',
    now: () => now,
    settings: () => ({ timeZone: 'Asia/Seoul', language: 'ko' }),
    emit: (event, payload) => events.push(`${event}:${JSON.stringify(payload)}`),
    role: () => role,
    events,
    setRole: (r) => (role = r),
  }
}

export { tempWorkspace }
