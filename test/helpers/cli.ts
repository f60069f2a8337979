// Runs the CLI as a user does: a real process (tsx) in the repository root.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
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
}

/** Starts `node --import tsx src/main/cli/index.ts …args` as a child whose output is kept. */
export function spawnCli(args: string[], env: Record<string, string> = {}): SpawnedCli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
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
  return { child, stdout: () => stdout, stderr: () => stderr, seen, exited }
}
