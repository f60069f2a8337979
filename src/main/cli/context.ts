// Opens the workspace and the core handler table from the CLI's global options.
import { accessSync, constants, existsSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Language } from '../../shared/domain'
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../../shared/domain'
import type { ApiResult, Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract'
import { createCoreHandlers } from '../core/api'
import {
  CoreError,
  reason,
  STORE_FAILURE_REASONS,
  storeFailureKind,
  storeFailureMessage,
  type StoreFailureKind,
} from '../core/errors'
import { dispatch } from '../core/dispatch'
import { parseInstant } from '../core/metrics/periods'
import { folderProblem, makeFolders } from '../core/folders'
import { defaultDataDir } from '../core/paths'
import { DATABASE_FILE, openWorkspace, type Workspace } from '../core/workspace'

export type GlobalOptions = {
  dataDir?: string
  json?: boolean
  tz?: string
  asOf?: string
  from?: string
  to?: string
  tenant?: string[]
  lang?: string
  period?: 'daily' | 'weekly' | 'monthly'
}

export class UsageError extends Error {}

export type CliContext = {
  workspace: Workspace
  /** Whether opening it made the workspace (its folder held none before). */
  created: boolean
  zone: string
  lang: Language
  asOf: number | null
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ApiResult<ResponseOf<C>>>
  close(): void
}

/** The version in package.json (the app's), for the core and `--version`. */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version?: string
    }
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

/**
 * The workspace folder, made if missing (unless `checkOnly`). A path naming a file (the workspace's
 * own database file is an easy slip) or a folder that cannot be made is bad usage, said as such
 * (exit 2).
 */
function prepareDataDir(dataDir: string, checkOnly = false): void {
  const where = `The workspace folder ${resolve(dataDir)} (--data-dir or OPS_CONSOLE_DATA_DIR)`
  const refuse = (err: unknown): never => {
    throw new UsageError(`${where} cannot be used: ${folderProblem(err)}`)
  }
  let found
  try {
    found = statSync(dataDir, { throwIfNoEntry: false })
  } catch (err) {
    refuse(err)
  }
  if (found && !found.isDirectory())
    throw new UsageError(
      `${where} is a file, not a folder${basename(dataDir) === DATABASE_FILE ? `: give the folder that holds ${DATABASE_FILE}` : ''}`,
    )
  if (checkOnly && !found) return
  try {
    if (!found) makeFolders(dataDir)
    // SQLite said "attempt to write a readonly database", which the core took for a damaged file.
    accessSync(dataDir, constants.R_OK | constants.W_OK)
    const database = join(dataDir, DATABASE_FILE)
    if (existsSync(database)) accessSync(database, constants.R_OK | constants.W_OK)
  } catch (err) {
    refuse(err)
  }
}

/** The workspace folder the global options name. */
export function cliDataDir(opts: GlobalOptions): string {
  return opts.dataDir ?? defaultDataDir()
}

/** The folders of `dir` and its parents that do not exist yet, innermost first. */
function missingFolders(dir: string): string[] {
  const missing: string[] = []
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.push(at)
    if (dirname(at) === at) break
  }
  return missing
}

/** The database file and the files SQLite keeps beside it while it is open. */
const DATABASE_FILES = ['', '-wal', '-shm', '-journal'].map((suffix) => `${DATABASE_FILE}${suffix}`)

/** SQLite's codes for a database another connection holds. */
const HELD_ELSEWHERE = ['SQLITE_BUSY', 'SQLITE_LOCKED']

/**
 * Whether `sqlite` is the only connection to its database, and (given `since`, its PRAGMA
 * data_version when it was opened) no other connection wrote to it since. When so, it holds the
 * database locked (exclusively) until it is closed, so that nothing opens it before its files go.
 * Leaving WAL mode needs every other connection closed: another program that has the workspace open
 * (the app, another command) makes it fail at once. A failure that is not about another connection
 * (the disk refusing the checkpoint) leaves the answer to the other checks.
 */
