// `source add` + `sync` from the command line against the loopback ServiceNow simulator.
import { spawn } from 'node:child_process'
import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeGeneratedCsv } from '../../helpers/generated-csv'
import { cli, repoRoot as root } from '../../helpers/cli'
import { createAuthSession } from '../../../src/main/core/auth/session'
import { getMeta, setMeta } from '../../../src/main/core/db/meta'
import { STORE_BUSY_MESSAGE } from '../../../src/main/core/errors'
import { recentSyncLog } from '../../../src/main/core/sync/state'
import { DATABASE_FILE, openWorkspace } from '../../../src/main/core/workspace'
import { startItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { startServiceNowSimulator } from '../../../src/main/simulators/servicenow/simulator'

describe('source and sync commands', () => {
  let dir: string
  let sim: Awaited<ReturnType<typeof startServiceNowSimulator>>
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-sync-cli-'))
    sim = await startServiceNowSimulator({ seed: 5, count: 120 })
  })
  afterAll(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('adds a ServiceNow source without storing the password, syncs it, and resumes incrementally', async () => {
    const add = await cli([
      'source',
      'add',
      'servicenow',
      '--name',
      'sn',
      '--url',
      sim.url,
      '--user',
      'integration',
      '--password-env',
      'SN_PASSWORD',
      '--data-dir',
      dir,
    ])
    expect(add.code).toBe(0)
    expect(add.stdout).toContain('added ServiceNow connection "sn"')
    const list = await cli(['source', 'list', '--json', '--data-dir', dir])
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        name: 'sn',
        kind: 'servicenow',
        config: expect.objectContaining({ passwordEnv: 'SN_PASSWORD' }),
      }),
    ])

    // No variable and no terminal: this source fails, naming the variable (other sources would go on).
    const missing = await cli(['sync', '--data-dir', dir])
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('ServiceNow connection "sn": failed')
    expect(missing.stdout).toContain('No password for ServiceNow connection "sn": set SN_PASSWORD')

    const first = await cli(['sync', 'sr', '--source', 'sn', '--json', '--data-dir', dir], {
      SN_PASSWORD: 'secret',
    })
    expect(first.code).toBe(0)
    const [outcome] = JSON.parse(first.stdout) as { status: string; rows: number }[]
    expect(outcome).toMatchObject({ status: 'ok', rows: 120 })
    const again = JSON.parse(
      (await cli(['sync', '--json', '--data-dir', dir], { SN_PASSWORD: 'secret' })).stdout,
    ) as { rows: number }[]
    expect(again[0]?.rows).toBe(0) // nothing changed since the cursor

    // The password is nowhere in the workspace folder.
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes('secret')).toBe(false)

    const wrong = await cli(['sync', '--json', '--data-dir', dir], { SN_PASSWORD: 'nope' })
    expect(wrong.code).toBe(1)
    expect(JSON.parse(wrong.stdout)[0]).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('401'),
    })
  })

  it('a source without a secret variable: said at source add, and sync and source test say how to give one', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-sync-cli-novar-'))
    try {
      const add = await cli(['source', 'add', 'itsm', '--name', 'novar', '--url', sim.url, '--data-dir', own])
      expect(add.code).toBe(0)
      expect(add.stderr).toContain(
        'note: no --token-env: `sync` and `source test` will ask for the secret at a terminal',
      )
      const advice = 'name one: `source update novar --token-env VAR`'
      const sync = await cli(['sync', '--data-dir', own])
      expect(sync.code).toBe(1)
      expect(sync.stdout).toContain(advice)
      expect(sync.stdout).not.toContain('Settings → Connections')
      // A secret that cannot be had fails the test as it fails a sync (1), it is no usage error (2).
      const test = await cli(['source', 'test', 'novar', '--data-dir', own])
      expect(test.code).toBe(1)
      expect(test.stderr).toContain(advice)
      const named = [
        'source',
        'add',
        'itsm',
        '--name',
        'named',
        '--url',
        sim.url,
        '--token-env',
        'NAMED_TOKEN',
      ]
      expect((await cli([...named, '--data-dir', own])).code).toBe(0)
      const unset = await cli(['source', 'test', 'named', '--data-dir', own])
      expect(unset).toMatchObject({
        code: 1,
        stderr: 'error: No token for ITSM REST connection "named": set NAMED_TOKEN\n',
      })
      // Set to nothing (an empty secret in a CI job): it is set, so "set it" would mislead.
      const empty = await cli(['source', 'test', 'named', '--data-dir', own], { NAMED_TOKEN: '' })
      expect(empty).toMatchObject({
        code: 1,
        stderr:
          'error: No token for ITSM REST connection "named": NAMED_TOKEN is set but empty: put the token in it\n',
      })
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  }, 60_000)

  it('recalculates the KPIs after a sync that wrote data, as the app does (SPEC §6)', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-sync-cli-kpi-'))
    try {
      expect((await cli(['kpi', 'apply', 'SR_BACKLOG', '--data-dir', own])).code).toBe(0)
      const add = ['source', 'add', 'servicenow', '--name', 'sn', '--url', sim.url, '--user', 'integration']
      expect((await cli([...add, '--password-env', 'SN_PASSWORD', '--data-dir', own])).code).toBe(0)
      const sync = await cli(['sync', '--data-dir', own], { SN_PASSWORD: 'secret' })
      expect(sync.code).toBe(0)
      // Progress into a pipe (a cron job's log) is whole lines, not updates glued by carriage returns.
      expect(sync.stderr).not.toContain('\r')
      expect(sync.stderr.split('\n')).toEqual([
        'ServiceNow connection "sn" [1/1] service requests: 0 rows, 0/s',
        expect.stringMatching(
          /^ServiceNow connection "sn" \[1\/1\] service requests: 120 of 120 rows, [\d,]+\/s$/,
        ),
        // The recalculation that follows is a step of its own (Ctrl+C stops it cleanly).
        'recalculating the KPIs: 0 of 1',
        'recalculating the KPIs: 1 of 1',
        '',
      ])
      expect(sync.stdout).toMatch(/^ServiceNow connection "sn": ok — 120 rows in 1 page, \d+\.\d s\n$/)
      // Worked out from the simulator's own records: New, In Progress and On Hold are open now.
      const open = sim.records.filter((r) => ['1', '2', '3'].includes(r['state']?.value ?? '')).length
      expect(open).toBeGreaterThan(0)
      const board = JSON.parse((await cli(['kpi', 'list', '--json', '--data-dir', own])).stdout) as {
        kpis: { name: string; value: number | null }[]
      }
      // `kpi list` reads stored values: before, it said 0 here until someone ran `kpi calc`.
      expect(board.kpis.find((k) => k.name === 'SR_BACKLOG')?.value).toBe(open)
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  })

  it('Ctrl-C stops the whole run: the sources not reached are not started, nor logged as runs', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-sync-cli-sigint-'))
    const slow = await startServiceNowSimulator({ seed: 6, count: 50, faults: { latencyMs: 3_000 } })
    try {
      const add = (name: string, url: string) =>
        cli([
          'source',
          'add',
          'servicenow',
          '--name',
          name,
          '--url',
          url,
          '--user',
          'integration',
          '--password-env',
          'SN_PASSWORD',
          '--data-dir',
          own,
        ])
      expect((await add('a-slow', slow.url)).code).toBe(0)
      expect((await add('b-next', sim.url)).code).toBe(0)
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/main/cli/index.ts', 'sync', '--data-dir', own],
        { cwd: root, env: { ...process.env, SN_PASSWORD: 'secret' }, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      // The first source is waiting for its first page when the signal comes.
      await new Promise<void>((resolve) =>
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString()
          if (stderr.includes('ServiceNow connection "a-slow" [1/1] service requests: 0 rows')) resolve()
        }),
      )
      child.kill('SIGINT')
      expect(await exited).toBe(1)
      expect(stdout).toContain('ServiceNow connection "a-slow": cancelled')
      expect(stdout).toContain(
        'ServiceNow connection "b-next": cancelled — 0 rows in 0 pages, 0.0 s\n  Not synced: the run was stopped (Ctrl+C)',
      )
      const ws = openWorkspace({ dataDir: own })
      try {
        expect(recentSyncLog(ws.store, 100, 'servicenow:a-slow')).toEqual([
          expect.objectContaining({ status: 'cancelled' }),
        ])
        expect(recentSyncLog(ws.store, 100, 'servicenow:b-next')).toEqual([])
      } finally {
        ws.close()
      }
    } finally {
      await slow.close()
      rmSync(own, { recursive: true, force: true })
    }
  }, 60_000)

  it('one Ctrl+C that arrives twice (the terminal, then a wrapper passing it on) stops the run once, and it reports', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-sync-cli-sigint2-'))
    // Every answer takes 3 s: the signal comes with the first page committed and the second awaited,
    // so the stopped run still has the KPIs recalculated before it reports.
    const slow = await startServiceNowSimulator({ seed: 8, count: 1_500, faults: { latencyMs: 3_000 } })
    try {
      const add = [
        'source',
        'add',
        'servicenow',
        '--name',
        'slow',
        '--url',
        slow.url,
        '--user',
        'integration',
      ]
      expect((await cli([...add, '--password-env', 'SN_PASSWORD', '--data-dir', own])).code).toBe(0)
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/main/cli/index.ts', 'sync', '--data-dir', own],
        { cwd: root, env: { ...process.env, SN_PASSWORD: 'secret' }, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      )
      const seen = (text: string): Promise<void> =>
        new Promise<void>((resolve) => {
          if (stderr.includes(text)) return resolve()
          const check = (): void => {
            if (!stderr.includes(text)) return
            child.stderr.off('data', check)
            resolve()
          }
          child.stderr.on('data', check)
        })
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      await seen('ServiceNow connection "slow" [1/1] service requests: 0 rows')
      // The first page (1,000 rows of 1,500) is committed while the second is awaited.
      const db = new Database(join(own, DATABASE_FILE), { readonly: true, fileMustExist: true })
      try {
        const count = db.prepare('SELECT count(*) AS n FROM service_requests')
        while ((count.get() as { n: number }).n < 1_000) await new Promise((r) => setTimeout(r, 50))
      } finally {
        db.close()
      }
      child.kill('SIGINT')
      // Said at once; the copy of the same Ctrl+C that follows must not kill the stopping sync.
      await seen('stopping (Ctrl+C): the pages committed so far are kept\n')
      child.kill('SIGINT')
      expect(await exited).toEqual({ code: 1, signal: null })
      expect(stdout).toMatch(
        /^ServiceNow connection "slow": cancelled — 1,000 rows in 1 page, [\d.]+ s\n {2}Cancelled \(ServiceNow connection "slow", service requests\)\n$/,
      )
      const ws = openWorkspace({ dataDir: own })
      try {
        // Logged as cancelled by the run itself, not left open for the next sync to call interrupted.
        expect(recentSyncLog(ws.store, 100, 'servicenow:slow')).toEqual([
          expect.objectContaining({ status: 'cancelled', rows: 1_000 }),
        ])
      } finally {
        ws.close()
      }
    } finally {
      await slow.close()
      rmSync(own, { recursive: true, force: true })
    }
  }, 60_000)

  it('a reader that went away (`… | head`) neither crashes a sync half-way nor the help', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-sync-cli-epipe-'))
    /** Runs the CLI with the read end of `closed` (its stdout or stderr) shut before it writes. */
    const withClosed = (closed: 'stdout' | 'stderr', args: string[]) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], {
        cwd: root,
        env: { ...process.env, SN_PASSWORD: 'secret' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      child[closed].destroy()
      let out = ''
      const open = closed === 'stdout' ? child.stderr : child.stdout
      open.on('data', (chunk: Buffer) => (out += chunk.toString()))
      return new Promise<{ code: number | null; out: string }>((resolve) =>
        child.on('close', (code) => resolve({ code, out })),
      )
    }
    try {
      const add = ['source', 'add', 'servicenow', '--name', 'sn', '--url', sim.url, '--user', 'integration']
      expect((await cli([...add, '--password-env', 'SN_PASSWORD', '--data-dir', own])).code).toBe(0)
      // Progress to a closed stderr (`sync 2>&1 >sync.txt | head -1`): the sync still ends and reports.
      const sync = await withClosed('stderr', ['sync', '--data-dir', own])
      expect(sync.code).toBe(0)
      expect(sync.out).toMatch(/^ServiceNow connection "sn": ok — 120 rows in 1 page, [\d.]+ s\n$/)
      const ws = openWorkspace({ dataDir: own })
      try {
        expect(recentSyncLog(ws.store, 10, 'servicenow:sn')).toEqual([
          expect.objectContaining({ status: 'ok', rows: 120 }),
        ])
      } finally {
        ws.close()
      }
      // The help is written in pieces; the reader gone, nothing is said about it (no EPIPE trace).
      expect(await withClosed('stdout', ['--help'])).toEqual({ code: 0, out: '' })
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  }, 60_000)

  it('source add notes a secret variable that is not set here, and source list says where each secret comes from', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-sync-cli-unset-'))
    try {
      const add = (name: string, variable: string, env: Record<string, string> = {}) =>
        cli(
          [
            'source',
            'add',
            'itsm',
            '--name',
            name,
            '--url',
            sim.url,
            '--token-env',
            variable,
            '--data-dir',
            own,
          ],
          env,
        )
      const typo = await add('typo', 'OPS_TEST_TOKN')
      expect(typo.code).toBe(0)
      expect(typo.stderr).toContain(
        'note: OPS_TEST_TOKN is not set here: set it where `sync` runs (at a terminal the secret is asked for instead)\n',
      )
      const set = await add('set', 'OPS_TEST_TOKEN', { OPS_TEST_TOKEN: 'x' })
      expect(set.code).toBe(0)
      expect(set.stderr).not.toContain('not set here')
      expect(set.stderr).not.toContain('empty')
      const empty = await add('empty', 'OPS_TEST_EMPTY', { OPS_TEST_EMPTY: '' })
      expect(empty.code).toBe(0)
      expect(empty.stderr).toContain(
        'note: OPS_TEST_EMPTY is set but empty here: put the secret in it where `sync` runs (at a terminal the secret is asked for instead)\n',
      )
      expect(empty.stderr).not.toContain('not set here')
      const basic = [
        'source',
        'add',
        'servicenow',
        '--name',
        'basic',
        '--url',
        sim.url,
        '--user',
        'integration',
      ]
      expect((await cli([...basic, '--password-env', 'SN_PW', '--data-dir', own])).code).toBe(0)
      const asked = ['source', 'add', 'itsm', '--name', 'asked', '--url', sim.url]
      expect((await cli([...asked, '--data-dir', own])).code).toBe(0)
      // source list says which variable to set (before, only its --json did), never a value.
      const list = await cli(['source', 'list', '--data-dir', own], {
        OPS_TEST_TOKEN: 'tok-123',
        SN_PW: 'pw-456',
      })
      expect(list.stdout.split('\n').filter((line) => line.startsWith('  login: '))).toEqual([
        '  login: bearer token asked at a terminal or kept by the app',
        '  login: user integration, password from $SN_PW',
        '  login: bearer token from $OPS_TEST_EMPTY',
        '  login: bearer token from $OPS_TEST_TOKEN',
        '  login: bearer token from $OPS_TEST_TOKN',
      ])
      expect(list.stdout + list.stderr).not.toMatch(/tok-123|pw-456/)
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  })

  it('an unknown source name says which names there are, and that itsm:NAME is the outcome form', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-sync-cli-names-'))
    try {
      const none = await cli(['source', 'remove', 'prod', '--data-dir', own])
      expect(none.code).toBe(2)
      expect(none.stderr).toContain(
        'error: No connection named "prod" (there are no connections yet: see `source add`)\n',
      )
      for (const name of ['sn-prod', 'itsm-a']) {
        const add = ['source', 'add', 'servicenow', '--name', name, '--url', sim.url, '--token-env', 'T']
        expect((await cli([...add, '--data-dir', own])).code).toBe(0)
      }
      // `sync --json` and `sync log --json` tag it `servicenow:sn-prod`; copied into --source it was
      // just unknown.
      expect(await cli(['sync', '--source', 'servicenow:sn-prod', '--data-dir', own])).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: No connection named "servicenow:sn-prod": the name is "sn-prod" (servicenow:sn-prod is how the JSON of `sync` and `sync log` tags it)\n',
      })
      expect(await cli(['source', 'test', 'sn-prd', '--data-dir', own])).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'error: No connection named "sn-prd": did you mean "sn-prod"? (the connections: itsm-a, sn-prod)\n',
      })
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  })

  it('source test says each failed attempt, names a server that never answers, and stops on Ctrl+C', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-sync-cli-test-'))
    const silent = await startItsmSimulator({ seed: 3, srCount: 10, faults: { timeouts: 1 } })
    // A port nobody listens on any more: every attempt is refused.
    const closed = await startItsmSimulator({ seed: 3, srCount: 10 })
    const refusedUrl = closed.url
    await closed.close()
    try {
      const add = (name: string, url: string) =>
        cli(['source', 'add', 'itsm', '--name', name, '--url', url, '--token-env', 'T', '--data-dir', own])
      expect((await add('silent', silent.url)).code).toBe(0)
      expect((await add('refused', refusedUrl)).code).toBe(0)

      // Before, 60 s of silence and then "error: Cancelled", though nobody had cancelled anything.
      const hung = await cli(['source', 'test', 'silent', '--timeout', '2', '--data-dir', own], {
        T: 'sim-token',
      })
      expect(hung).toEqual({
        code: 1,
        stdout: '',
        stderr: `error: No answer from "silent" (${silent.url}) within 2 s: check the URL, the network and any proxy or firewall on the way (source test --timeout SECONDS waits longer)\n`,
      })
      const badTimeout = await cli(['source', 'test', 'silent', '--timeout', '0', '--data-dir', own])
      expect(badTimeout.code).toBe(2)
      expect(badTimeout.stderr).toBe('error: --timeout takes whole seconds from 1 to 600, not "0"\n')

      // Each refused attempt is said when it fails, then why the test gave up.
      const refused = await cli(['source', 'test', 'refused', '--data-dir', own], { T: 'x' })
      expect(refused.code).toBe(1)
      const port = new URL(refusedUrl).port
      const lines = refused.stderr.trimEnd().split('\n')
      expect(lines).toEqual([
        ...[1, 2, 3, 4, 5].map((n) =>
          expect.stringMatching(
            new RegExp(
              `^ITSM REST connection "refused": attempt ${n} of 6 failed, trying again in \\d+ s: Cannot reach ${refusedUrl}/api/v1/me \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)$`,
            ),
          ),
        ),
        `error: Cannot reach ${refusedUrl}/api/v1/me (connect ECONNREFUSED 127.0.0.1:${port}) — gave up after 6 attempts (ITSM REST connection "refused")`,
      ])
      // --json: stdout stays for the JSON, and the attempts are not narrated.
      const quiet = await cli(['source', 'test', 'refused', '--json', '--data-dir', own], { T: 'x' })
      expect(quiet.stderr).not.toContain('attempt 1 of 6')

      // Ctrl+C while it waits: said as a stop (exit 1), not a kill by the signal.
      const asked = silent.requests.length
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/main/cli/index.ts', 'source', 'test', 'silent', '--data-dir', own],
        { cwd: root, env: { ...process.env, T: 'sim-token' }, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      )
      // The request is out when the simulator holds it.
      while (silent.requests.length === asked) await new Promise((r) => setTimeout(r, 50))
      child.kill('SIGINT')
      expect(await exited).toEqual({ code: 1, signal: null })
      expect(stderr).toBe('error: stopped (Ctrl+C): "silent" was not tested\n')
    } finally {
      await silent.close()
      rmSync(own, { recursive: true, force: true })
    }
  }, 90_000)

  it('source test of a /me that does not answer { name, role } names the connection once, at the end', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-sync-cli-me-'))
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ user: 'ops' }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const add = ['source', 'add', 'itsm', '--name', 'whoami', '--url', url, '--token-env', 'T']
      expect((await cli([...add, '--data-dir', own])).code).toBe(0)
      // Before: 'error: ITSM source "whoami": http://…/api/v1/me did not answer …', unlike every
      // other failure, which ends with the connection as a sync's outcome names it.
      expect(await cli(['source', 'test', 'whoami', '--data-dir', own], { T: 'token' })).toEqual({
        code: 1,
        stdout: '',
        stderr: `error: ${url}/api/v1/me did not answer { name, role } (field "name": Invalid input: expected string, received undefined) (ITSM REST connection "whoami")\n`,
      })
    } finally {
      await new Promise((resolve) => server.close(resolve))
      rmSync(own, { recursive: true, force: true })
    }
  })

  it('source test records the ITSM account whose role the app follows; source remove frees it', async () => {
    const token = 'cli-role-token-77aa88bb'
    const itsm = await startItsmSimulator({
      seed: 2,
      srCount: 10,
      token,
      me: { name: '운영 담당', role: 'operator' },
    })
    try {
      const env = { OPS_ROLE_TOKEN: token }
      const add = await cli([
        'source',
        'add',
        'itsm',
        '--name',
        'ops',
        '--url',
        itsm.url,
        '--token-env',
        'OPS_ROLE_TOKEN',
        '--data-dir',
        dir,
      ])
      expect(add.code, add.stderr).toBe(0)
      const tested = await cli(['source', 'test', 'ops', '--data-dir', dir], env)
      expect(tested.stdout).toContain('connected to "ops" as 운영 담당 (role operator)')
      // What the app's admin session sees in this workspace: the operator role decides.
      const roleSeen = () => {
        const ws = openWorkspace({ dataDir: dir })
        try {
          return createAuthSession({ store: ws.store, now: Date.now }).status()
        } finally {
          ws.close()
        }
      }
      expect(roleSeen()).toMatchObject({
        role: 'operator',
        roleFromItsm: true,
        itsmAccount: { source: 'ops', name: '운영 담당', role: 'operator' },
      })
      // The app's record of this source's runs (the Sync screen's last success) goes with it too.
      const runRecord = (write?: string) => {
        const ws = openWorkspace({ dataDir: dir })
        try {
          if (write) setMeta(ws.store, 'sync_source:itsm:ops', write)
          return getMeta(ws.store, 'sync_source:itsm:ops')
        } finally {
          ws.close()
        }
      }
      expect(runRecord('{"lastSuccessAt":1,"lastRows":1,"lastError":null}')).not.toBeNull()
      const removed = await cli(['source', 'remove', 'ops', '--data-dir', dir])
      expect(removed.code).toBe(0)
      expect(roleSeen()).toMatchObject({ roleFromItsm: false, itsmAccount: null })
      expect(runRecord()).toBeNull()
    } finally {
      await itsm.close()
    }
  })

  it('refuses options the kind has no use for, a password variable without its user, and a taken name (exit 2)', async () => {
    const add = (...args: string[]) => cli(['source', 'add', ...args, '--data-dir', dir])
    const itsmWithUser = await add(
      'itsm',
      '--name',
      'u1',
      '--url',
      'http://127.0.0.1:2',
      '--user',
      'ops',
      '--password-env',
      'P',
    )
    expect(itsmWithUser.code).toBe(2)
    expect(itsmWithUser.stderr).toContain(
      'error: --user, --password-env are for ServiceNow connections only: an ITSM REST connection logs in with a bearer token (--token-env)\n',
    )
    const snNoUser = await add(
      'servicenow',
      '--name',
      'u2',
      '--url',
      'http://127.0.0.1:2',
      '--password-env',
      'P',
    )
    expect(snNoUser.code).toBe(2)
    expect(snNoUser.stderr).toContain('--password-env holds the password of --user')
    expect(
      await add('itsm', '--name', 'u3', '--url', 'http://127.0.0.1:2', '--token-env', 'T'),
    ).toMatchObject({ code: 0 })
    // A misspelt option is named as such, not taken for a missing one.
    const misspelt = await add('itsm', '--nmae', 'u4', '--url', 'http://127.0.0.1:2', '--token-env', 'T')
    expect(misspelt.code).toBe(2)
    expect(misspelt.stderr).toBe("error: unknown option '--nmae'\n(Did you mean --name?)\n")
    const noUrl = await add('itsm', '--name', 'u4', '--token-env', 'T')
    expect(noUrl).toMatchObject({ code: 2, stderr: "error: required option '--url <url>' not specified\n" })
    // Said as the option typed (and what it takes), not the core's field ("tokenEnv: …").
    const badVar = await add('itsm', '--name', 'u4', '--url', 'http://127.0.0.1:2', '--token-env', 'my-token')
    expect(badVar.code).toBe(2)
    expect(badVar.stderr).toMatch(
      /^error: --token-env takes the name of the environment variable holding the token/,
    )
    const taken = await add('itsm', '--name', 'u3', '--url', 'http://127.0.0.1:8', '--token-env', 'T')
    expect(taken.code).toBe(2)
    expect(taken.stderr).toContain('A connection named "u3" exists already')
    // Nothing of the refused ones was added; the taken name still points where it did.
    const list = JSON.parse((await cli(['source', 'list', '--json', '--data-dir', dir])).stdout) as {
      name: string
      config: { url: string }
    }[]
    expect(list.filter((s) => s.name.startsWith('u'))).toEqual([
      expect.objectContaining({ name: 'u3', config: expect.objectContaining({ url: 'http://127.0.0.1:2' }) }),
    ])
    expect((await cli(['source', 'remove', 'u3', '--data-dir', dir])).code).toBe(0)
  }, 60_000)

  it('refuses bad source definitions with the reason', async () => {
    const badUrl = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'x',
      '--url',
      'ftp://host',
      '--token-env',
      'T',
      '--data-dir',
      dir,
    ])
    expect(badUrl.code).toBe(2)
    expect(badUrl.stderr).toContain('Only http and https URLs')
    const notUrl = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'y',
      '--url',
      'itsm.local',
      '--token-env',
      'T',
      '--data-dir',
      dir,
    ])
    expect(notUrl.code).toBe(2)
    expect(notUrl.stderr).toContain('Give the full URL')
    const creds = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'y',
      '--url',
      'https://u:p@host',
      '--token-env',
      'T',
      '--data-dir',
      dir,
    ])
    expect(creds.stderr).toContain('not in the URL')
    const badName = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'Bad Name',
      '--url',
      'https://host',
      '--data-dir',
      dir,
    ])
    expect(badName.stderr).toContain('lower-case')
  })
})

