// The slips an operator makes with `source`, `sync` and `import`, each said as what was wrong and
// what to type instead (exit code 2), before anything is read, written or made.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, repoRoot } from '../../helpers/cli'

const fixtures = join(repoRoot, 'test/fixtures/import')

describe('the command line after an operator slip', () => {
  let tmp: string
  let ws: string
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'ops-mistakes-cli-'))
    ws = join(tmp, 'ws')
    // Connections need no server to be named; a file import's rows are kept under import:hr.
    for (const [kind, name, ...rest] of [
      ['itsm', 'prod', '--token-env', 'ITSM_TOKEN'],
      ['servicenow', 'sn-seoul', '--user', 'u', '--password-env', 'SN_PASSWORD'],
    ] as const) {
      const add = await cli([
        'source',
        'add',
        kind,
        '--name',
        name,
        '--url',
        'https://itsm.example.go.kr',
        ...rest,
        '--data-dir',
        ws,
      ])
      expect(add.code).toBe(0)
    }
    const imported = await cli([
      'import',
      join(fixtures, 'canonical-utf8.csv'),
      '--source',
      'hr',
      '--data-dir',
      ws,
    ])
    expect(imported.code).toBe(0)
  }, 60_000)
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))

  it('a secret typed on the command line is refused, never repeated, pointing to its -env option', async () => {
    const fresh = join(tmp, 'secret-new')
    const add = ['source', 'add', 'itsm', '--name', 'p2', '--url', 'https://itsm.example.go.kr']
    const secret = 'tok-9f3Kq7ZpWm'
    const cases: [string[], string][] = [
      // Before: "unknown option '--token'" (no hint: too far from --token-env for commander's guess).
      [
        [...add, '--token', secret],
        "--token is not taken: a token typed on the command line stays in the shell's history and shows in the process list. Put it in an environment variable and name that: --token-env ITSM_TOKEN",
      ],
      [
        ['source', 'update', 'sn-seoul', '--password', secret],
        "--password is not taken: a password typed on the command line stays in the shell's history and shows in the process list. Put it in an environment variable and name that: --password-env SN_PASSWORD",
      ],
      [
        ['source', 'proxy', 'prod', 'http://proxy.example.go.kr:8080', '--user', 'u', '--password', secret],
        "--password is not taken: a proxy password typed on the command line stays in the shell's history and shows in the process list. Put it in an environment variable and name that: --password-env PROXY_PASSWORD",
      ],
      // Before: '--token-env: An environment variable name, e.g. ITSM_TOKEN' (the token given, as
      // `--token-env $ITSM_TOKEN` unquoted gives it).
      [
        [...add, '--token-env', secret],
        '--token-env takes the name of the environment variable holding the token (letters, digits and _, such as ITSM_TOKEN), ' +
          'and what was given is none (it is not repeated here, in case it was the token itself): export ITSM_TOKEN=… and give --token-env ITSM_TOKEN',
      ],
      [
        [...add, '--token-env', '$ITSM_TOKEN'],
        '--token-env takes the variable\'s name without "$": --token-env ITSM_TOKEN',
      ],
    ]
    for (const [args, said] of cases) {
      const r = await cli([...args, '--data-dir', args[1] === 'add' ? fresh : ws])
      expect(r).toEqual({ code: 2, stdout: '', stderr: `error: ${said}\n` })
    }
    // Refused before the workspace is opened: none was made for it, and the others stayed as they were.
    expect(existsSync(fresh)).toBe(false)
    const list = JSON.parse((await cli(['source', 'list', '--json', '--data-dir', ws])).stdout) as {
      name: string
      config: Record<string, unknown>
    }[]
    expect(list.map((s) => s.name)).toEqual(['prod', 'sn-seoul'])
    expect(list.find((s) => s.name === 'prod')?.config['proxy']).toBeUndefined()
    expect(list.find((s) => s.name === 'sn-seoul')?.config['passwordEnv']).toBe('SN_PASSWORD')
  })

  it('source list names each kind as the app does, its URLs in one column whatever the names', async () => {
    const own = join(tmp, 'list')
    for (const [kind, name] of [
      ['itsm', 'seoul-city-hall-itsm-production'],
      ['servicenow', 'sn'],
    ] as const) {
      const add = [
        'source',
        'add',
        kind,
        '--name',
        name,
        '--url',
        'https://x.example.go.kr',
        '--token-env',
        'T',
      ]
      expect((await cli([...add, '--data-dir', own])).code).toBe(0)
    }
    // Before: 'seoul-city-hall-itsm-production itsm        https://…' and 'sn               servicenow  https://…':
    // the keys, and a name over 16 characters pushed its URL out of the column.
    const lines = (await cli(['source', 'list', '--data-dir', own])).stdout.split('\n')
    expect(lines.filter((l) => !l.startsWith(' '))).toEqual([
      'seoul-city-hall-itsm-production  ITSM REST   https://x.example.go.kr',
      'sn                               ServiceNow  https://x.example.go.kr',
      '',
    ])
  })

  it('a --source one slip away from a connection asks "did you mean"', async () => {
    // Before: 'error: No connection named "prd" (the connections: prod, sn-seoul)'.
    expect(await cli(['sync', '--source', 'prd', '--data-dir', ws])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: No connection named "prd": did you mean "prod"? (the connections: prod, sn-seoul)\n',
    })
    // Capitals, and two letters swapped, as `source test` and `source remove` take the name too.
    expect((await cli(['source', 'test', 'SN-Seoul', '--data-dir', ws])).stderr).toBe(
      'error: No connection named "SN-Seoul": did you mean "sn-seoul"? (the connections: prod, sn-seoul)\n',
    )
    expect((await cli(['source', 'remove', 'sn-seuol', '--data-dir', ws])).stderr).toContain(
      'did you mean "sn-seoul"?',
    )
    // Nothing near: no guess.
    expect((await cli(['sync', '--source', 'staging', '--data-dir', ws])).stderr).toBe(
      'error: No connection named "staging" (the connections: prod, sn-seoul)\n',
    )
  })

  it('a --source naming file imports says they are not synced, with --full too', async () => {
    // Before: 'No connection named "hr" (the connections: prod, sn-seoul)', though `sync log` lists
    // "file import (hr)" and the SRs are kept under it.
    const said =
      'is not a connection: it is the source name of file imports (import FILE --source hr), which are not synced; ' +
      'import the file again to bring in its changes (the connections: prod, sn-seoul)\n'
    for (const args of [
      ['sync', '--source', 'hr', '--full'],
      ['sync', 'sr', '--source', 'import:hr'],
    ]) {
      const r = await cli([...args, '--data-dir', ws])
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(`error: "${args.at(-1) === '--full' ? 'hr' : 'import:hr'}" ${said}`)
    }
    // Nothing was synced or logged.
    const log = JSON.parse((await cli(['sync', 'log', '--json', '--data-dir', ws])).stdout) as {
      source: string
    }[]
    expect(log.map((e) => e.source)).toEqual(['import:hr'])
  })

  it('sync with a mistyped or misplaced argument says what it takes and what was meant', async () => {
    // Before: 'error: sync takes "sr", "all" or "log"' whatever was typed.
    expect((await cli(['sync', 'srs', '--data-dir', ws])).stderr).toBe(
      'error: sync takes sr, all or log, not "srs": did you mean sr?\n',
    )
    expect(await cli(['sync', 'prod', '--data-dir', ws])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: sync takes sr, all or log, not "prod"; to sync one connection: sync --source prod\n',
    })
  })

  it("an --format there is no reader for is the option's mistake, said before the file is read", async () => {
    const csv = join(fixtures, 'canonical-utf8.csv')
    const fresh = join(tmp, 'format-new')
    // Before: 'Unknown format "xls": use csv, xlsx, json (--format xls read this .csv file as XLS;
    // without --format it is read as CSV)': it had read nothing as XLS.
    expect(await cli(['import', csv, '--format', 'xls', '--data-dir', fresh])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: --format takes csv, xlsx or json, not "xls": old Excel .xls workbooks are not read; save the sheet as .xlsx or CSV and import that\n',
    })
    expect((await cli(['import', csv, '--format', 'tsv', '--dry-run'])).stderr).toBe(
      'error: --format takes csv, xlsx or json, not "tsv" (without --format, the file\'s extension says which)\n',
    )
    expect(existsSync(fresh)).toBe(false)
    // Its capitals are no mistake.
    expect((await cli(['import', csv, '--format', 'CSV', '--dry-run'])).code).toBe(0)
  })

  it('a mapping file that is not JSON is said at its line and column, with the line', async () => {
    const csv = join(fixtures, 'custom-layout.csv')
    const trailing = join(tmp, 'trailing-comma.json')
    writeFileSync(
      trailing,
      '{\n  "columns": {\n    "id": "Ticket No",\n    "tenant": "Customer",\n  },\n  "timeZone": "Asia/Seoul"\n}\n',
    )
    // Before: '… is not valid JSON: Expected double-quoted property name in JSON at position 68' (characters from its start).
    expect(await cli(['import', csv, '--mapping', trailing, '--dry-run'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `error: Mapping file ${trailing} is not valid JSON at line 5, column 3: Expected double-quoted property name; ` +
        'JSON allows no comma after the last entry\n  5 |   },\n',
    })
    const colon = join(tmp, 'no-colon.json')
    writeFileSync(colon, '\uFEFF{"columns": {"id" "Ticket No"}}')
    expect((await cli(['import', csv, '--mapping', colon, '--dry-run'])).stderr).toBe(
      `error: Mapping file ${colon} is not valid JSON at line 1, column 19: Expected ':' after property name\n` +
        '  1 | {"columns": {"id" "Ticket No"}}\n',
    )
  })
})
