// The workspace's folder is made when the app or the CLI opens a workspace that is not there yet. A
// data folder where no folder can be made (OPS_CONSOLE_DATA_DIR=/proc/x) must fail at once with a
// clear message: Node's recursive mkdir answered ENOENT there over and over and never returned, so
// the app would hang at start-up at full CPU with no window and no word.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { openWorkspace } from '../../../src/main/core/workspace'
import { repoRoot } from '../../helpers/cli'

const run = promisify(execFile)

/** Opens `dataDir` in a child process killed after 20 s; what it said, or null when it was killed. */
async function openElsewhere(dataDir: string): Promise<{ ok: boolean; message?: string } | null> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/open-workspace-process.ts', dataDir],
      { cwd: repoRoot, timeout: 20_000, killSignal: 'SIGKILL' },
    )
    return JSON.parse(stdout) as { ok: boolean; message?: string }
  } catch (err) {
    if ((err as { killed?: boolean }).killed) return null
    throw err
  }
}

let dir: string | null = null
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = null
})

describe('opening a workspace in a folder that is not there yet', () => {
  it('fails at once, saying so, where the file system allows no folder (/proc)', async () => {
    const started = Date.now()
    const said = await openElsewhere('/proc/ops-x/ws')
    expect(said, 'the opening never returned (killed after 20 s)').not.toBeNull()
    expect(said).toEqual({
      ok: false,
      message:
        'Cannot create the folder /proc/ops-x/ws for the database: no folder can be made there (the file system does not allow it)',
    })
    expect(Date.now() - started).toBeLessThan(20_000)
  }, 30_000)

  it('says why when a part of the path is a file', () => {
    const base = (dir = mkdtempSync(join(tmpdir(), 'ops-open-folder-')))
    writeFileSync(join(base, 'file'), 'x')
    expect(() => openWorkspace({ dataDir: join(base, 'file', 'ws') })).toThrow(
      `Cannot create the folder ${join(base, 'file', 'ws')} for the database: a part of the path is a file, not a folder`,
    )
  })

  it('still makes several missing levels in an ordinary place', () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-open-folder-'))
    const nested = join(dir, 'new', 'deeper', 'ws')
    openWorkspace({ dataDir: nested }).close()
    expect(existsSync(join(nested, 'ops-console.db'))).toBe(true)
  })
})