function aloneIn(sqlite: Database.Database, since: number | null): boolean {
  try {
    if (since !== null && sqlite.pragma('data_version', { simple: true }) !== since) return false
  } catch {
    return false
  }
  try {
    sqlite.pragma('busy_timeout = 0')
    sqlite.pragma('locking_mode = EXCLUSIVE')
    if (sqlite.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return false
    sqlite.exec('BEGIN EXCLUSIVE')
    sqlite.exec('COMMIT')
    return true
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '')
    return !HELD_ELSEWHERE.some((held) => code.startsWith(held))
  }
}

/** aloneIn for a database this command failed to open: a connection of its own, closed again. */
function probeAlone(database: string): boolean {
  let probe: Database.Database
  try {
    probe = new Database(database, { fileMustExist: true, timeout: 0 })
  } catch {
    // Not openable (a broken file): no other program uses it either.
    return true
  }
  try {
    return aloneIn(probe, null)
  } finally {
    probe.close()
  }
}

export type LazyCliContext = {
  exists: boolean
  zone: string
  open(): CliContext
  close(): void
  /**
   * Closes the workspace and, when `open` made it, removes it again: its database files, then the
   * folders this command made for it (the --data-dir and any parent that was missing), each only
   * when empty. A folder that was there before is never removed, nor anything else in one. A
   * workspace `open` began to make and failed to (its schema could not be written) goes the same way.
   * A workspace another program opened meanwhile (the app, another command: it has it open, or it
   * wrote to it), or made before `open` was called, is kept: it is that program's too.
   * Returns the workspace folder when the workspace was removed, else null (also when nothing of it
   * had been made).
   */
  discardIfMade(): string | null
}

/**
 * The workspace the global options name, opened on first use: `exists` says whether it is there
 * already. What can be checked without making it (the options, a folder that is a file) is checked
 * now. `import` opens a new workspace only once the file has rows to write, and removes it again
 * when the import is cancelled.
 */
export function lazyCliContext(
  opts: GlobalOptions,
  emitProgress?: (step: string, line: string) => void,
): LazyCliContext {
  // Every global option is checked now, before a file is read: a mistyped --lang or --as-of is said
  // at once, not after reading a large file.
  const { zone } = checkedGlobals(opts)
  const dataDir = cliDataDir(opts)
  prepareDataDir(dataDir, true)
  // Taken before anything is made: only these folders are this command's to remove.
  const madeFolders = missingFolders(dataDir)
  const database = join(dataDir, DATABASE_FILE)
  const exists = existsSync(database)
  let ctx: CliContext | null = null
  /** Whether the database was there when `open` was first called (null: not called). */
  let existedAtOpen: boolean | null = null
  /** The opened connection's PRAGMA data_version: another connection's commit changes it. */
  let openedVersion: number | null = null
  return {
    exists,
    zone,
    open: () => {
      if (ctx !== null) return ctx
      // Now, not when the command began: the file was read meanwhile, and another program (the app,
      // another command) may have made the workspace in the new folder since.
      existedAtOpen ??= existsSync(database)
      ctx = openCliContext(opts, emitProgress)
      openedVersion = ctx.workspace.store.sqlite.pragma('data_version', { simple: true }) as number
      return ctx
    },
    close: () => ctx?.close(),
    discardIfMade: () => {
      if (ctx !== null) {
        // Another program that opened the workspace, or wrote to it and closed it, made it its own too.
        const alone = ctx.created && aloneIn(ctx.workspace.store.sqlite, openedVersion)
        ctx.close()
        if (!alone) return null
      } else if (existedAtOpen !== false) {
        // Not opened, or the workspace was there when it was: nothing of this command's.
        return null
      } else if (existsSync(database) && !probeAlone(database)) {
        // Opening it failed, and another program has the workspace open meanwhile.
        return null
      }
      // Nothing made (opening failed before a file or folder was): nothing to remove, nor to say.
      let removed = false
      for (const file of DATABASE_FILES) {
        const path = join(dataDir, file)
        if (!existsSync(path)) continue
        rmSync(path, { force: true })
        removed = true
      }
      for (const folder of madeFolders) {
        try {
          rmdirSync(folder)
          removed = true
        } catch {
          // Not empty (something else was put there meanwhile), not made, or not ours to remove: kept.
          break
        }
      }
      return removed ? resolve(dataDir) : null
    },
  }
}

