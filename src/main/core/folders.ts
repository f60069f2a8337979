// Making the workspace's folder: the app, the CLI and the browser harness open a workspace that may
// not be there yet. Node's own recursive mkdir cannot be used for it (see makeFolders).
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** Why a folder could not be made, in words (the system's "EEXIST: … mkdir" said little). */
const FOLDER_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'the disk is full',
  // mkdir said "no such file or directory" of a folder whose parent is there: /proc, /sys and other
  // file systems that hold no folders of ours.
  ENOENT: 'no folder can be made there (the file system does not allow it)',
}

/** What went wrong with a folder, in words when the system's code is known, else its own message. */
export function folderProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? ''
  return FOLDER_PROBLEMS[code] ?? (err instanceof Error ? err.message : String(err))
}

/**
 * mkdir -p, one level at a time. Node's own `recursive: true` never returns when mkdir answers ENOENT
 * for a folder whose parent exists (under /proc it tried again forever, and the app or the CLI spun
 * at full CPU instead of failing); here that error is thrown as it comes.
 */
export function makeFolders(dir: string): void {
  const missing: string[] = []
  let at = resolve(dir)
  while (!existsSync(at)) {
    missing.unshift(at)
    const parent = dirname(at)
    if (parent === at) break
    at = parent
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder)
    } catch (err) {
      // Made meanwhile by another process: fine when it is a folder.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw err
    }
  }
}
