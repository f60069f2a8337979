// Files chosen for the import wizard, known to the renderer only by an opaque token (ARCHITECTURE.md:
// no path crosses IPC). The shell's open dialog (app) or the harness's upload route registers a
// file; import:preview and import:run resolve the token here. Tokens are random and expire.
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import type { ImportFileChoice } from '../../../shared/ipc/types-sync'
import { CoreError, reason } from '../errors'

const TTL_MS = 60 * 60_000

type Entry = { path: string; fileName: string; size: number; at: number; owned: boolean }

export type ImportFileRegistry = {
  /** Registers a file; `owned` files (harness uploads) are deleted when released or expired. */
  register(file: { path: string; fileName: string; size: number; owned?: boolean }): ImportFileChoice
  /** The file a token stands for; NOT_FOUND for an unknown or expired token. */
  resolve(token: string): { path: string; fileName: string }
  release(token: string): Promise<void>
  /** Releases every token (on shutdown). */
  clear(): Promise<void>
}

/** Creates the token registry; `now` is the clock used for expiry. */
export function createImportFileRegistry(now: () => number = Date.now): ImportFileRegistry {
  const files = new Map<string, Entry>()
  const drop = async (token: string): Promise<void> => {
    const entry = files.get(token)
    files.delete(token)
    if (entry?.owned) await rm(entry.path, { force: true })
  }
  const sweep = (): void => {
    const t = now()
    for (const [token, entry] of files) if (t - entry.at > TTL_MS) void drop(token)
  }
  return {
    register({ path, fileName, size, owned = false }) {
      sweep()
      const token = randomBytes(18).toString('base64url')
      files.set(token, { path, fileName, size, at: now(), owned })
      return { token, fileName, size }
    },
    resolve(token) {
      const entry = files.get(token)
      if (!entry)
        throw new CoreError(
          'NOT_FOUND',
          'The chosen file is no longer available: choose it again',
          reason('import_file_gone'),
        )
      return { path: entry.path, fileName: entry.fileName }
    },
    release: drop,
    async clear() {
      await Promise.all([...files.keys()].map(drop))
    },
  }
}