describe('import command', () => {
  const fixtures = join(root, 'test/fixtures/import')
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ops-import-cli-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('recalculates the KPIs after an import that wrote rows, as the app does (SPEC §6)', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-import-cli-kpi-'))
    try {
      expect((await cli(['kpi', 'apply', 'SR_BACKLOG', '--data-dir', own])).code).toBe(0)
      const csv = join(own, 'srs.csv')
      // Statuses cycle OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED over 60 rows, all
      // created in 2025: half of them (30) are open now.
      await writeGeneratedCsv(csv, 60)
      expect((await cli(['import', csv, '--data-dir', own])).code).toBe(0)
      const board = JSON.parse((await cli(['kpi', 'list', '--json', '--data-dir', own])).stdout) as {
        kpis: { name: string; value: number | null }[]
      }
      expect(board.kpis.find((k) => k.name === 'SR_BACKLOG')?.value).toBe(30)
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  })

  it('imports a CP949 CSV, and importing it again changes nothing', async () => {
    const first = await cli(['import', join(fixtures, 'excel-cp949.csv'), '--json', '--data-dir', dir])
    expect(first.code).toBe(0)
    const r = JSON.parse(first.stdout) as { status: string; encoding: string; written: number }
    expect(r).toMatchObject({ status: 'imported' })
    expect(r.encoding.toLowerCase()).toContain('cp949')
    expect(r.written).toBeGreaterThan(0)
    // The cards, not updated_at: the watermark moves with every successful import, as it should.
    const overview = async () =>
      (
        JSON.parse(
          (await cli(['bi', 'overview', '--json', '--data-dir', dir, '--as-of', '2026-12-31'])).stdout,
        ) as { cards: unknown }
      ).cards
    const before = await overview()
    expect((await cli(['import', join(fixtures, 'excel-cp949.csv'), '--data-dir', dir])).code).toBe(0)
    expect(await overview()).toEqual(before)
    // Both runs are in the sync log the Sync screen shows, under the file's name.
    const ws = openWorkspace({ dataDir: dir })
    try {
      expect(recentSyncLog(ws.store).map((e) => [e.source, e.entity, e.status, e.rows, e.detail])).toEqual([
        ['import:file', 'srs', 'ok', r.written, 'excel-cp949.csv'],
        ['import:file', 'srs', 'ok', r.written, 'excel-cp949.csv'],
      ])
    } finally {
      ws.close()
    }
  })

  it('source add, a missing secret and source remove name the connection with its kind, as the app does', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ops-connection-words-'))
    const data = ['--data-dir', own]
    // No variable of the test's environment may give the secrets: both are set to nothing.
    const env = { NAMING_TOKEN: '', NAMING_PW: '' }
    try {
      // Before: 'added itsm source "prod" (…)', 'No token for source "prod": …', 'removed "prod" …'.
      const add = await cli(
        [
          'source',
          'add',
          'itsm',
          '--name',
          'prod',
          '--url',
          'https://itsm.example.go.kr',
          '--token-env',
          'NAMING_TOKEN',
          ...data,
        ],
        env,
      )
      expect(add.stdout).toBe('added ITSM REST connection "prod" (https://itsm.example.go.kr)\n')
      const sn = await cli(
        [
          'source',
          'add',
          'servicenow',
          '--name',
          'sn',
          '--url',
          'https://acme.service-now.com',
          '--user',
          'u',
          '--password-env',
          'NAMING_PW',
          ...data,
        ],
        env,
      )
      expect(sn.stdout).toBe('added ServiceNow connection "sn" (https://acme.service-now.com)\n')
      expect(await cli(['source', 'test', 'prod', ...data], env)).toMatchObject({
        code: 1,
        stderr:
          'error: No token for ITSM REST connection "prod": NAMING_TOKEN is set but empty: put the token in it\n',
      })
      const sync = await cli(['sync', '--source', 'sn', ...data], env)
      expect(sync.code).toBe(1)
      expect(sync.stdout).toContain(
        '\n  No password for ServiceNow connection "sn": NAMING_PW is set but empty: put the password in it',
      )
      expect((await cli(['source', 'remove', 'prod', ...data])).stdout).toBe(
        'removed ITSM REST connection "prod" (its SRs stay in the workspace)\n',
      )
      // The JSON keeps its keys and the kind's code.
      const json = JSON.parse((await cli(['source', 'list', '--json', ...data])).stdout) as unknown[]
      expect(json).toEqual([expect.objectContaining({ name: 'sn', kind: 'servicenow' })])
    } finally {
      rmSync(own, { recursive: true, force: true })
    }
  }, 60_000)

  it('sync log shows the runs, imports included, newest first; --json is the sync:log answer', async () => {
    const ws = join(dir, 'logged')
    const tz = ['--tz', 'Asia/Seoul', '--data-dir', ws]
    // The workspace is there first: a rejected file makes none in a new folder, so logs nothing there.
    openWorkspace({ dataDir: ws }).close()
    expect((await cli(['import', join(fixtures, 'bad-dates.csv'), ...tz])).code).toBe(1)
    expect((await cli(['import', join(fixtures, 'canonical-utf8.csv'), '--source', 'hr', ...tz])).code).toBe(
      0,
    )
    const text = await cli(['sync', 'log', ...tz])
    expect(text.code).toBe(0)
    const lines = text.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}file import \(hr\): canonical-utf8\.csv +service requests +ok +3 rows$/,
    )
    expect(lines[1]).toMatch(/ {2}file import: bad-dates\.csv +service requests +failed +0 rows$/)
    expect(lines[2]).toBe('  4 rows have errors; nothing was written')
    // The source column is as wide as its longest label: before, "file import (hr): canonical-utf8.csv"
    // overflowed a 30-column one and pushed its collection a column past the other line's.
    expect(lines[0]!.indexOf('service requests')).toBe(lines[1]!.indexOf('service requests'))
    expect(lines[0]!.indexOf(' ok ')).toBe(lines[1]!.indexOf(' failed '))
    const json = JSON.parse((await cli(['sync', 'log', '--limit', '1', '--json', ...tz])).stdout) as unknown[]
    expect(json).toEqual([
      expect.objectContaining({
        source: 'import:hr',
        entity: 'srs',
        status: 'ok',
        rows: 3,
        detail: 'canonical-utf8.csv',
      }),
    ])
    const bad = await cli(['sync', 'log', '--limit', '0', ...tz])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe('error: --limit takes a whole number from 1 to 500, not "0"\n')
    // In the option's words, not the channel's ("limit: Invalid input: expected number, received NaN").
    const word = await cli(['sync', 'log', '--limit', 'ten', ...tz])
    expect(word).toMatchObject({
      code: 2,
      stderr: 'error: --limit takes a whole number from 1 to 500, not "ten"\n',
    })
    // Options of the other form are refused, not ignored.
    expect(await cli(['sync', 'log', '--source', 'sn', ...tz])).toMatchObject({
      code: 2,
      stderr: "error: `sync log` lists every source's runs: it takes --limit only\n",
    })
    expect(await cli(['sync', '--limit', '5', ...tz])).toMatchObject({
      code: 2,
      stderr: 'error: --limit is for `sync log`\n',
    })
  }, 120_000)

  it('a file refused as the --format given says its extension names another; --sheet is for XLSX', async () => {
    const json = join(fixtures, 'items.json')
    const asCsv = await cli(['import', json, '--format', 'csv', '--dry-run'])
    expect(asCsv).toEqual({
      code: 2,
      stdout: '',
      // Before, only the first sentence: a JSON file's "{" taken for its header, and no word why.
      stderr:
        'error: Missing required columns: id, tenant, title, priority, status, created_at. Headers found: "{". ' +
        'Rename the headers or give a column mapping. (--format csv read this .json file as CSV; without --format it is read as JSON)\n',
    })
    const csv = join(fixtures, 'canonical-utf8.csv')
    const asXlsx = await cli(['import', csv, '--format', 'xlsx', '--dry-run'])
    expect(asXlsx.code).toBe(2)
    expect(asXlsx.stderr).toBe(
      'error: The file is not an XLSX workbook (not a zip archive) (--format xlsx read this .csv file as XLSX; without --format it is read as CSV)\n',
    )
    // A --format that agrees with the extension, or one the file is read by, adds nothing.
    expect((await cli(['import', csv, '--format', 'csv', '--dry-run'])).code).toBe(0)
    // --sheet on a file read as CSV was dropped without a word; it is refused as source add refuses
    // the options a kind has no use for.
    expect(await cli(['import', csv, '--sheet', 'SR', '--dry-run'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: --sheet "SR" names a sheet of an XLSX workbook, and ${csv} is read as CSV\n`,
    })
  })

  it('rejects a file with bad dates, naming row and column, and writes the error report', async () => {
    const report = join(dir, 'errors.csv')
    const bad = await cli([
      'import',
      join(fixtures, 'bad-dates.csv'),
      '--data-dir',
      dir,
      '--error-report',
      report,
    ])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/rejected: 0 written/)
    expect(bad.stdout).toMatch(/row \d+, created_at/)
    expect(readFileSync(report, 'utf8')).toContain('row,column,value,message')
  })

  it('an import meeting another writer past the busy timeout says the workspace is busy; nothing is written', async () => {
    const ws = join(dir, 'locked')
    const other = openWorkspace({ dataDir: ws })
    const count = (): number =>
      (other.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n
    try {
      // Another program (the app importing a large file, say) holds the write lock throughout.
      other.store.sqlite.prepare('BEGIN IMMEDIATE').run()
      const locked = await cli(['import', join(fixtures, 'excel-cp949.csv'), '--data-dir', ws])
      expect(locked.code).toBe(1)
      // After its progress lines, the last line says why, in words.
      expect(locked.stderr.endsWith(`\nerror: ${STORE_BUSY_MESSAGE}\n`)).toBe(true)
      other.store.sqlite.prepare('ROLLBACK').run()
      expect(count()).toBe(0)
      expect((await cli(['import', join(fixtures, 'excel-cp949.csv'), '--data-dir', ws])).code).toBe(0)
      expect(count()).toBeGreaterThan(0)
    } finally {
      other.close()
    }
  }, 30_000)

  it('Ctrl+C at a terminal running `npm run cli -- import` stops it as asked, not killed mid-write', async () => {
    const big = join(dir, 'npm-big.csv')
    await writeGeneratedCsv(big, 60_000)
    const ws = join(dir, 'npm-interrupted')
    // Its own process group, as a terminal's foreground job: the signal goes to npm, its shell and the
    // CLI at once, and npm passes it on to the shell again. (A wrapper that killed a CLI still busy
    // writing a chunk 60 ms later, as tsx's own command does, left no report at all.)
    const child = spawn('npm', ['run', '-s', 'cli', '--', 'import', big, '--data-dir', ws], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        if (stderr.includes('writing: 0 of 60,000 rows')) resolve()
      }),
    )
    process.kill(-child.pid!, 'SIGINT')
    await exited
    // (npm's exit code is its shell's: on Linux, sh reports a Ctrl+C it was sent twice as 130.)
    expect(stdout).toBe('cancelled: nothing written\n')
    expect(stderr).toContain('stopping (Ctrl+C): nothing will be written\n')
  }, 60_000)

  it('shows its progress on stderr, and Ctrl-C stops it with nothing written (exit 1), reading or writing', async () => {
    const big = join(dir, 'big.csv')
    await writeGeneratedCsv(big, 60_000)
    const ws = join(dir, 'interrupted')
    /**
     * Starts `import big`, sends SIGINT once stderr matches `when`, and again once the import says it
     * is stopping (a wrapper passes on the Ctrl+C the terminal sent already), and answers how it ended.
     */
    const interrupted = async (
      when: RegExp,
      ...more: string[]
    ): Promise<{ code: number | null; stdout: string }> => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/main/cli/index.ts', 'import', big, '--data-dir', ws, ...more],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      await new Promise<void>((resolve) =>
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString()
          if (when.test(stderr)) resolve()
        }),
      )
      child.kill('SIGINT')
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (stderr.includes('stopping (Ctrl+C): nothing will be written\n')) resolve()
        }
        check()
        child.stderr.on('data', check)
      })
      child.kill('SIGINT')
      return { code: await exited, stdout }
    }
    const stored = (): number => {
      const store = openWorkspace({ dataDir: ws })
      try {
        return (
          store.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }
        ).n
      } finally {
        store.close()
      }
    }

    const whileReading = await interrupted(/reading: \d{1,3}(,\d{3})* rows/)
    expect(whileReading).toEqual({ code: 1, stdout: 'cancelled: nothing written\n' })
    expect(stored()).toBe(0)
    // While writing: the signal is handled between two chunks and the transaction rolls back. (The
    // first chunk is written right after "writing: 0 of …", before the import lets a signal in; into a
    // pipe the updates between a phase's first and last come every few seconds only.)
    const whileWriting = await interrupted(/writing: 0 of 60,000 rows/)
    expect(whileWriting).toEqual({ code: 1, stdout: 'cancelled: nothing written\n' })
    expect(stored()).toBe(0)
    // A dry run of a long file stops the same way (before, the signal killed it without a word).
    const dryRun = await interrupted(/reading: \d{1,3}(,\d{3})* rows/, '--dry-run')
    expect(dryRun).toEqual({ code: 1, stdout: 'cancelled: nothing written\n' })

    // Not interrupted, the same file goes in whole, its progress ending on the written total.
    const whole = await cli(['import', big, '--data-dir', ws])
    expect(whole.code).toBe(0)
    expect(whole.stdout).toMatch(/^imported: 60,000 written of 60,000 rows/)
    expect(whole.stderr).toContain('writing: 60,000 of 60,000 rows\n')
    expect(whole.stderr).not.toContain('\r')
  }, 60_000)
})
