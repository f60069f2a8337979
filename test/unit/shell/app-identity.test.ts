// The console's windows belong to the installed shortcut's taskbar icon on Windows only when the
// process declares the AppUserModelID the NSIS installer gave that shortcut (electron-builder's appId).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ID, declareAppIdentity } from '../../../src/main/shell/app-identity'

const root = join(import.meta.dirname, '..', '..', '..')

function fakeApp(isPackaged: boolean) {
  const declared: string[] = []
  return { isPackaged, declared, setAppUserModelId: (id: string) => void declared.push(id) }
}

describe('the app identity on Windows', () => {
  it("declares the installer's appId in a packaged app on Windows", () => {
    const builderConfig = readFileSync(join(root, 'electron-builder.yml'), 'utf8')
    const appId = /^appId:\s*['"]?([^'"\s#]+)/m.exec(builderConfig)?.[1]
    const app = fakeApp(true)
    declareAppIdentity(app, 'win32')
    expect(app.declared).toEqual([appId])
    expect(APP_ID).toBe(appId)
  })

  it('leaves dev runs and other systems to Electron', () => {
    const dev = fakeApp(false)
    declareAppIdentity(dev, 'win32')
    const mac = fakeApp(true)
    declareAppIdentity(mac, 'darwin')
    const linux = fakeApp(true)
    declareAppIdentity(linux, 'linux')
    expect([dev.declared, mac.declared, linux.declared]).toEqual([[], [], []])
  })
})
