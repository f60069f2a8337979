// `source add itsm … --skip` and `source update NAME --skip`: an ITSM REST source whose token is
// meant to read only some collections syncs as a success, `source list` says what it does not read,
// `--skip none` reads everything again, and mistakes (the SRs, an unknown name, a ServiceNow source)
// are refused as usage errors naming the option and the valid collections.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'

const CHOICES = 'tenants, categories, people, sr_events, deployments, feature_usage'

describe('source add/update --skip', () => {
  let dir: string
  let sim: ItsmSimulator
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-itsm-skip-cli-'))
    sim = await startItsmSimulator({ seed: 9, srCount: 40, faults: { forbidden: ['people', 'deployments'] } })
  })
  afterAll(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const at = ['--data-dir', () => dir] as const
  const run = (args: string[], env: Record<string, string> = {}) => cli([...args, at[0], at[1]()], env)

  it('a source skipping what its token may not read syncs ok; list and update say it; none clears it', async () => {
    const added = await run([
      'source',
      'add',
      'itsm',
      '--name',
      'prod',
      '--url',
      sim.url,
      '--token-env',
      'ITSM_TOKEN',
      '--skip',
      'deployments, people',
    ])
    expect(added.code).toBe(0)
    expect(added.stdout).toContain('\n  not read (--skip): people, deployments')

    const sync = await run(['sync'], { ITSM_TOKEN: sim.token })
    expect(sync.stderr).not.toContain('403')
    expect(sync.code).toBe(0)
    expect(sync.stdout).toMatch(/^ITSM REST connection "prod": ok — [\d,]+ rows in \d+ pages, [^\n]*\n$/)
    expect(sim.requests.some((r) => r.path === '/api/v1/people' || r.path === '/api/v1/deployments')).toBe(
      false,
    )

    const list = await run(['source', 'list'])
    expect(list.stdout).toContain('\n  not read (--skip): people, deployments\n')

    const cleared = await run(['source', 'update', 'prod', '--skip', 'none'])
    expect(cleared.code).toBe(0)
    expect(cleared.stdout).toBe(
      'updated ITSM REST connection "prod":\n  collections not read: people, deployments → (none)\n' +
        'Its sync cursors stay: the next sync goes on where the last one ended\n',
    )
    expect((await run(['source', 'list'])).stdout).not.toContain('not read')
    // Now the server's 403s are the sync's failure, and it says how to skip them.
    const refused = await run(['sync'], { ITSM_TOKEN: sim.token })
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('`source update prod --skip people,deployments`')

    const set = await run(['source', 'update', 'prod', '--skip', 'people,deployments', '--json'])
    expect(set.code).toBe(0)
    expect(JSON.parse(set.stdout)).toMatchObject({
      source: { config: { skip: ['people', 'deployments'] } },
      changed: [{ setting: 'skip', before: null, after: ['people', 'deployments'] }],
      cursorsCleared: false,
    })
  }, 60_000)

  it('refuses the SRs, an unknown name and a ServiceNow source, changing nothing', async () => {
    const srs = await run(['source', 'add', 'itsm', '--name', 'x', '--url', sim.url, '--skip', 'people,srs'])
    expect(srs.code).toBe(2)
    expect(srs.stderr).toContain(
      `--skip: The service requests (srs) are always read: they are what a sync is for. Only these collections can be skipped: ${CHOICES}`,
    )
    const unknown = await run(['source', 'update', 'prod', '--skip', 'peple'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain(`--skip: "peple" is no collection a connection can skip: use ${CHOICES}`)
    expect((await run(['source', 'list'])).stdout).toContain('not read (--skip): people, deployments')
    expect((await run(['source', 'list'])).stdout).not.toMatch(/^x /m)

    const sn = await run([
      'source',
      'add',
      'servicenow',
      '--name',
      'sn',
      '--url',
      'https://x.service-now.com',
      '--skip',
      'people',
    ])
    expect(sn.code).toBe(2)
    expect(sn.stderr).toContain('--skip is for ITSM REST connections')
    expect(
      (await run(['source', 'add', 'servicenow', '--name', 'sn', '--url', 'https://x.service-now.com'])).code,
    ).toBe(0)
    const snUpdate = await run(['source', 'update', 'sn', '--skip', 'none'])
    expect(snUpdate.code).toBe(2)
    expect(snUpdate.stderr).toContain(
      '"sn" is a ServiceNow connection: only ITSM REST connections have collections to skip',
    )
  }, 60_000)
})
