// `import FILE --source NAME`: the name the rows are kept under (import:NAME) is checked as the app's
// import wizard checks it (shared/import-source-name.ts), before the file or the workspace is opened.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'

const FILE = resolve('test/fixtures/import/canonical-utf8.csv')

describe('import --source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-cli-import-source-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses a bad source name with exit code 2 before the workspace is opened (or created)', async () => {
    const workspace = join(dir, 'not-yet')
    const cases: [string, string][] = [
      ['agency:a', 'A source name cannot contain ":"'],
      ['a'.repeat(41), 'A source name is at most 40 characters'],
      ['line\nbreak', 'control or invisible characters'],
      ['   ', 'A source name cannot be blank'],
    ]
    for (const [name, message] of cases) {
      const r = await cli(['import', FILE, '--source', name, '--data-dir', workspace])
      expect(r.code, name).toBe(2)
      // The name as JSON: a line break in it is shown as \n, not as a broken line.
      expect(r.stderr).toContain(`Cannot use --source ${JSON.stringify(name)}: `)
      expect(r.stderr).toContain(message)
      expect(r.stderr).not.toContain('created a new')
    }
    // Also for a file that does not exist: the name is the first thing checked.
    const both = await cli(['import', join(dir, 'nope.csv'), '--source', 'x:y', '--data-dir', workspace])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('cannot contain ":"')
    expect(existsSync(workspace)).toBe(false)
  }, 120_000)

  it('keeps the rows under import:NAME, the name trimmed; Korean letters and 40 characters are fine', async () => {
    const workspace = join(dir, 'ws')
    const name = '행정안전부 ITSM'
    const r = await cli(['import', FILE, '--source', ` ${name} `, '--data-dir', workspace, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'imported', written: 3, source: `import:${name}` })
    const long = await cli(['import', FILE, '--source', '가'.repeat(40), '--data-dir', workspace, '--json'])
    expect(long.code, long.stderr).toBe(0)
    expect(JSON.parse(long.stdout)).toMatchObject({ written: 3, source: `import:${'가'.repeat(40)}` })
  }, 120_000)

  it('refuses a name that differs from one in use only in its capitals, as the app does, writing nothing', async () => {
    const workspace = join(dir, 'lookalike')
    const first = await cli(['import', FILE, '--source', 'Seoul-ITSM', '--data-dir', workspace, '--json'])
    expect(first.code, first.stderr).toBe(0)
    const r = await cli(['import', FILE, '--source', 'seoul-itsm', '--data-dir', workspace])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('"seoul-itsm" differs from the existing source "Seoul-ITSM" only in capitals')
    // Nothing kept under the look-alike: the workspace still holds one import source.
    const list = await cli(['sync', 'log', '--data-dir', workspace, '--json'])
    expect(list.code, list.stderr).toBe(0)
    expect(list.stdout).not.toContain('import:seoul-itsm')
    // The name as it is in use is taken, and so is one decomposed (NFD) that composes to it.
    const same = await cli(['import', FILE, '--source', 'Seoul-ITSM', '--data-dir', workspace, '--json'])
    expect(same.code, same.stderr).toBe(0)
    const ko = '서울 ITSM'
    expect((await cli(['import', FILE, '--source', ko, '--data-dir', workspace, '--json'])).code).toBe(0)
    const nfd = await cli([
      'import',
      FILE,
      '--source',
      ko.normalize('NFD'),
      '--data-dir',
      workspace,
      '--json',
    ])
    expect(nfd.code, nfd.stderr).toBe(0)
    expect(JSON.parse(nfd.stdout)).toMatchObject({ source: `import:${ko}` })
  }, 180_000)
})
