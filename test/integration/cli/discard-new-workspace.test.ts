// The CLI import's removal of a workspace it made for a --data-dir that held none, after the import
// was cancelled or failed (lazyCliContext's discardIfMade): it removes what this command made and
// nothing else: not a workspace another program (the app, another CLI command) opened, wrote to or
// made in the same folder meanwhile.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
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
    // An option only the opening checks (--lang), so that the import's open() throws.
    const lazy = lazyCliContext({ dataDir: dir, lang: 'fr' })
    expect(lazy.exists).toBe(false)
    const app = openWorkspace({ dataDir: dir })
    setWorkspaceKind(app.store, 'live')
    app.close()
    expect(() => lazy.open()).toThrow('--lang is ko or en')
    expect(lazy.discardIfMade()).toBeNull()
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(true)
    const again = openWorkspace({ dataDir: dir })
    try {
      expect(getWorkspaceKind(again.store)).toBe('live')
    } finally {
      again.close()
    }
  })
})
