import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import { cli } from '../../helpers/cli'
import type {
  KpiApplyResult,
  KpiBoard,
  KpiCalcResult,
  KpiDefinition,
  KpiHistory,
} from '../../../src/shared/ipc/types-kpi'
import { A, B, seedFeeds, seedSrs, tempWorkspace } from './fixture'

describe('kpi CLI (SPEC §11)', () => {
  let dir: string
  const common = () => ['--data-dir', dir, '--tz', 'Asia/Seoul', '--as-of', '2026-03-18T15:00:00+09:00']

  beforeAll(() => {
    const ws = tempWorkspace()
    seedSrs(ws)
    seedFeeds(ws)
    dir = ws.dataDir
    ws.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('apply with --tenant, list, set, history', async () => {
    const applied = await cli(['kpi', 'apply', 'MTTR', '--tenant', A, '--json', ...common()])
    expect(applied.code).toBe(0)
    expect(JSON.parse(applied.stdout) as KpiApplyResult).toEqual({
      created: [`MTTR@${A}`],
      skipped: [],
      count: 1,
    })

    // tenant A's MTTR in March: (3 + 10)/2 = 6.5 h > 4.8 → RED, 4/6.5 = 61.5 %
    const list = await cli(['kpi', 'list', '--json', ...common()])
    const board = JSON.parse(list.stdout) as KpiBoard
    expect(board.kpis[0]).toMatchObject({
      name: `MTTR@${A}`,
      value: 6.5,
      target: 4,
      status: 'RED',
      achievement_pct: 61.5,
    })
    expect(board.kpis[0]?.filter).toEqual({ tenant: A })

    // target 7 from the current period: 6.5 ≤ 7 → GREEN
    const set = await cli(['kpi', 'set', `MTTR@${A}`, '--target', '7', '--json', ...common()])
    expect(set.code).toBe(0)
    expect((JSON.parse(set.stdout) as KpiDefinition).version).toBe(2)
    const text = await cli(['kpi', 'list', ...common()])
    expect(text.stdout).toMatch(/MTTR@서울특별시청\s+6\.5 hours target\s+7\s+● GREEN\s+100%/)

    // February keeps v1: SR 6 of tenant A, 2 h ≤ 4 → GREEN
    const history = await cli([
      'kpi',
      'history',
      `MTTR@${A}`,
      '--from',
      '2026-02-01',
      '--to',
      '2026-02-28',
      '--json',
      ...common(),
    ])
    expect(
      (JSON.parse(history.stdout) as KpiHistory).history.map((p) => [p.value, p.target, p.version]),
    ).toEqual([[2, 4, 1]])
  })

  it('--tenant and --period narrow calc, --tenant names the tenant KPI in history; an empty tenant says how to create its KPIs', async () => {
    // Runs after the test above: only MTTR@A exists (target 7 from March).
    const calcA = await cli(['kpi', 'calc', '--tenant', A, '--json', ...common()])
    expect(calcA.code).toBe(0)
    // (3 + 10)/2 = 6.5 h ≤ 7 → GREEN
    expect((JSON.parse(calcA.stdout) as KpiCalcResult).results).toMatchObject([
      { name: `MTTR@${A}`, value: 6.5, status: 'GREEN' },
    ])
    const calcB = await cli(['kpi', 'calc', '--tenant', B, ...common()])
    expect(calcB.code).toBe(0)
    expect(calcB.stdout).toContain(`no KPIs narrowed to ${B}: npm run cli -- kpi apply --tenant ${B}`)
    const listB = await cli(['kpi', 'list', '--tenant', B, ...common()])
    expect(listB.stdout).toContain(`no KPIs narrowed to ${B}`)

    // MTTR with --tenant A is MTTR@A: February 2 h (SR 6), March 6.5 h.
    const history = await cli([
      'kpi',
      'history',
      'MTTR',
      '--tenant',
      A,
      '--from',
      '2026-02-01',
      '--json',
      ...common(),
    ])
    expect(history.code).toBe(0)
    const h = JSON.parse(history.stdout) as KpiHistory
    expect(h.name).toBe(`MTTR@${A}`)
    expect(h.history.map((p) => p.value)).toEqual([2, 6.5])

    const both = await cli(['kpi', 'calc', 'MTTR', '--tenant', A, ...common()])
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/a KPI name or --tenant\/--period, not both/)

    // --period narrows the same way: MTTR@A is monthly.
    const monthly = await cli(['kpi', 'calc', '--period', 'monthly', '--json', ...common()])
    expect((JSON.parse(monthly.stdout) as KpiCalcResult).results.map((r) => r.name)).toEqual([`MTTR@${A}`])
    const daily = await cli(['kpi', 'calc', '--period', 'daily', '--json', ...common()])
    expect((JSON.parse(daily.stdout) as KpiCalcResult).results).toEqual([])
  }, 120_000)

  it('bad usage exits 2 with the reason', async () => {
    const r = await cli(['kpi', 'set', 'NOPE_KPI', '--target', 'abc', ...common()])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--target must be a number/)
    const unknown = await cli(['kpi', 'apply', 'NOPE', ...common()])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown template "NOPE"/)
  })
})
