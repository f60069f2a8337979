// `source add servicenow … --resume-margin` and `source resume-margin`: an instance whose changes
// commit minutes late gets a wider re-read margin from the command line, and the next sync reads
// the change the default minute missed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { formatSnDateTime, parseSnDateTime } from '../../../src/main/core/sources/servicenow/mapping'
import { openWorkspace } from '../../../src/main/core/workspace'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'

describe('ServiceNow re-read margin on the command line', () => {
  let dir: string
  let sim: SnSimulator
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-sn-margin-cli-'))
    sim = await startServiceNowSimulator({ seed: 6, count: 40 })
  })
  afterAll(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('takes --resume-margin at source add, refuses a bad one, and widens it with source resume-margin', async () => {
    const data = ['--data-dir', dir]
    const env = { SN_PW: 'secret' }
    const base = [
      'source',
      'add',
      'servicenow',
      '--url',
      sim.url,
      '--user',
      'integration',
      '--password-env',
      'SN_PW',
    ]
    // The schema's bounds are checked in full by the form's unit test; here the CLI's wording.
    for (const bad of ['30', '5m']) {
      const refused = await cli([...base, '--name', 'bad', '--resume-margin', bad, ...data])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain(
        `--resume-margin is whole seconds from 60 to 86400 (a day), not "${bad}"`,
      )
    }
    const itsm = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'i',
      '--url',
      sim.url,
      '--resume-margin',
      '600',
      ...data,
    ])
    expect(itsm.code).toBe(2)
    expect(itsm.stderr).toContain(
      'error: --resume-margin is for ServiceNow connections only: an ITSM REST connection has no re-read margin',
    )

    expect((await cli([...base, '--name', 'sn', '--resume-margin', '120', ...data])).code).toBe(0)
    expect((await cli(['source', 'list', ...data])).stdout).toContain('re-read margin: 2 min')
    const shown = await cli(['source', 'resume-margin', 'sn', ...data])
    expect(shown.stdout).toBe('each sync of "sn" re-reads 2 min before where the last one ended\n')

    expect(await syncRows()).toBe(40)
    // A change committed 10 minutes late, stamped before the position: the 2-minute margin misses it.
    const position = storedPosition()
    const tenBefore = formatSnDateTime(position - 10 * 60_000)
    const late = sim.records.find((r) => r['sys_updated_on']!.value < tenBefore)!
    sim.update(
      late,
      { short_description: { value: '늦은 커밋', display_value: '늦은 커밋' } },
      { at: tenBefore },
    )
    expect(await syncRows()).toBe(0)

    const widened = await cli(['source', 'resume-margin', 'sn', '900', '--json', ...data])
    expect(widened.code).toBe(0)
    expect(JSON.parse(widened.stdout)).toEqual({ source: 'sn', resumeMarginSeconds: 900 })
    expect(await syncRows()).toBe(1)
    expect(storedTitle(late['sys_id']!.value)).toBe('늦은 커밋')

    const reset = await cli(['source', 'resume-margin', 'sn', '--default', ...data])
    expect(reset.stdout).toContain('re-reads 1 min before where the last one ended (the default)')
    expect((await cli(['source', 'list', ...data])).stdout).not.toContain('re-read margin')
    const both = await cli(['source', 'resume-margin', 'sn', '600', '--default', ...data])
    expect(both.code).toBe(2)
    expect((await cli(['source', 'resume-margin', 'nope', '600', ...data])).stderr).toContain(
      'No connection named "nope"',
    )

    async function syncRows(): Promise<number> {
      const run = await cli(['sync', '--source', 'sn', '--json', ...data], env)
      expect(run.code).toBe(0)
      return (JSON.parse(run.stdout) as { rows: number }[])[0]!.rows
    }
    function storedPosition(): number {
      const ws = openWorkspace({ dataDir: dir })
      try {
        const row = ws.store.sqlite
          .prepare("SELECT cursor FROM sync_state WHERE source = 'servicenow:sn' AND entity = 'srs'")
          .get() as { cursor: string }
        return parseSnDateTime((JSON.parse(row.cursor) as { updatedOn: string }).updatedOn)!
      } finally {
        ws.close()
      }
    }
    function storedTitle(sysId: string): unknown {
      const ws = openWorkspace({ dataDir: dir })
      try {
        return (
          ws.store.sqlite
            .prepare("SELECT title FROM service_requests WHERE source = 'servicenow:sn' AND source_id = ?")
            .get(sysId) as { title: string }
        ).title
      } finally {
        ws.close()
      }
    }
  }, 120_000)
})
