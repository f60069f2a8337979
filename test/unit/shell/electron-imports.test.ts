// The wall of ARCHITECTURE.md: only src/main/index.ts, src/main/shell/ and src/preload/ load
// `electron` at run time, so the core, the CLI, the harness and the renderer run without it.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..', '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return /\.(m|c)?(t|j)sx?$/.test(entry.name) ? [path] : []
  })
}

// Static imports/exports (type-only ones excepted: they vanish at compile time), require and import().
const ELECTRON_IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]electron(?:\/[^'"]*)?['"]|\brequire\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)|\bimport\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)/m

function allowed(rel: string): boolean {
  const posix = rel.split(sep).join('/')
  return (
    posix === 'src/main/index.ts' || posix.startsWith('src/main/shell/') || posix.startsWith('src/preload/')
  )
}

describe('electron import wall', () => {
  it('the pattern catches the forms it must', () => {
    for (const code of [
      "import { app } from 'electron'",
      'import electron from "electron"',
      "import 'electron'",
      "export { app } from 'electron'",
      "const e = require('electron')",
      "await import('electron/main')",
    ]) {
      expect(ELECTRON_IMPORT.test(code), code).toBe(true)
    }
    expect(ELECTRON_IMPORT.test("import type { Session } from 'electron'")).toBe(false)
    expect(ELECTRON_IMPORT.test("import { x } from 'electron-store-like'")).toBe(false)
  })

  it('no file outside src/main/index.ts, src/main/shell/ and src/preload/ imports electron', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .map((file) => relative(root, file))
      .filter((rel) => !allowed(rel))
      .filter((rel) => ELECTRON_IMPORT.test(readFileSync(join(root, rel), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('the pure shell modules that tests load do not import electron at run time', () => {
    for (const name of [
      'ipc-registration.ts',
      'security.ts',
      'settings-service.ts',
      'window-state.ts',
      'safe-storage-secrets.ts',
      'secret-store-types.ts',
      'native.ts',
      'shell-handlers.ts',
    ]) {
      const text = readFileSync(join(root, 'src', 'main', 'shell', name), 'utf8')
      expect(ELECTRON_IMPORT.test(text), name).toBe(false)
    }
  })
})
