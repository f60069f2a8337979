// The command line when the disk refuses the workspace's writes (the CLI run under `ulimit -f`, which
// SQLite meets as a disk I/O error, as on a failing or full drive): `sync` and other commands say what
// happened and what to do, naming the workspace folder, instead of SQLite's "disk I/O error" or an
// internal error; exit code 1 as for any failed run. A sync resumes where it stopped once it can write.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { DATABASE_FILE } from '../../../src/main/core/workspace'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'

const TOKEN = 'cli-store-refused-token-4b7e'
const SRS = 4000

describe.skipIf(process.platform === 'win32')('commands the disk refuses', () => {
  let tmp: string
  let sim: ItsmSimulator
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'ops-store-refused-cli-'))
    sim = await startItsmSimulator({ seed: 9, srCount: SRS, token: TOKEN })
  })
  afterAll(async () => {
    await sim.close()
    rmSync(tmp, { recursive: true, force: true })
  })

  it('sync says the disk failed, naming the folder and that the next sync resumes; it then does', async () => {
    const dir = join(tmp, 'sync')
    const env = { ITSM_TOKEN: TOKEN }
    const add = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'prod',
      '--url',
      sim.url,
      '--token-env',
      'ITSM_TOKEN',
      '--data-dir',
      dir,
    ])
    expect(add.code).toBe(0)
    const refused = await cli(['sync', '--data-dir', dir], env, { fileSizeLimitKb: 1024 })
    expect(refused.code).toBe(1)
    // Before: '  disk I/O error (ITSM REST connection "prod", service requests)'.
    expect(refused.stdout).toContain('ITSM REST connection "prod": failed')
    expect(refused.stdout).toContain(
      `\n  The workspace's disk failed to write (disk I/O error: the drive or network share holding ${dir} went away or failed, or a file-size limit was reached): check that drive and sync again. The pages being written were not saved and the sync position stayed before them: the next sync resumes there, and the pages saved before are kept. (ITSM REST connection "prod", `,
    )
    const db = (): number => {
      const handle = new Database(join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true })
      try {
        return (handle.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number }).n
      } finally {
        handle.close()
      }
    }
    const kept = db()
    expect(kept).toBeLessThan(SRS)

    // The drive can be written again: the next sync brings the rest, not the kept pages again.
    const again = await cli(['sync', '--json', '--data-dir', dir], env)
    expect(again.code).toBe(0)
    const [outcome] = JSON.parse(again.stdout) as { status: string; rows: number }[]
    expect(outcome?.status).toBe('ok')
    expect(db()).toBe(SRS)
  }, 120_000)

  // 1 KB: the migrations' first table is refused; 50 KB: their commit is, which SQLite rolls back
  // itself, and the ROLLBACK that failed after it was all that was said of it.
  it.each([1, 50])(
    "a new --data-dir its disk refuses (%i KB limit) is said in the command line's words, and removed again",
    async (kb) => {
      const parent = join(tmp, `new-${kb}`)
      const dir = join(parent, 'ws')
      const said = `error: Could not make the new workspace in ${dir}: its disk failed to write (disk I/O error: the drive or network share holding it went away or failed, or a limit on file sizes was reached, such as \`ulimit -f\` sets): check that drive and any such limit, then run the command again\n`
      const list = await cli(['source', 'list', '--data-dir', dir], {}, { fileSizeLimitKb: kb })
      expect(list.code).toBe(1)
      // Before: 'error: Cannot update the database …/ops-console.db with the migrations in …:
      // Failed to run the query 'ROLLBACK'' (or the CREATE TABLE of drizzle's own table), and the
      // half-made database stayed in the new folder.
      expect(list.stderr).toBe(`note: removed the half-made workspace in ${dir} again\n${said}`)
      expect(existsSync(parent)).toBe(false)

      const file = join(tmp, `one-${kb}.csv`)
      writeFileSync(
        file,
        'id,tenant,title,priority,status,created_at\nSR-1,A,Printer,P3,OPEN,2026-03-02T09:00:00+09:00\n',
      )
      const imported = await cli(['import', file, '--json', '--data-dir', dir], {}, { fileSizeLimitKb: kb })
      expect(imported.code).toBe(1)
      expect(imported.stderr).toContain(
        `note: removed the new workspace in ${dir} again: nothing was imported\n`,
      )
      expect(imported.stderr).toContain(said)
      expect(imported.stderr).not.toContain('Cannot update the database')
      expect(existsSync(parent)).toBe(false)
    },
    120_000,
  )

  it('another command writing the workspace says the same, not an internal error (exit 1)', async () => {
    const dir = join(tmp, 'demo')
    expect((await cli(['bi', 'overview', '--data-dir', dir])).code).toBe(0)
    const r = await cli(['demo', '--srs', '20000', '--data-dir', dir], {}, { fileSizeLimitKb: 1024 })
    expect(r.code).toBe(1)
    // Before: 'error: INTERNAL: Internal error: disk I/O error'.
    expect(r.stderr).toContain(
      `error: UNAVAILABLE: The workspace's disk failed to read or write (disk I/O error: the drive or network share holding ${dir} went away or failed, or a file-size limit was reached): check that drive and try again.`,
    )
  }, 120_000)
})
