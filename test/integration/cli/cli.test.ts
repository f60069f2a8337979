// The CLI as a user runs it: a real process over a real workspace folder.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, repoRoot } from '../../helpers/cli'

const AS_OF = '2026-03-18T15:00:00+09:00'
import type { OverviewResponse } from '../../../src/shared/ipc/types'

describe('npm run cli', () => {
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-cli-'))
    const demo = await cli([
      'demo',
      '--srs',
      '3000',
      '--seed',
      '7',
      '--data-dir',
      dir,
      '--as-of',
      AS_OF,
      '--json',
    ])
    expect(demo.code).toBe(0)
    expect(JSON.parse(demo.stdout)).toMatchObject({ srCount: 3000, videoCount: expect.any(Number) })
    // The folder was empty: the workspace was made there, and the command says so on stderr.
    expect(demo.stderr).toContain(`note: created a new, empty workspace in ${dir}`)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints the overview cards as the JSON the renderer receives', async () => {
    const { code, stdout } = await cli(['bi', 'overview', '--json', '--data-dir', dir, '--as-of', AS_OF])
    expect(code).toBe(0)
    const o = JSON.parse(stdout) as OverviewResponse
    expect(o.cards.map((c) => c.key)).toEqual(['open_sr', 'inprog_sr', 'done_month', 'done_week', 'mttr'])
    for (const c of o.cards) expect(c.value).toBeGreaterThan(0)
    expect(typeof o.cards.find((c) => c.key === 'done_month')?.change).toBe('number')
    expect(o.as_of).toBe(AS_OF)
    expect(o.updated_at).toBe(AS_OF) // the demo's watermark is its as-of
  })

  it('reads the data dir from OPS_CONSOLE_DATA_DIR and honours --tenant and --lang', async () => {
    const all = JSON.parse(
      (await cli(['bi', 'overview', '--json', '--as-of', AS_OF], { OPS_CONSOLE_DATA_DIR: dir })).stdout,
    ) as OverviewResponse
    const tenants = JSON.parse(
      (await cli(['bi', 'overview', '--json', '--as-of', AS_OF, '--data-dir', dir, '--lang', 'en'])).stdout,
    ) as OverviewResponse
    expect(tenants.cards[0]?.label).toBe('Open SRs')
    const { stdout: list } = await cli([
      'bi',
      'overview',
      '--json',
      '--as-of',
      AS_OF,
      '--data-dir',
      dir,
      '--tenant',
      '__none__',
    ])
    const none = JSON.parse(list) as OverviewResponse
    expect(none.cards.find((c) => c.key === 'done_month')?.value).toBe(0)
    expect(all.cards.find((c) => c.key === 'done_month')?.value).toBe(
      tenants.cards.find((c) => c.key === 'done_month')?.value,
    )
  })

  it('prints readable text without --json', async () => {
    const { code, stdout } = await cli(['bi', 'overview', '--data-dir', dir, '--as-of', AS_OF])
    expect(code).toBe(0)
    expect(stdout).toMatch(/open_sr\s+미처리 SR\s+\d+ 건/)
    expect(stdout).toContain('data watermark: 2026-03-18T15:00:00+09:00')
  })

  it("each command's --help describes its subcommands, lists the global options and the exit codes", async () => {
    const source = await cli(['source', '--help'])
    expect(source.code).toBe(0)
    for (const line of [
      /^ {2}add \[options\] <kind> +add an ITSM REST or ServiceNow source/m,
      /^ {2}list +list the sources/m,
      /^ {2}remove <name> +remove a source/m,
      /^ {2}update \[options\] <name> +change a source's URL, table, login, code maps, CA certificates or proxy/m,
      /^ {2}test \[options\] <name> +connect and log in to a source/m,
    ])
      expect(source.stdout).toMatch(line)
    const sync = await cli(['sync', '--help'])
    expect(sync.stdout).toMatch(
      /^Global Options:\n {2}-V, --version +print the version and exit\n {2}--data-dir <dir>/m,
    )
    expect(sync.stdout).toContain('--json')
    expect(sync.stdout).toContain('the exit code is 1 when any\nsource failed')
    expect(sync.stdout).toContain('Exit codes: 0 success, 1 the command failed')
    expect((await cli(['import', '--help'])).stdout).toContain('2 when the file, its format or the mapping')
  })

  it('says so when a command makes a new workspace (a mistyped --data-dir), and only then', async () => {
    const typo = join(dir, 'opss')
    const first = await cli(['source', 'list', '--data-dir', typo])
    expect(first.code).toBe(0)
    expect(first.stderr).toContain(`note: created a new, empty workspace in ${typo}`)
    expect(first.stdout).toContain('no connections yet')
    const again = await cli(['source', 'list', '--data-dir', typo])
    expect(again.stderr).not.toContain('created a new')
    // The demo workspace exists: nothing said.
    expect((await cli(['source', 'list', '--data-dir', dir])).stderr).not.toContain('created a new')
  })

  it('a --data-dir naming a file (the workspace database itself) is bad usage, said in words', async () => {
    const database = join(dir, 'ops-console.db')
    expect(existsSync(database)).toBe(true)
    // Before: "error: EEXIST: file already exists, mkdir …" and exit 1.
    expect(await cli(['source', 'list', '--data-dir', database])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: The workspace folder ${database} (--data-dir or OPS_CONSOLE_DATA_DIR) is a file, not a folder: give the folder that holds ops-console.db\n`,
    })
    // Before: "error: ENOTDIR: not a directory, mkdir …" and exit 1.
    const below = join(database, 'ops')
    expect(await cli(['bi', 'overview'], { OPS_CONSOLE_DATA_DIR: below })).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: The workspace folder ${below} (--data-dir or OPS_CONSOLE_DATA_DIR) cannot be used: a part of the path is a file, not a folder\n`,
    })
  })

  it('a --data-dir where no folder can be made (/proc) fails at once as bad usage', async () => {
    // Before, Node's recursive mkdir answered ENOENT there over and over: the CLI spun at full CPU.
    const started = Date.now()
    const proc = await cli(['bi', 'overview', '--data-dir', '/proc/ops-x/ws'], {}, { timeoutMs: 20_000 })
    expect(proc).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: The workspace folder /proc/ops-x/ws (--data-dir or OPS_CONSOLE_DATA_DIR) cannot be used: no folder can be made there (the file system does not allow it)\n',
    })
    expect(Date.now() - started).toBeLessThan(20_000)
    // An import (which makes its workspace once the file has rows) says the same, and no removal of
    // a workspace it never made: it said 'note: removed the new workspace in /proc/ops-x/ws again'.
    const csv = join(repoRoot, 'test/fixtures/import/canonical-utf8.csv')
    expect(
      await cli(['import', csv, '--json', '--data-dir', '/proc/ops-x/ws'], {}, { timeoutMs: 20_000 }),
    ).toEqual(proc)
    // Several missing levels in an ordinary place are still made.
    const nested = join(dir, 'new', 'deeper', 'ws')
    expect((await cli(['source', 'list', '--data-dir', nested])).code).toBe(0)
    expect(existsSync(join(nested, 'ops-console.db'))).toBe(true)
  }, 30_000)

  it('refuses a source it cannot add before opening (or creating) the workspace', async () => {
    const typo = join(dir, 'no-workspace-yet')
    const add = (...args: string[]) =>
      cli(['source', 'add', 'itsm', '--name', 'prod', ...args, '--token-env', 'T', '--data-dir', typo])
    const blocked = await add('--url', 'http://itsm.example.go.kr:6000')
    expect(blocked.code).toBe(2)
    expect(blocked.stderr).toContain('--url: port 6000 is one HTTP clients refuse to use')
    const badName = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'Prod ITSM',
      '--url',
      'https://a.example',
      '--data-dir',
      typo,
    ])
    expect(badName.code).toBe(2)
    expect(badName.stderr).toContain('--name:')
    for (const r of [blocked, badName]) expect(r.stderr).not.toContain('created a new')
    expect(existsSync(typo)).toBe(false)
    // A good one creates it, and says so.
    const added = await add('--url', 'https://itsm.example.go.kr')
    expect(added.code).toBe(0)
    expect(added.stderr).toContain(`note: created a new, empty workspace in ${typo}`)
  })

  it('refuses an import file or mapping that cannot be read before opening (or creating) the workspace', async () => {
    const typo = join(dir, 'not-yet')
    const missing = await cli(['import', join(dir, 'srs-typo.csv'), '--data-dir', typo])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(`Cannot read ${join(dir, 'srs-typo.csv')}: there is no such file`)
    expect(missing.stderr).not.toContain('created a new')
    expect(existsSync(typo)).toBe(false)
    const folder = await cli(['import', dir, '--data-dir', typo])
    expect(folder.code).toBe(2)
    expect(folder.stderr).toContain('it is a folder, not a file')
    expect(existsSync(typo)).toBe(false)
    // So is a --mapping that cannot be used. Before, the mapping was read once the workspace was
    // open: "note: created a new, empty workspace …" and "ENOENT: no such file or directory, open …".
    const csv = join(repoRoot, 'test/fixtures/import/canonical-utf8.csv')
    const mappingTypo = join(dir, 'mapping-typo.json')
    expect(await cli(['import', csv, '--mapping', mappingTypo, '--data-dir', typo])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: Cannot read the mapping file ${mappingTypo}: there is no such file\n`,
    })
    const broken = join(dir, 'broken-mapping.json')
    writeFileSync(broken, '{"columns": {"tenant": "Customer",}')
    const invalid = await cli(['import', csv, '--mapping', broken, '--data-dir', typo])
    expect(invalid.code).toBe(2)
    expect(invalid.stderr).toMatch(
      /^error: Mapping file .*broken-mapping\.json is not valid JSON at line 1, column 35: /,
    )
    expect(existsSync(typo)).toBe(false)
  })

  it('an import refused for its columns or rows into a new --data-dir leaves no workspace behind', async () => {
    const typo = join(dir, 'new-for-import')
    const fixture = (name: string) => join(repoRoot, 'test/fixtures/import', name)
    // Before, each of these first made an empty workspace there ("note: created a new, empty …").
    const refused = [
      { file: 'wrong-columns.csv', code: 2, says: 'error: Missing required columns: id, tenant' },
      { file: 'header-only.csv', code: 2, says: 'error: The file has a header row but no data rows' },
      { file: 'bad-dates.csv', code: 1, says: 'row 3, created_at: not a valid date/time' },
    ]
    for (const { file, code, says } of refused) {
      const r = await cli(['import', fixture(file), '--data-dir', typo])
      expect(r.code).toBe(code)
      expect(r.stdout + r.stderr).toContain(says)
      expect(r.stderr).not.toContain('created a new')
      expect(existsSync(typo)).toBe(false)
    }
    // A file with rows to write makes it, and says so.
    const good = await cli(['import', fixture('canonical-utf8.csv'), '--data-dir', typo])
    expect(good.code).toBe(0)
    expect(good.stderr).toContain(`note: created a new, empty workspace in ${typo}`)
    // Into a workspace that is there, a refused file is still logged as a failed run.
    expect((await cli(['import', fixture('wrong-columns.csv'), '--data-dir', typo])).code).toBe(2)
    const log = JSON.parse((await cli(['sync', 'log', '--json', '--data-dir', typo])).stdout) as {
      status: string
    }[]
    expect(log.map((e) => e.status)).toEqual(['failed', 'ok'])
  })

  it('--version prints the version of package.json (it was an unknown option, "did you mean --period?")', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
    expect((await cli(['--help'])).stdout).toMatch(/^ {2}-V, --version +print the version and exit$/m)
  })

  it('explains bad usage with exit code 2', async () => {
    const badWidget = await cli(['bi', 'nope', '--data-dir', dir])
    expect(badWidget.code).toBe(2)
    expect(badWidget.stderr).toContain('Unknown widget "nope"')
    const badZone = await cli(['bi', 'overview', '--data-dir', dir, '--tz', 'Mars/Olympus'])
    expect(badZone.code).toBe(2)
    expect(badZone.stderr).toContain('Unknown time zone')
    const badInstant = await cli(['bi', 'overview', '--data-dir', dir, '--as-of', 'yesterday'])
    expect(badInstant.code).toBe(2)
    expect(badInstant.stderr).toMatch(/ISO 8601/)
    const badRange = await cli(['bi', 'overview', '--data-dir', dir, '--from', '2026-03-10'])
    expect(badRange.code).toBe(2)
    expect(badRange.stderr).toContain('Give both from and to')
  })

  it('a number option takes digits only: "1e2", "5e3" or "5x" are refused, not read as 1, 5 or 5', async () => {
    // Before: one month of MTTR, exit 0 (parseInt stopped at the "e").
    expect(await cli(['bi', 'mttr-trend', '--months', '1e2', '--data-dir', dir, '--as-of', AS_OF])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: option '--months <n>' argument '1e2' is invalid. Give a whole number from 1 to 36.\n",
    })
    // Before: engineer 5's open SRs.
    const assignee = await cli([
      'bi',
      'drill-down',
      'engineer-load',
      '--assignee',
      '5x',
      '--series',
      'open',
      '--data-dir',
      dir,
    ])
    expect(assignee).toMatchObject({ code: 2, stdout: '' })
    expect(assignee.stderr).toBe('error: --assignee is a person id (from bi engineer-load) or none\n')
    // Before: "Invalid request for bi:drill-down: page: … received NaN".
    const page = await cli([
      'bi',
      'drill-down',
      'overview',
      '--series',
      'open_sr',
      '--page',
      'abc',
      '--data-dir',
      dir,
    ])
    expect(page.stderr).toBe(
      "error: option '--page <n>' argument 'abc' is invalid. Give a whole number from 1 to 1,000,000.\n",
    )
    // Before: "srCount: Too small: expected number to be >=100" (5e3 read as 5), after making the
    // workspace; now refused before it is made.
    const fresh = join(dir, 'demo-typo')
    expect(await cli(['demo', '--srs', '5e3', '--data-dir', fresh])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "error: option '--srs <count>' argument '5e3' is invalid. Give a whole number from 100 to 1,000,000.\n",
    })
    expect(existsSync(fresh)).toBe(false)
  })
})
