// `source update NAME`: a source's settings changed from the command line through the app's own
// update path (Settings → Connections → Edit), keeping what removing and adding it again lost (its
// row, and with it the app's keychain secrets, its sync log and, unless the URL or table changes, its
// cursors). Refusals change nothing.
import { spawn } from 'node:child_process'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { DATABASE_FILE } from '../../../src/main/core/workspace'
import { startItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { startServiceNowSimulator } from '../../../src/main/simulators/servicenow/simulator'

/** What the workspace holds of one source: its row id, config, cursors and sync-log statuses. */
function stored(dir: string, name: string) {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true })
  try {
    const row = db.prepare('SELECT id, kind, config FROM sources WHERE name = ?').get(name) as
      { id: number; kind: string; config: string } | undefined
    if (!row) return null
    const key = `${row.kind}:${name}`
    return {
      id: row.id,
      config: JSON.parse(row.config) as Record<string, unknown>,
      cursors: db
        .prepare('SELECT entity, cursor FROM sync_state WHERE source = ? ORDER BY entity')
        .all(key) as { entity: string; cursor: string }[],
      log: (
        db.prepare('SELECT status FROM sync_log WHERE source = ? ORDER BY id').all(key) as {
          status: string
        }[]
      ).map((r) => r.status),
    }
  } finally {
    db.close()
  }
}

