// The packaged shape of the app: runs only where an Electron binary was downloaded. The `electron`
// package is not imported (its index throws without the binary); its path.txt is read instead.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { _electron } from 'playwright-core'

function electronBinary(): string | null {
  const pkg = resolve('node_modules/electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
const projectRoot = resolve('.')
const mainEntry = resolve('out/main/index.js')
if (binary === null) {
  // The list reporter shows a skip as a bare "-": say why in the run's output too.
  console.log('Electron spec SKIPPED: no Electron binary on this machine (its download is not reachable).')
}

test.describe('Electron app', () => {
  test.skip(
    binary === null,
    'Electron binary not present on this machine (its download is not reachable): skipped',
  )
  test.skip(!existsSync(mainEntry), 'out/main/index.js missing: run `npm run build` first')
  // The Electron-ABI better-sqlite3 the app loads, built as `npm start` builds it (nothing to do when
  // it is there already; the first time it compiles, which takes a minute or two).
  test.beforeAll(() => {
    test.setTimeout(600_000)
    execFileSync(process.execPath, [resolve('scripts/electron-native.mjs')], { stdio: 'inherit' })
  })

  test('opens the console window with the narrow window.api and loads the overview', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ops-console-electron-'))
    const app = await _electron.launch({
      executablePath: binary ?? undefined,
      // The project folder, as `electron-vite preview` starts it: Electron reads package.json's main
      // and takes the folder as app.getAppPath(), where the app finds resources/migrations and its
      // native module under build/native. Given out/main/index.js itself, Electron's default app
      // takes that file's folder (out/main) as the app path, and neither would be found.
      args: [projectRoot, '--no-sandbox'],
      env: { ...process.env, OPS_CONSOLE_DATA_DIR: dataDir },
    })
    try {
      const win = await app.firstWindow()
      await expect(win.getByTestId('app-ready')).toBeAttached({ timeout: 30_000 })
      expect(await win.title()).toBe('Ops Console')
      // The preload must expose exactly these two functions: no ipcRenderer, fs or shell.
      const api = await win.evaluate(() => {
        const value: unknown = Reflect.get(globalThis, 'api')
        return value && typeof value === 'object'
          ? Object.entries(value)
              .map(([key, fn]) => `${key}:${typeof fn}`)
              .sort()
          : []
      })
      expect(api).toEqual(['invoke:function', 'on:function'])

      const firstRun = win.getByTestId('first-run')
      if (await firstRun.isVisible()) await firstRun.getByTestId('demo-create').click()
      await expect(win.getByTestId('overview')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
      await expect(win.getByTestId('card-open_sr').getByTestId('card-value')).toHaveText(/\d/)
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
