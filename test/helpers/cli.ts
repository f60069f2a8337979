// Runs the CLI as a user does: a real process (tsx) in the repository root.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const repoRoot = resolve(import.meta.dirname, '../..')
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx')

/**
 * `npm run cli -- …args` with extra environment variables; never throws, returns the exit code.
 * `fileSizeLimitKb` runs it under `ulimit -f` (POSIX shells): a write that would make a file larger
 * fails as on a full disk (Node ignores SIGXFSZ, so the write gets EFBIG and SQLite a disk I/O error).
 */
export async function cli(
  args: string[],
  env: Record<string, string> = {},
  opts: { timeoutMs?: number; fileSizeLimitKb?: number } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [file, argv] =
    opts.fileSizeLimitKb === undefined
      ? [tsx, ['src/main/cli/index.ts', ...args]]
      : [
          '/bin/sh',
          [
            '-c',
            'ulimit -f "$0" && exec "$@"',
            // In POSIX sh, ulimit -f counts 512-byte blocks.
            String(opts.fileSizeLimitKb * 2),
            tsx,
            'src/main/cli/index.ts',
            ...args,
          ],
        ]
  try {
    const { stdout, stderr } = await run(file, argv, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      // A CLI that never ends is killed then (its code is null), for a test to fail instead of hang.
      ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
    })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

/** A CLI process started by `spawnCli`, with what it wrote so far and ways to wait for it. */
export type SpawnedCli = {
  child: ChildProcessWithoutNullStreams
  stdout(): string
  stderr(): string
  /** Resolves once stderr holds `text`; rejects if the process ends first (the test then fails). */
  seen(text: string): Promise<void>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /**
   * Resolves once the process is stopped (SIGSTOP; with `stopAt`, when it has written that text);
   * rejects if it ends first. Linux: reads the state in /proc.
   */
  stopped(): Promise<void>
}

const stopAtLine = new URL('./stop-at-line.mjs', import.meta.url).href

/**
 * Starts `node --import tsx src/main/cli/index.ts …args` as a child whose output is kept. `stopAt`:
 * the child stops itself (SIGSTOP) right after writing that text to stderr (stop-at-line.mjs); wait
 * for it with `stopped()`, then signal it and send SIGCONT.
 */
export function spawnCli(
  args: string[],
  env: Record<string, string> = {},
  opts: { stopAt?: string } = {},
): SpawnedCli {
  const preload = opts.stopAt === undefined ? [] : ['--import', stopAtLine]
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, 'src/main/cli/index.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env, ...(opts.stopAt === undefined ? {} : { OPS_TEST_STOP_AT: opts.stopAt }) },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  // 'close', not 'exit': the output written last has been read by then.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  )
  const seen = (text: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (!stderr.includes(text)) return
        child.stderr.off('data', check)
        resolve()
      }
      child.stderr.on('data', check)
      check()
      void exited.then(() => {
        check()
        reject(new Error(`the CLI ended before saying ${JSON.stringify(text)}; stderr:\n${stderr}`))
      })
    })
  let ended = false
  void exited.then(() => (ended = true))
  const stopped = async (): Promise<void> => {
    // /proc/PID/stat: "PID (comm) STATE …"; T is stopped by a signal. Gone: the process has ended.
    const state = (): string | undefined => {
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
        return stat.charAt(stat.lastIndexOf(')') + 2)
      } catch {
        return undefined
      }
    }
    while (!ended && state() !== 'T') await new Promise((resolve) => setTimeout(resolve, 5))
    if (ended) throw new Error(`the CLI ended before it stopped; stderr:\n${stderr}`)
  }
  return { child, stdout: () => stdout, stderr: () => stderr, seen, exited, stopped }
}
