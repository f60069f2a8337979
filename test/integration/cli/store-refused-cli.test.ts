// The command line when the disk refuses the workspace's writes (the CLI run under `ulimit -f`, which
// SQLite meets as a disk I/O error, as on a failing or full drive): `sync` and other commands say what
// happened and what to do, naming the workspace folder, instead of SQLite's "disk I/O error" or an
// internal error; exit code 1 as for any failed run. A sync resumes where it stopped once it can write.
import { mkdtempSync, rmSync } from 'node:fs'
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
    expect(refused.stdout).toContain('itsm:prod: failed')
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