/** The global options --tz, --lang and --as-of, checked (a UsageError for a mistake). */
function checkedGlobals(opts: GlobalOptions): { zone: string; lang: Language; asOf: number | null } {
  const zone = opts.tz ?? process.env['OPS_CONSOLE_TZ'] ?? DEFAULT_TIME_ZONE
  if (!isValidTimeZone(zone))
    throw new UsageError(`Unknown time zone "${zone}" (use an IANA name such as Asia/Seoul)`)
  const lang: Language = opts.lang === 'en' ? 'en' : 'ko'
  if (opts.lang !== undefined && opts.lang !== 'en' && opts.lang !== 'ko')
    throw new UsageError('--lang is ko or en')
  let asOf: number | null = null
  if (opts.asOf !== undefined) {
    try {
      asOf = parseInstant(opts.asOf, zone)
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
  }
  return { zone, lang, asOf }
}

/** Validates the global options and opens the workspace they name. */
export function openCliContext(
  opts: GlobalOptions,
  emitProgress?: (step: string, line: string) => void,
): CliContext {
  const { zone, lang, asOf } = checkedGlobals(opts)
  const dataDir = cliDataDir(opts)
  prepareDataDir(dataDir)
  const created = !existsSync(join(dataDir, DATABASE_FILE))
  let workspace: Workspace
  try {
    workspace = openWorkspace({ dataDir })
  } catch (err) {
    throw openingFailure(err, resolve(dataDir), created)
  }
  // A mistyped --data-dir would otherwise import or sync into a new, empty workspace without a word.
  if (created)
    process.stderr.write(
      `note: created a new, empty workspace in ${resolve(dataDir)} (--data-dir or OPS_CONSOLE_DATA_DIR names another)\n`,
    )
  const pinned = asOf
  const handlers = createCoreHandlers({
    workspace,
    runtime: 'cli',
    version: packageVersion(),
    now: () => pinned ?? Date.now(),
    settings: () => ({ timeZone: zone, language: lang }),
    // Headless use by whoever can open the workspace files: the OS account is the gate.
    role: () => 'admin',
    emit: (event, payload) => {
      if (event === 'demo:progress' && emitProgress) {
        const p = payload as { done: number; total: number; stage: string }
        emitProgress(
          p.stage,
          `${p.stage} ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}`,
        )
      }
    },
  })
  return {
    workspace,
    created,
    zone,
    lang,
    asOf,
    invoke: (channel, request) => dispatch(handlers, channel, request) as never,
    close: () => workspace.close(),
  }
}

/** The store failure (storeFailureKind) `err` is or was caused by, or null. */
function storeFailureKindIn(err: unknown): StoreFailureKind | null {
  let at: unknown = err
  for (let depth = 0; at instanceof Error && depth < 8; depth++, at = at.cause) {
    const kind = storeFailureKind(at)
    if (kind !== null) return kind
  }
  return null
}

/**
 * Why a new workspace could not be made, in the command line's words, by what the disk refused: what
 * happened, then what to do.
 */
const NEW_WORKSPACE_REFUSED: Record<StoreFailureKind, string> = {
  full: 'its disk is full: free some space on that drive, then run the command again',
  io:
    'its disk failed to write (disk I/O error: the drive or network share holding it went away or failed, ' +
    'or a limit on file sizes was reached, such as `ulimit -f` sets): check that drive and any such limit, ' +
    'then run the command again',
  readonly:
    'its folder refused the write (its permissions changed or its drive is mounted read-only): make the ' +
    'folder writable, then run the command again',
  damaged:
    'the database file written there read back damaged (a failing drive or network share): check that ' +
    'drive, then run the command again',
}

/**
 * A workspace that could not be opened because its disk refused a write (making a new one, or
 * bringing an existing one up to date), said as what happened and what to do instead of SQLite's and
 * the migrations' own words ("Cannot update the database … Failed to run the query …"); anything
 * else as it is.
 */
function openingFailure(err: unknown, dir: string, created: boolean): unknown {
  const kind = storeFailureKindIn(err)
  if (kind === null) return err
  const message = created
    ? `Could not make the new workspace in ${dir}: ${NEW_WORKSPACE_REFUSED[kind]}`
    : storeFailureMessage(kind, dir)
  return new CoreError('UNAVAILABLE', message, reason(STORE_FAILURE_REASONS[kind], { dir }))
}
