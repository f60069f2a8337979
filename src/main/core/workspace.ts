// A workspace is a data folder holding the local store. The app, the CLI and the browser harness all
// open it the same way; only the Electron app passes an Electron-ABI native binding.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase, type Store } from './db/open-database'

export const DATABASE_FILE = 'ops-console.db'

export type Workspace = { dataDir: string; store: Store; close(): void }

/**
 * Finds resources/migrations by walking up from this module: works from the source tree (tests,
 * CLI under tsx) and from the bundled out/main folder.
 */
export function defaultMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'migrations')
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate
    dir = dirname(dir)
  }
  throw new Error('resources/migrations not found next to the application')
}

/** Opens (creating and migrating as needed) the store in `dataDir`. */
export function openWorkspace(opts: {
  dataDir: string
  migrationsFolder?: string
  nativeBinding?: string
}): Workspace {
  const dataDir = resolve(opts.dataDir)
  const store = openDatabase(join(dataDir, DATABASE_FILE), {
    migrationsFolder: opts.migrationsFolder ?? defaultMigrationsFolder(),
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  })
  return { dataDir, store, close: () => store.close() }
}
