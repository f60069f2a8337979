import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nativeBindingPath, resolveNativeBinding } from '../../../src/main/shell/native'

const base = {
  electronVersion: '45.4.1',
  sqliteVersion: '12.11.1',
  platform: 'linux',
  arch: 'x64',
  appPath: '/repo',
  resourcesPath: '/opt/ops/resources',
}

describe('native binding location', () => {
  it('uses build/native under the app path in dev and resources/native when packaged', () => {
    expect(nativeBindingPath({ ...base, isPackaged: false })).toBe(
      join(
        '/repo',
        'build',
        'native',
        'electron-45.4.1-better-sqlite3-12.11.1-linux-x64',
        'better_sqlite3.node',
      ),
    )
    expect(nativeBindingPath({ ...base, isPackaged: true })).toBe(
      join(
        '/opt/ops/resources',
        'native',
        'electron-45.4.1-better-sqlite3-12.11.1-linux-x64',
        'better_sqlite3.node',
      ),
    )
  })

  it('returns the path when the file exists', () => {
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists: () => true })).toContain(
      'electron-45.4.1-better-sqlite3-12.11.1-linux-x64',
    )
  })

  it('never takes the build of an older better-sqlite3 for the one installed', () => {
    // Built for 12.11.1; better-sqlite3 then upgraded to 12.12.0 (Electron unchanged). The script
    // skips a build whose file exists, so a folder shared by both versions kept the old module.
    const built = nativeBindingPath({ ...base, isPackaged: false })
    const exists = (path: string) => path === built
    expect(() =>
      resolveNativeBinding({ ...base, sqliteVersion: '12.12.0', isPackaged: false, exists }),
    ).toThrow(/better-sqlite3 12\.12\.0.*node scripts\/electron-native\.mjs/)
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists })).toBe(built)
  })

  it('throws a message naming the fix when the file is missing', () => {
    expect(() => resolveNativeBinding({ ...base, isPackaged: false, exists: () => false })).toThrow(
      /node scripts\/electron-native\.mjs/,
    )
    expect(() => resolveNativeBinding({ ...base, isPackaged: true, exists: () => false })).toThrow(
      /reinstall/,
    )
  })
})

describe('scripts/electron-native.mjs', () => {
  it('looks for the build where the app loads it from, so it never skips a build the app would miss', () => {
    const root = join(import.meta.dirname, '..', '..', '..')
    const require = createRequire(join(root, 'package.json'))
    const version = (pkg: string) =>
      (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string })
        .version
    // An arch of its own, so no real build is touched; the file there makes the script stop at once.
    const arch = `vitest-${process.pid}`
    const path = nativeBindingPath({
      electronVersion: version('electron'),
      sqliteVersion: version('better-sqlite3'),
      platform: process.platform,
      arch,
      isPackaged: false,
      appPath: root,
      resourcesPath: '/unused',
    })
    // The folders made for it go again, so a checkout is left as it was.
    const made = mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, '')
    try {
      const out = execFileSync(
        process.execPath,
        [join(root, 'scripts', 'electron-native.mjs'), `--arch=${arch}`],
        {
          encoding: 'utf8',
          // Should it look elsewhere and build, it fails at once, offline: no such headers.
          env: { ...process.env, ELECTRON_NODEDIR: join(root, 'no-such-electron-headers') },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      expect(out.trim()).toBe(`[electron-native] up to date: ${path}`)
    } finally {
      rmSync(made ?? dirname(path), { recursive: true, force: true })
    }
  })
})
