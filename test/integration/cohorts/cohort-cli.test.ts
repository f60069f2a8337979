// `cohort <name>` as a user runs it: --json prints exactly the IPC response; text is a readable table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCoreHandlers } from '../../../src/main/core/api'
import { cli } from '../../helpers/cli'
import { addSrs, tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const A = '서울특별시청'
const B = '부산광역시청'
const C = '대구광역시청'
const AS_OF = '2026-03-18T15:00:00+09:00'

describe('cohort CLI', () => {
  let ws: TempWorkspace
  const run = (...args: string[]) =>
    cli(['--data-dir', ws.dataDir, '--as-of', AS_OF, '--tz', 'Asia/Seoul', ...args])
  beforeAll(() => {
    ws = tempWorkspace()
    const done = (tenant: string, created: string, hours: number) => ({
      tenant,
      status: 'DONE' as const,
      created,
      resolved: new Date(Date.parse(created) + hours * 3_600_000).toISOString(),
    })
    addSrs(ws, [
      done(A, '2026-01-05T09:00:00+09:00', 2),
      done(A, '2026-02-05T09:00:00+09:00', 6),
      done(B, '2026-02-10T09:00:00+09:00', 9),
      done(C, '2026-03-02T09:00:00+09:00', 3),
      { tenant: C, status: 'OPEN', created: '2026-03-03T09:00:00+09:00' },
    ])
  })
  afterAll(() => ws.dispose())

  it('--json is the IPC response of each cohort', async () => {
    const handlers = createCoreHandlers({
      workspace: ws,
      runtime: 'cli',
      version: 'test',
      now: () => 0,
      settings: () => ({ timeZone: 'Asia/Seoul', language: 'ko' }),
      emit: () => undefined,
      role: () => 'operator',
    })
    const filter = { asOf: AS_OF, timeZone: 'Asia/Seoul', lang: 'ko' as const }
    const expected = {
      'tenant-growth': await handlers['cohort:tenant-growth'](filter),
      'user-retention': await handlers['cohort:user-retention'](filter),
      'sr-resolution': await handlers['cohort:sr-resolution'](filter),
      'feature-adoption': await handlers['cohort:feature-adoption'](filter),
    }
    for (const [name, response] of Object.entries(expected)) {
      const r = await run('cohort', name, '--json')
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(response)))
    }
    // Month 0…2 since January for A's cohort: Jan 1, Feb 1, Mar 0 (partial).
    expect(expected['tenant-growth'].data[0]).toMatchObject({ cohort: '2026-01', monthly_sr: [1, 1, 0] })
  })

  it('prints readable tables', async () => {
    const growth = await run('cohort', 'tenant-growth')
    expect(growth.code).toBe(0)
    expect(growth.stdout).toMatch(/^cohort\s+tenants\s+M0\s+M1\s+M2\s+members$/m)
    expect(growth.stdout).toMatch(/^2026-01\s+1\s+1\s+1\s+0\*\s+서울특별시청$/m)
    const resolution = await run('cohort', 'sr-resolution', '--fast-below', '3', '--slow-from', '7')
    expect(resolution.code).toBe(0)
    // January: A's 2 h → fast (< 3); February: 6 h and 9 h → mean 7.5 → slow (≥ 7)
    expect(resolution.stdout).toMatch(/^2026-01\s+1\s+1\s+2\.0\s+2\.0\s+2\.0\s+빠름$/m)
    expect(resolution.stdout).toMatch(/^2026-02\s+2\s+2\s+7\.5\s+7\.5\s+9\.0\s+느림$/m)
  })

  it('benchmark --tenant names that tenant only', async () => {
    const r = await run('cohort', 'benchmark', '--tenant', B, '--json')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(B)
    expect(r.stdout).not.toContain(A)
    expect(r.stdout).not.toContain(C)
    const text = await run('cohort', 'benchmark', '--tenant', B, '--lang', 'en')
    expect(text.stdout).toMatch(/^Backlog \(SRs\)\s+0\s+1 of 3/m) // B 0, A 0, C 1: B shares 1st place
  })

  it('bad usage exits 2 with the reason', async () => {
    const unknown = await run('cohort', 'churn')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown cohort "churn"')
    const crossed = await run('cohort', 'sr-resolution', '--fast-below', '9')
    expect(crossed.code).toBe(2)
    expect(crossed.stderr).toContain('must not exceed')
    const two = await run('cohort', 'benchmark', '--tenant', A, '--tenant', B)
    expect(two.code).toBe(2)
    expect(two.stderr).toContain('give one tenant')
  })
})
