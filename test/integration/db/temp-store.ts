// A migrated store in its own temp folder, for the db and demo integration tests.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase, type Store } from '../../../src/main/core/db/open-database'

export const MIGRATIONS = fileURLToPath(new URL('../../../resources/migrations', import.meta.url))

export type TempStore = { store: Store; dir: string; file: string; dispose(): void }

/** Opens a fresh, migrated store in a new temp folder; dispose() closes and deletes it. */
export function tempStore(prefix = 'ops-db-'): TempStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const file = path.join(dir, 'nested', 'ops-console.db')
  const store = openDatabase(file, { migrationsFolder: MIGRATIONS })
  return {
    store,
    dir,
    file,
    dispose: () => {
      store.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
