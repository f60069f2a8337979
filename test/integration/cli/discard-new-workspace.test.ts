// The CLI import's removal of a workspace it made for a --data-dir that held none, after the import
// was cancelled or failed (lazyCliContext's discardIfMade): it removes what this command made and
// nothing else: not a workspace another program (the app, another CLI command) opened, wrote to or
// made in the same folder meanwhile.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { lazyCliContext } from '../../../src/main/cli/context'
import { getWorkspaceKind, setWorkspaceKind } from '../../../src/main/core/db/meta'
import { DATABASE_FILE, openWorkspace } from '../../../src/main/core/workspace'

describe('removing the workspace a CLI import made', () => {
  let root: string
  let n = 0
  /** A --data-dir that does not exist yet, under a parent that does not either. */
  const newDir = (): { parent: string; dir: string } => {
    const parent = join(root, `new-${++n}`)
    return { parent, dir: join(parent, 'ws') }
  }
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ops-discard-'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  beforeAll(() => {
    // The "created a new, empty workspace" notes.
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  })

  it('removes the workspace and the folders it made when nothing else used it', () => {
    const { parent, dir } = newDir()
    const lazy = lazyCliContext({ dataDir: dir })
    expect(lazy.exists).toBe(false)
    lazy.open()
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(true)
    expect(lazy.discardIfMade()).toBe(dir)
    expect(existsSync(parent)).toBe(false)
  })

  it('keeps it when another program has it open (the app opened the new folder during the import)', () => {
    const { dir } = newDir()
    const lazy = lazyCliContext({ dataDir: dir })
    lazy.open()
    const app = openWorkspace({ dataDir: dir })
    try {
      expect(lazy.discardIfMade()).toBeNull()
      expect(existsSync(join(dir, DATABASE_FILE))).toBe(true)
      // What the app writes now is in the workspace, not in a file removed under it.
      setWorkspaceKind(app.store, 'live')
    } finally {
      app.close()
    }
    const again = openWorkspace({ dataDir: dir })
    try {
      expect(getWorkspaceKind(again.store)).toBe('live')
    } finally {
      again.close()
    }
  })

  it('keeps it when another program wrote to it meanwhile and closed it', () => {
    const { dir } = newDir()
    const lazy = lazyCliContext({ dataDir: dir })
    lazy.open()
    const other = openWorkspace({ dataDir: dir })
    setWorkspaceKind(other.store, 'live')
    other.close()
    expect(lazy.discardIfMade()).toBeNull()
    const again = openWorkspace({ dataDir: dir })
    try {
      expect(getWorkspaceKind(again.store)).toBe('live')
    } finally {
      again.close()
    }
  })

  it('keeps a workspace another program made while the file was read, when opening it then fails', () => {
    const { dir } = newDir()
    const lazy = lazyCliContext({ dataDir: dir })
    expect(lazy.exists).toBe(false)
    // Another program made the workspace's database meanwhile, one this command cannot open (the
    // global options are checked when the command starts, so only the opening itself can fail here).
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, DATABASE_FILE), 'made by another program, not yet a database it can read')
    expect(() => lazy.open()).toThrow()
    expect(lazy.discardIfMade()).toBeNull()
    expect(readFileSync(join(dir, DATABASE_FILE), 'utf8')).toBe(
      'made by another program, not yet a database it can read',
    )
  })
})