describe('source update', () => {
  let dir: string
  let sn: Awaited<ReturnType<typeof startServiceNowSimulator>>
  const at = (): string[] => ['--data-dir', dir]
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-source-update-cli-'))
    sn = await startServiceNowSimulator({ seed: 4, count: 12 })
  })
  afterAll(async () => {
    await sn.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a misspelt table: the sync advises `source update`, which fixes it keeping the source, and the sync then reads it', async () => {
    const env = { SN_PASSWORD: 'secret' }
    const add = ['source', 'add', 'servicenow', '--name', 'sn', '--url', sn.url, '--user', 'integration']
    const options = ['--password-env', 'SN_PASSWORD', '--table', 'incidnet', '--state-map', '4=PENDING']
    expect((await cli([...add, ...options, '--resume-margin', '600', ...at()], env)).code).toBe(0)
    const failed = await cli(['sync', ...at()], env)
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain(
      'check the table name (incident, or another task table): the command line changes it with ' +
        '`source update sn --table TABLE`, or in the app: Settings → Connections → Edit',
    )
    expect(failed.stdout).not.toContain('source remove')
    const before = stored(dir, 'sn')

    const update = await cli(['source', 'update', 'sn', '--table', 'incident', ...at()], env)
    expect(update).toMatchObject({ code: 0, stderr: '' })
    expect(update.stdout).toBe(
      'updated ServiceNow connection "sn":\n' +
        '  table: incidnet → incident\n' +
        'A new URL or table: its sync cursors start over, and the next sync reads it from the beginning (the SRs stored stay)\n',
    )
    const after = stored(dir, 'sn')
    // The same row (the app's keychain secrets are the row's), every other setting as it was.
    expect(after?.id).toBe(before?.id)
    expect(after?.config).toEqual({ ...before?.config, table: 'incident' })
    expect(after?.config).toMatchObject({
      user: 'integration',
      passwordEnv: 'SN_PASSWORD',
      resumeMarginSeconds: 600,
    })

    const synced = await cli(['sync', ...at()], env)
    expect(synced.code).toBe(0)
    expect(synced.stdout).toMatch(/^ServiceNow connection "sn": ok — 12 rows in 1 page, /)
    // The failed run stays in the sync log with the one that followed (removing the source forgot it).
    expect(stored(dir, 'sn')?.log).toEqual(['failed', 'ok'])

    // The same value again changes nothing (the cursors the sync stored stay), and says so.
    const cursors = stored(dir, 'sn')?.cursors
    expect(cursors?.length).toBeGreaterThan(0)
    const again = await cli(['source', 'update', 'sn', '--table', 'incident', ...at()])
    expect(again.stdout).toBe('"sn" is unchanged: its settings already were as given\n')
    expect(stored(dir, 'sn')?.cursors).toEqual(cursors)
  }, 60_000)

  it('keeps the cursors for a new login, and starts them over for a new URL, as the app does', async () => {
    const token = 'cli-update-token-0001'
    const first = await startItsmSimulator({ seed: 6, srCount: 30, token })
    const second = await startItsmSimulator({ seed: 6, srCount: 30, token })
    try {
      expect((await cli(['source', 'add', 'itsm', '--name', 'prod', '--url', first.url, ...at()])).code).toBe(
        0,
      )
      // No variable: the sync says how to name one with `source update`, not remove and add again.
      const novar = await cli(['sync', '--source', 'prod', ...at()])
      expect(novar.code).toBe(1)
      expect(novar.stdout).toContain('name one: `source update prod --token-env VAR`')
      expect(novar.stdout).not.toContain('source remove')

      const named = await cli(['source', 'update', 'prod', '--token-env', 'PROD_TOKEN', ...at()], {
        PROD_TOKEN: token,
      })
      expect(named.stdout).toBe(
        'updated ITSM REST connection "prod":\n' +
          '  token variable: (none) → $PROD_TOKEN\n' +
          'Its sync cursors stay: the next sync goes on where the last one ended\n',
      )
      const full = await cli(['sync', '--source', 'prod', '--json', ...at()], { PROD_TOKEN: token })
      expect(full.code).toBe(0)
      const [read] = JSON.parse(full.stdout) as { status: string; rows: number }[]
      expect(read?.status).toBe('ok')
      expect(read?.rows).toBeGreaterThan(30)
      const cursors = stored(dir, 'prod')?.cursors ?? []
      expect(cursors.length).toBeGreaterThan(0)

      // Another variable for the same server: the cursors stay, the next sync reads nothing new.
      const renamed = await cli(['source', 'update', 'prod', '--token-env', 'ITSM_TOKEN', '--json', ...at()])
      expect(JSON.parse(renamed.stdout)).toMatchObject({
        changed: [{ setting: 'tokenEnv', before: 'PROD_TOKEN', after: 'ITSM_TOKEN' }],
        cursorsCleared: false,
      })
      expect(stored(dir, 'prod')?.cursors).toEqual(cursors)
      const incremental = await cli(['sync', '--source', 'prod', '--json', ...at()], { ITSM_TOKEN: token })
      expect((JSON.parse(incremental.stdout) as { rows: number }[])[0]?.rows).toBe(0)

      // The same server written another way (a trailing slash, the API path pasted): the cursors stay.
      const slash = await cli(['source', 'update', 'prod', '--url', `${first.url}/api/v1/`, ...at()])
      expect(slash.stdout).toBe(
        'updated ITSM REST connection "prod":\n' +
          `  URL: ${first.url} → ${first.url}/api/v1/\n` +
          'Its sync cursors stay: the next sync goes on where the last one ended\n',
      )
      expect(stored(dir, 'prod')?.cursors).toEqual(cursors)
      const back = await cli(['source', 'update', 'prod', '--url', first.url, '--json', ...at()])
      expect(JSON.parse(back.stdout)).toMatchObject({ cursorsCleared: false })
      expect(stored(dir, 'prod')?.cursors).toEqual(cursors)

      // A new server: its cursors start over and the next sync reads it all.
      const moved = await cli(['source', 'update', 'prod', '--url', second.url, '--json', ...at()])
      expect(moved.code).toBe(0)
      expect(JSON.parse(moved.stdout)).toMatchObject({
        source: { name: 'prod', config: { url: second.url, tokenEnv: 'ITSM_TOKEN' } },
        changed: [{ setting: 'url', before: first.url, after: second.url }],
        cursorsCleared: true,
      })
      expect(stored(dir, 'prod')?.cursors).toEqual([])
      const reread = await cli(['sync', '--source', 'prod', '--json', ...at()], { ITSM_TOKEN: token })
      expect((JSON.parse(reread.stdout) as { rows: number }[])[0]?.rows).toBe(read?.rows)
      expect(second.requests.some((r) => r.path.endsWith('/srs'))).toBe(true)
    } finally {
      await first.close()
      await second.close()
    }
  }, 60_000)

  it('refuses an unknown name, options of the other kind, nothing to change and an unusable URL, changing nothing', async () => {
    const before = await cli(['source', 'list', '--json', ...at()])
    const refusals: [string[], string][] = [
      [['nope', '--table', 'incident'], 'error: No connection named "nope" (the connections: prod, sn)\n'],
      [
        ['prod', '--table', 'incident', '--user', 'x'],
        'error: --user, --table are for ServiceNow connections only: an ITSM REST connection logs in with a bearer token (--token-env) and has no table\n',
      ],
      // Before: "takes a bearer token (--token-env), not --table", as if the table were a login.
      [
        ['prod', '--table', 'incident'],
        'error: --table is for ServiceNow connections only: an ITSM REST connection has no table\n',
      ],
      [
        ['prod', '--state-map', '4=PENDING', '--resume-margin', '600'],
        'error: --state-map, --resume-margin are for ServiceNow connections only: an ITSM REST connection has no state codes or re-read margin\n',
      ],
      [
        ['sn'],
        'error: Nothing to change: give one or more of --url, --table, --user, --password-env, --token-env, --state-map, --priority-map, --resume-margin, --ca-file, --proxy, --proxy-user, --proxy-password-env, --skip\n',
      ],
      // All or nothing: the table given with a refused URL is not changed either.
      [
        ['sn', '--table', 'problem', '--url', 'http://127.0.0.1:6000'],
        "error: --url: port 6000 is one HTTP clients refuse to use (the Fetch standard's blocked ports, e.g. 6000 or 10080): serve the API on another port, or behind a reverse proxy on one\n",
      ],
      [
        ['sn', '--url', 'https://admin:pw@acme.service-now.com'],
        'error: --url: Put credentials in a secret, not in the URL\n',
      ],
      [['sn', '--table', 'Incident Table'], 'error: --table: A table name such as incident\n'],
      [
        ['sn', '--proxy', 'http://proxy.example.go.kr:3128/path'],
        "error: --proxy: Give only the proxy's scheme, host and port (no path)\n",
      ],
      [
        ['sn', '--resume-margin', '5'],
        'error: --resume-margin is whole seconds from 60 to 86400 (a day), not "5"\n',
      ],
      [
        ['sn', '--user', 'a', '--token-env', 'T'],
        'error: Give either --user with --password-env, or --token-env, not both\n',
      ],
    ]
    for (const [args, stderr] of refusals) {
      const refused = await cli(['source', 'update', ...args, ...at()])
      expect({ args, code: refused.code, stderr: refused.stderr, stdout: refused.stdout }).toEqual({
        args,
        code: 2,
        stderr,
        stdout: '',
      })
    }
    expect((await cli(['source', 'list', '--json', ...at()])).stdout).toBe(before.stdout)
  }, 90_000)

  it("takes a browser's address of a list for the instance and its table, and switches between a user and a token", async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-source-update-cli-login-'))
    try {
      const add = ['source', 'add', 'servicenow', '--name', 'acme', '--url', 'https://acme.service-now.com']
      expect(
        (await cli([...add, '--user', 'ops', '--password-env', 'ACME_PW', '--data-dir', own])).code,
      ).toBe(0)
      const page = 'https://acme.service-now.com/change_request_list.do?sysparm_query=active%3Dtrue'
      const moved = await cli(['source', 'update', 'acme', '--url', page, '--data-dir', own])
      expect(moved.code).toBe(0)
      expect(moved.stdout).toContain('  table: incident → change_request\n')
      expect(moved.stdout).not.toContain('URL:')
      expect(moved.stderr).toBe(
        "note: --url is a browser's address of a page of the instance: the connection keeps the instance's address " +
          'https://acme.service-now.com, and reads the table "change_request" the page shows\n',
      )
      // A table given with the address wins.
      await cli(['source', 'update', 'acme', '--url', page, '--table', 'incident', '--data-dir', own])
      expect(stored(own, 'acme')?.config).toMatchObject({
        url: 'https://acme.service-now.com',
        table: 'incident',
      })

      // A --password-env alone belongs to a user: refused once the source signs in with a token.
      const token = await cli(['source', 'update', 'acme', '--token-env', 'ACME_TOKEN', '--data-dir', own])
      expect(token.stdout).toBe(
        'updated ServiceNow connection "acme":\n' +
          '  user: ops → (none)\n' +
          '  token variable: (none) → $ACME_TOKEN\n' +
          '  password variable: $ACME_PW → (none)\n' +
          'Its sync cursors stay: the next sync goes on where the last one ended\n',
      )
      const lone = await cli(['source', 'update', 'acme', '--password-env', 'ACME_PW', '--data-dir', own])
      expect(lone.code).toBe(2)
      expect(lone.stderr).toContain(
        '"acme" signs in with a bearer token: --password-env holds the password of --user',
      )
      // Back to a user without a variable: allowed (the terminal asks, as after `source add`), and said.
      const user = await cli(['source', 'update', 'acme', '--user', 'bob', '--data-dir', own])
      expect(user.code).toBe(0)
      expect(user.stderr).toContain(
        'note: no --password-env: `sync` and `source test` will ask for the password of "bob" at a terminal',
      )
      expect(stored(own, 'acme')?.config).toEqual({
        url: 'https://acme.service-now.com',
        table: 'incident',
        user: 'bob',
      })
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  }, 60_000)

  it('refuses a new URL or table while another process syncs the source, but takes other changes', async () => {
    // What a sync in another process (a CLI sync, the app) leaves while it runs: a running entry under its pid.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' })
    try {
      const db = new Database(join(dir, DATABASE_FILE))
      db.prepare(
        "INSERT INTO sync_log (source, entity, started_at, status, owner_pid, heartbeat_at) VALUES ('servicenow:sn', 'srs', ?, 'running', ?, ?)",
      ).run(Date.now(), other.pid, Date.now())
      db.close()
      const moved = await cli(['source', 'update', 'sn', '--table', 'problem', ...at()])
      expect(moved).toMatchObject({
        code: 1,
        stderr: `error: "sn" is being synced by another process (pid ${other.pid}): wait until that sync ends, or stop it, then change its URL or table\n`,
      })
      expect(stored(dir, 'sn')?.config).toMatchObject({ table: 'incident' })
      const margin = await cli(['source', 'update', 'sn', '--resume-margin', '120', ...at()])
      expect(margin.code).toBe(0)
      expect(stored(dir, 'sn')?.config).toMatchObject({ table: 'incident', resumeMarginSeconds: 120 })
    } finally {
      other.kill()
      await new Promise((resolve) => other.once('exit', resolve))
    }
  }, 30_000)
})
