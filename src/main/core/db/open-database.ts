// Opens (creating if needed) the workspace's SQLite file and brings its schema up to date. Core code
// never imports electron, so the app passes the path of its Electron-ABI better-sqlite3 build as
// `nativeBinding`; the CLI and tests use the Node build that npm installed.
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'
import { folderProblem, makeFolders } from '../folders'

export type Store = {
  sqlite: Database.Database
  db: BetterSQLite3Database<typeof schema>
  path: string
  close(): void
}

export type OpenDatabaseOptions = {
  /** Folder holding drizzle-kit's migrations (resources/migrations in the repo and the app bundle). */
  migrationsFolder: string
  /** Path to a better_sqlite3.node built for the running ABI (Electron). */
  nativeBinding?: string
}

/** Opens the store at `filePath`, sets the connection pragmas and applies pending migrations. */
export function openDatabase(filePath: string, opts: OpenDatabaseOptions): Store {
  // Not fs.mkdirSync's recursive mode: it never returns where no folder can be made (/proc/x).
  const folder = path.dirname(path.resolve(filePath))
  try {
    makeFolders(folder)
  } catch (err) {
    throw new Error(`Cannot create the folder ${folder} for the database: ${folderProblem(err)}`, {
      cause: err,
    })
  }
  let sqlite: Database.Database
  try {
    sqlite = new Database(filePath, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {})
  } catch (err) {
    throw new Error(`Cannot open the database ${filePath}: ${messageOf(err)}`, { cause: err })
  }
  try {
    configure(sqlite)
  } catch (err) {
    sqlite.close()
    // SQLITE_NOTADB surfaces on the first statement, not on open.
    throw new Error(
      `${filePath} is not an Ops Console database (not a SQLite file or corrupt): ${messageOf(err)}`,
      {
        cause: err,
      },
    )
  }
  const db = drizzle(sqlite, { schema })
  try {
    migrate(db, { migrationsFolder: opts.migrationsFolder })
  } catch (err) {
    sqlite.close()
    throw new Error(
      `Cannot update the database ${filePath} with the migrations in ${opts.migrationsFolder}: ${messageOf(err)}`,
      { cause: err },
    )
  }
  return {
    sqlite,
    db,
    path: filePath,
    close: () => {
      if (sqlite.open) sqlite.close()
    },
  }
}

function configure(sqlite: Database.Database): void {
  // WAL: one writer (sync worker) alongside readers (dashboards) without blocking them.
  const mode = sqlite.pragma('journal_mode = WAL', { simple: true })
  if (typeof mode === 'string' && mode.toLowerCase() !== 'wal' && mode.toLowerCase() !== 'memory') {
    throw new Error(`journal_mode WAL refused (got ${mode})`)
  }
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
  sqlite.pragma('synchronous = NORMAL')
  // A larger page cache keeps the SR indexes in memory during bulk writes (1M-row demo, big syncs).
  sqlite.pragma('cache_size = -65536')
  sqlite.pragma('temp_store = MEMORY')
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
