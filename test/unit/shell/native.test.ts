import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { nativeBindingPath, resolveNativeBinding } from '../../../src/main/shell/native'

const base = {
  electronVersion: '45.4.1',
  platform: 'linux',
  arch: 'x64',
  appPath: '/repo',
  resourcesPath: '/opt/ops/resources',
}

describe('native binding location', () => {
  it('uses build/native under the app path in dev and resources/native when packaged', () => {
    expect(nativeBindingPath({ ...base, isPackaged: false })).toBe(
      join('/repo', 'build', 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node'),
    )
    expect(nativeBindingPath({ ...base, isPackaged: true })).toBe(
      join('/opt/ops/resources', 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node'),
    )
  })

  it('returns the path when the file exists', () => {
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists: () => true })).toContain(
      'electron-45.4.1-linux-x64',
    )
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
