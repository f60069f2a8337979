// A ServiceNow source from the command line. Added with a misspelt table, `sync`, `sync log` and
// `source test` say how to correct it with the command line's own commands, not the app's Settings
// alone (the reason the app words stays as it was). Tested with a bearer token whose account may not
// read sys_user, `source test` says so instead of a name. Added with the browser's address of a
// list or the Table API's address, it keeps the instance's address and says so.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { startServiceNowSimulator } from '../../../src/main/simulators/servicenow/simulator'

describe('a misspelt ServiceNow table, from the command line', () => {
  let dir: string
  let sim: Awaited<ReturnType<typeof startServiceNowSimulator>>
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-sn-table-cli-'))
    sim = await startServiceNowSimulator({ seed: 3, count: 10 })
  })
  afterAll(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('sync, sync log and source test name the command line way to change the table', async () => {
    const env = { SN_PASSWORD: 'secret' }
    const at = ['--data-dir', dir]
    const add = ['source', 'add', 'servicenow', '--name', 'sn', '--url', sim.url, '--user', 'integration']
    expect(
      (await cli([...add, '--password-env', 'SN_PASSWORD', '--table', 'incidnet', ...at], env)).code,
    ).toBe(0)
    const advice =
      'check the table name (incident, or another task table): the command line changes it with ' +
      '`source update sn --table TABLE`, or in the app: Settings → Connections → Edit'

    const sync = await cli(['sync', ...at], env)
    expect(sync.code).toBe(1)
    expect(sync.stdout).toContain('ServiceNow does not know the table "incidnet" (400)')
    expect(sync.stdout).toContain(advice)
    expect(sync.stdout).toContain(' — the server said: Invalid table incidnet')
    expect(sync.stdout).not.toContain('check the table name in Settings')

    const json = await cli(['sync', '--json', ...at], env)
    const [outcome] = JSON.parse(json.stdout) as { error: string }[]
    expect(outcome?.error).toContain(advice)

    const log = await cli(['sync', 'log', ...at], env)
    expect(log.stdout).toContain(advice)
    expect(log.stdout).not.toContain('check the table name in Settings')

    const test = await cli(['source', 'test', 'sn', ...at], env)
    expect(test.code).toBe(1)
    expect(test.stderr).toContain('ServiceNow does not know the table "incidnet" (400)')
    expect(test.stderr).toContain(advice)
  })

  it('source test of a bearer token whose account may not read sys_user says so, not an empty name', async () => {
    // The instance behind a policy that answers 403 to sys_user: the table still answers.
    const front = createServer((req, res) => {
      const path = req.url ?? '/'
      if (path.startsWith('/api/now/table/sys_user')) {
        res.writeHead(403, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({ error: { message: 'Insufficient rights', detail: null }, status: 'failure' }),
        )
        return
      }
      void fetch(`${sim.url}${path}`, { headers: { authorization: req.headers.authorization ?? '' } }).then(
        async (answer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json' })
          res.end(await answer.text())
        },
      )
    })
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`
      const at = ['--data-dir', dir]
      const env = { SN_TOKEN: 'sn-test-token' }
      const add = [
        'source',
        'add',
        'servicenow',
        '--name',
        'sn-token',
        '--url',
        url,
        '--token-env',
        'SN_TOKEN',
      ]
      expect((await cli([...add, ...at], env)).code).toBe(0)
      const test = await cli(['source', 'test', 'sn-token', ...at], env)
      expect(test).toMatchObject({ code: 0 })
      expect(test.stdout).toBe(
        'connected to "sn-token" as the token\'s account (its name is not known: it may not read sys_user)\n',
      )
      // JSON keeps the answer as it is: no name.
      const json = await cli(['source', 'test', 'sn-token', '--json', ...at], env)
      expect(JSON.parse(json.stdout)).toEqual({ name: null, role: null })
    } finally {
      await new Promise((resolve) => front.close(resolve))
    }
  })

  it("source add with a browser's address of a list keeps the instance's address, shows it and says why", async () => {
    const at = ['--data-dir', dir]
    const env = { SN_PASSWORD: 'secret' }
    const add = (name: string, url: string, ...more: string[]) =>
      cli(
        ['source', 'add', 'servicenow', '--name', name, '--url', url, '--user', 'integration'].concat([
          '--password-env',
          'SN_PASSWORD',
          ...more,
          ...at,
        ]),
        env,
      )
    const list = await add('sn-list', `${sim.url}/incident_list.do?sysparm_query=active=true`)
    expect(list).toMatchObject({ code: 0, stdout: `added ServiceNow connection "sn-list" (${sim.url})\n` })
    expect(list.stderr).toContain(
      `note: --url is a browser's address of a page of the instance: the connection keeps the instance's address ${sim.url}, and reads the table "incident" the page shows\n`,
    )
    const other = await add('sn-other', `${sim.url}/nav_to.do?uri=problem_list.do`, '--table', 'incident')
    expect(other.stdout).toBe(`added ServiceNow connection "sn-other" (${sim.url})\n`)
    expect(other.stderr).toContain(
      `the connection keeps the instance's address ${sim.url}; the page shows the table "problem", but the connection reads "incident" as --table says`,
    )
    // A Service Portal page (the employee center's ticket page) too.
    const portal = await add('sn-portal', `${sim.url}/esc?id=ticket&table=incident&sys_id=9d385017`)
    expect(portal).toMatchObject({
      code: 0,
      stdout: `added ServiceNow connection "sn-portal" (${sim.url})\n`,
    })
    expect(portal.stderr).toContain(
      `note: --url is a browser's address of a page of the instance: the connection keeps the instance's address ${sim.url}, and reads the table "incident" the page shows\n`,
    )
    const json = await cli(['source', 'list', '--json', ...at])
    const stored = (JSON.parse(json.stdout) as { name: string; config: { url: string; table: string } }[])
      .filter((s) => s.name.startsWith('sn-'))
      .map((s) => [s.name, s.config.url, s.config.table])
    expect(stored).toEqual(
      expect.arrayContaining([
        ['sn-list', sim.url, 'incident'],
        ['sn-other', sim.url, 'incident'],
        ['sn-portal', sim.url, 'incident'],
      ]),
    )
    // They sync through the instance's Table API.
    const sync = await cli(['sync', '--source', 'sn-list', ...at], env)
    expect(sync.stdout).toMatch(/^ServiceNow connection "sn-list": ok — 10 rows in 1 page/)
    const synced = await cli(['sync', '--source', 'sn-portal', ...at], env)
    expect(synced.stdout).toMatch(/^ServiceNow connection "sn-portal": ok — 10 rows in 1 page/)
  })

  it("source add and update with the Table API's address keep the instance's and take its table when none is given", async () => {
    const at = ['--data-dir', dir]
    const env = { SN_PASSWORD: 'secret' }
    const add = (name: string, url: string, ...more: string[]) =>
      cli(
        ['source', 'add', 'servicenow', '--name', name, '--url', url, '--user', 'integration'].concat([
          '--password-env',
          'SN_PASSWORD',
          ...more,
          ...at,
        ]),
        env,
      )
    const api = await add('sn-api', `${sim.url}/api/now/v2/table/incident?sysparm_limit=10`)
    expect(api).toMatchObject({ code: 0, stdout: `added ServiceNow connection "sn-api" (${sim.url})\n` })
    expect(api.stderr).toContain(
      `note: --url is an address of the instance's REST API: the connection keeps the instance's address ${sim.url}, and reads the table "incident" it names\n`,
    )
    const problem = await add('sn-problem', 'https://acme.service-now.com/api/now/table/problem')
    expect(problem).toMatchObject({
      code: 0,
      stdout: 'added ServiceNow connection "sn-problem" (https://acme.service-now.com)\n',
    })
    // A table given that the path contradicts: refused as before, in the words of the options.
    const clash = await add(
      'sn-clash',
      'https://acme.service-now.com/api/now/table/problem',
      '--table',
      'incident',
    )
    expect(clash.code).toBe(2)
    expect(clash.stderr).toContain(
      'error: --url: The URL names the table "problem" but the connection\'s table is "incident"',
    )
    const moved = await cli(
      [
        'source',
        'update',
        'sn-problem',
        '--url',
        'https://acme.service-now.com/api/now/table/change_request',
        ...at,
      ],
      env,
    )
    expect(moved.code).toBe(0)
    expect(moved.stdout).toContain('  table: problem → change_request\n')
    expect(moved.stdout).not.toContain('URL:')
    expect(moved.stderr).toContain('and reads the table "change_request" it names')
    const refused = await cli(
      [
        'source',
        'update',
        'sn-problem',
        '--url',
        'https://acme.service-now.com/api/now/table/incident',
        '--table',
        'problem',
        ...at,
      ],
      env,
    )
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(
      'error: --url: The URL names the table "incident" but the connection\'s table is "problem"',
    )
    const json = await cli(['source', 'list', '--json', ...at])
    const stored = (JSON.parse(json.stdout) as { name: string; config: { url: string; table: string } }[])
      .filter((s) => ['sn-api', 'sn-problem', 'sn-clash'].includes(s.name))
      .map((s) => [s.name, s.config.url, s.config.table])
    expect(stored).toEqual([
      ['sn-api', sim.url, 'incident'],
      ['sn-problem', 'https://acme.service-now.com', 'change_request'],
    ])
    const sync = await cli(['sync', '--source', 'sn-api', ...at], env)
    expect(sync.stdout).toMatch(/^ServiceNow connection "sn-api": ok — 10 rows in 1 page/)
  }, 60_000)
})
