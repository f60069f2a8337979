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
    keepingFirstError(sqlite, () => migrate(db, { migrationsFolder: opts.migrationsFolder }))
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

/**
 * Runs `work` (the migrations), throwing the first error a statement of `sqlite` raised in it. When a
 * write in the migrations' transaction fails in a way SQLite answers by rolling the transaction back
 * itself (the disk refusing the write: full, an I/O error, a file-size limit), drizzle's own ROLLBACK
 * then fails with "cannot rollback - no transaction is active", and drizzle threw that instead of
 * what went wrong: a caller could not tell a disk refusing the new workspace from a bug.
 */
function keepingFirstError<T>(sqlite: Database.Database, work: () => T): T {
  const prepare = sqlite.prepare.bind(sqlite)
  let first: unknown = undefined
  const noted = (err: unknown): unknown => {
    first ??= err
    return err
  }
  sqlite.prepare = ((source: string) => {
    let statement
    try {
      statement = prepare(source)
    } catch (err) {
      throw noted(err)
    }
    const run = statement.run.bind(statement)
    statement.run = (...params: unknown[]) => {
      try {
        return run(...params)
      } catch (err) {
        throw noted(err)
      }
    }
    return statement
  }) as typeof sqlite.prepare
  try {
    return work()
  } catch (err) {
    // drizzle's error whose cause is the first one keeps its words (the query that failed).
    throw first === undefined || (err as { cause?: unknown }).cause === first ? err : first
  } finally {
    // Back to the prototype's prepare.
    delete (sqlite as { prepare?: unknown }).prepare
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
