// `npm run cli -- <command>`: headless use of the same core (SPEC §11). Exit codes: 0 ok,
// 1 the command failed (message on stderr), 2 bad usage.
import { Command, CommanderError, Option } from 'commander'
import { CoreError, inWorkspace, isStoreBusy, storeFailure, STORE_BUSY_MESSAGE } from '../core/errors'
import { lazyCliContext, packageVersion, UsageError, type CliContext, type GlobalOptions } from './context'
import { call } from './invoke'
import { wholeNumber } from './options'
import { demoText, print } from './output'
import { progressOn, type Progress } from './progress'
import { addBiCommands } from './bi-commands'
import { addCohortCommands } from './cohort-commands'
import { addImportCommand } from './import-command'
import { addKpiCommands } from './kpi-commands'
import { addSimulateCommand } from './simulate-command'
import { addSyncCommands } from './sync-commands'

async function withContext(
  cmd: Command,
  run: (ctx: CliContext, opts: GlobalOptions, progress: Progress) => Promise<void>,
): Promise<void> {
  const opts = cmd.optsWithGlobals<GlobalOptions>()
  const progress = progressOn(process.stderr, { enabled: !opts.json })
  const lazy = lazyCliContext(opts, (step, line) => progress.show(step, line))
  let ctx: CliContext
  try {
    ctx = lazy.open()
  } catch (err) {
    // A workspace this command began to make and could not (its disk refused the write) goes again,
    // with the folders made for it: the next run makes it anew, and says so.
    progress.done()
    let removed: string | null = null
    try {
      removed = lazy.discardIfMade()
    } catch {
      // What could not be removed stays; the opening's own error is the one to tell.
    }
    if (removed !== null) process.stderr.write(`note: removed the half-made workspace in ${removed} again\n`)
    throw err
  }
  try {
    await run(ctx, opts, progress)
  } catch (err) {
    // A write the workspace refused (its disk full, read-only …) is said naming its folder.
    throw inWorkspace(err, ctx.workspace.dataDir)
  } finally {
    progress.done()
    ctx.close()
  }
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** Builds the command tree (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('ops-console')
    .description('Ops Console command line: the same core as the desktop app, without a window')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .option('--data-dir <dir>', 'workspace folder (default: $OPS_CONSOLE_DATA_DIR or the app data folder)')
    .option('--json', 'print the same JSON the app receives over IPC')
    .option('--tz <zone>', 'workspace time zone (IANA), default Asia/Seoul')
    .option(
      '--as-of <instant>',
      'compute as of this instant (ISO 8601; a bare date = the end of that local day)',
    )
    .option('--from <date>', 'first local day of the range (YYYY-MM-DD)')
    .option('--to <date>', 'last local day of the range (YYYY-MM-DD, inclusive)')
    .option('--tenant <name>', 'only this tenant (기관); repeat for several', collect)
    .addOption(
      new Option('--period <period>', 'bucket or KPI period').choices(['daily', 'weekly', 'monthly']),
    )
    .addOption(new Option('--lang <lang>', 'label language').choices(['ko', 'en']))
    // Each command's --help also lists --data-dir, --json and the other global options.
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'afterAll',
      '\nExit codes: 0 success, 1 the command failed (the reason on stderr), 2 bad usage (also said on stderr).\n' +
        'A sync or import stopped by Ctrl+C or SIGTERM ends with 1; a second one later than half a second\n' +
        'quits it at once with 130 (Ctrl+C) or 143 (SIGTERM).',
    )
    .exitOverride()

  program
    .command('demo')
    .description('fill the workspace with the seeded demo data (replaces an earlier demo workspace)')
    .option('--srs <count>', 'number of service requests (100 … 1000000)', wholeNumber(100, 1_000_000))
    .option('--seed <seed>', 'random seed (0 … 2147483647)', wholeNumber(0, 2 ** 31 - 1))
    .action(async (local: { srs?: number; seed?: number }, cmd: Command) => {
      await withContext(cmd, async (ctx, opts, progress) => {
        const result = await call(ctx, 'demo:generate', {
          ...(local.srs !== undefined ? { srCount: local.srs } : {}),
          ...(local.seed !== undefined ? { seed: local.seed } : {}),
        })
        progress.done()
        print(result, opts.json, demoText)
      })
    })

  addBiCommands(program, withContext)
  addSyncCommands(program, withContext)
  addCohortCommands(program, withContext)
  addKpiCommands(program, withContext)
  addSimulateCommand(program)
  addImportCommand(program)
  return program
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' })
    return 0
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2
    if (err instanceof UsageError || (err instanceof CoreError && err.code === 'BAD_REQUEST')) {
      process.stderr.write(`error: ${err.message}\n`)
      return 2
    }
    // SQLite's own words for a store that refused a write ("database or disk is full") are said as
    // what happened and what to do.
    const message = isStoreBusy(err)
      ? STORE_BUSY_MESSAGE
      : (storeFailure(err)?.message ?? (err instanceof Error ? err.message : String(err)))
    process.stderr.write(`error: ${message}\n`)
    return 1
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (isMain) {
  // A reader that went away (`… | head`, a closed log pipe) made the next write throw EPIPE, which
  // crashed the command with a stack trace, a sync or an import in the middle of its work. Output
  // nobody reads is dropped; the command finishes and exits with its own code.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err
    })
  runCli(process.argv.slice(2)).then((code) => {
    // A command may have set a failure code itself after printing its report (e.g. a failed sync).
    process.exitCode = code !== 0 ? code : (process.exitCode ?? 0)
  })
}
