// The import wizard's steps as the e2e specs drive them: open it on a fresh workspace, answer its
// file chooser, and a temporary folder for the files a test writes.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { openReady } from './fixtures'

/** Opens the Sync screen of a fresh workspace (the demo declined) and the import wizard on it. */
export async function openImportWizard(page: Page): Promise<void> {
  await openReady(page, '/')
  await page.getByTestId('demo-later').click()
  await page.getByTestId('nav-sync').click()
  await page.getByTestId('import-open').click()
}

/** Answers the file chooser that clicking `button` opens with `path`. */
export async function chooseImportFile(page: Page, path: string, button = 'import-choose'): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId(button).click()
  await (await chooser).setFiles(path)
}

/** Runs `run` with a temporary folder, removed afterwards. */
export async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ops-console-e2e-import-'))
  try {
    await run(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
