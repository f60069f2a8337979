// `bi <widget>` on the command line: --json prints exactly the IPC response, text is readable, and
// drill-down takes the number's key. Runs the real CLI process (test/helpers/cli.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'
import { handlersFor } from './bi-context'

const AS_OF = '2026-03-18T15:00:00+09:00'
const RANGE = ['--as-of', AS_OF, '--from', '2026-03-01', '--to', '2026-03-31']

describe('bi CLI', () => {
  let ws: TempWorkspace
  beforeAll(() => {
    ws = tempWorkspace()
    addSrs(ws, [
      {
        tenant: 'A',
        category: 'Network',
        status: 'DONE',
        assignee: '김철수',
        created: '2026-03-02T10:00:00+09:00',
        resolved: '2026-03-02T12:00:00+09:00',
      },
      { tenant: 'A', status: 'OPEN', created: '2026-03-09T16:30:00Z' },
      {
        tenant: 'B',
        category: 'Server',
        status: 'CANCELLED',
        created: '2026-03-04T11:00:00+09:00',
        closed: '2026-03-04T14:00:00+09:00',
      },
    ])
  })
  afterAll(() => ws.dispose())

  it('--json is the IPC response, for every widget', async () => {
    const h = handlersFor(ws)
    const filter = {
      asOf: AS_OF,
      from: '2026-03-01',
      to: '2026-03-31',
      timeZone: 'Asia/Seoul',
      lang: 'ko' as const,
    }
    const cases: [string[], unknown][] = [
      [['bi', 'category-pie'], await h['bi:category-pie'](filter)],
      [['bi', 'sr-trend', '--period', 'weekly'], await h['bi:sr-trend']({ ...filter, period: 'weekly' })],
      [
        ['bi', 'resolution-funnel', '--tenant', 'B'],
        await h['bi:resolution-funnel']({ ...filter, tenants: ['B'] }),
      ],
    ]
    for (const [args, expected] of cases) {
      const r = await cli([...args, '--json', '--data-dir', ws.dataDir, ...RANGE])
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout)).toEqual(expected)
    }
    const pie = JSON.parse(
      (await cli(['bi', 'category-pie', '--json', '--data-dir', ws.dataDir, ...RANGE])).stdout,
    )
    // Network 1, Server 1 (cancelled still created), none 1 → 33.3 % each.
    expect(pie.data.map((d: { category: string; pct: number }) => [d.category, d.pct])).toEqual([
      ['Network', 33.3],
      ['Server', 33.3],
      ['미분류', 33.3],
    ])
  })

  it('drill-down by key, text output, and bad usage', async () => {
    const d = await cli([
      'bi',
      'drill-down',
      'engineer-load',
      '--assignee',
      'none',
      '--series',
      'open',
      '--json',
      '--data-dir',
      ws.dataDir,
      ...RANGE,
    ])
    expect(d.code, d.stderr).toBe(0)
    const body = JSON.parse(d.stdout)
    // Unassigned and open: the OPEN SR created 03-10 01:30 KST (the cancelled one is not open).
    expect(body).toMatchObject({ widget: 'engineer-load', total: 1, page: 1 })
    expect(body.rows[0]).toMatchObject({
      tenant: 'A',
      status: 'OPEN',
      created_at: '2026-03-10T01:30:00+09:00',
    })

    const text = await cli([
      'bi',
      'sr-trend',
      '--period',
      'weekly',
      '--lang',
      'en',
      '--data-dir',
      ws.dataDir,
      ...RANGE,
    ])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/2026-W12\s+0\s+0\s+\(partial\)/)
    expect(text.stdout).toContain('Created')

    const bad = await cli([
      'bi',
      'drill-down',
      'sr-trend',
      '--bucket',
      '1999-01-01',
      '--data-dir',
      ws.dataDir,
      ...RANGE,
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/not in the widget's range/)
    expect((await cli(['bi', 'nonsense', '--data-dir', ws.dataDir])).code).toBe(2)
  })

  it('drill-down over the whole SLA range, sorted by how late, with SLA hours in the text', async () => {
    const args = ['bi', 'drill-down', 'sla-heatmap', '--data-dir', ws.dataDir, ...RANGE]
    const text = await cli([...args, '--series', 'total', '--sort', 'over_target', '--lang', 'en'])
    expect(text.code, text.stderr).toBe(0)
    // The one resolved SR: P3 (24 h target), 10:00 → 12:00 = 2 h, 22 h early.
    expect(text.stdout).toContain(
      '2026-03-01–2026-03-31 · Resolved — 1 SRs (page 1, 50 per page, by over_target desc)',
    )
    expect(text.stdout).toMatch(/met\s+2\.0 \/ 24\.0\s+-22\.0/)
    const late = JSON.parse((await cli([...args, '--series', 'late', '--json'])).stdout)
    expect(late).toMatchObject({ widget: 'sla-heatmap', total: 0, sort: 'resolved', order: 'desc' })
    const bad = await cli([...args, '--sort', 'lateness'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--sort is one of created, resolved, over_target/)
  })
})
