// The one registration helper (ARCHITECTURE.md "Walls"): every channel of the handler table goes
// through ipcMain.handle here, nowhere else. It refuses duplicates and channels outside the
// contract, answers untrusted sender frames with FORBIDDEN, and leaves parsing and error mapping
// to core's dispatch so the app, the CLI and the harness answer identically. No electron import:
// tests drive it with a fake IpcMainLike.
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isChannel, type ApiResult, type Channel } from '../../shared/ipc/contract'
import { dispatch, type HandlerTable } from '../core/dispatch'

/** The part of an invoke event the helper reads (Electron's IpcMainInvokeEvent fits). */
export type IpcInvokeEventLike = { senderFrame?: { url: string } | null }

/** The part of Electron's ipcMain the helper uses. */
export type IpcMainLike = {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

export type RegisterOptions = {
  /** True when the frame URL is one of the app's own pages. */
  isTrustedSender(frameUrl: string | undefined): boolean
  /** Told about refused senders (never the payload: it may hold secrets). */
  onRefused?(channel: Channel, frameUrl: string | undefined): void
}

export type Registration = { channels: Channel[]; dispose(): void }

// Electron's ipcMain is a process-wide singleton; tracking what we registered per ipcMain object
// turns a second registration into a clear error at start-up instead of a silent override.
const registered = new WeakMap<IpcMainLike, Set<string>>()

/** Registers every channel of `handlers` with `ipcMain.handle`; throws on a duplicate or unknown channel. */
export function registerHandlers(
  ipcMain: IpcMainLike,
  handlers: HandlerTable,
  opts: RegisterOptions,
): Registration {
  const channels = Object.keys(handlers)
  for (const channel of channels) {
    if (!isChannel(channel))
      throw new Error(`Refusing to register ${channel}: not a channel of the IPC contract`)
  }
  const taken = registered.get(ipcMain) ?? new Set<string>()
  for (const channel of channels) {
    if (taken.has(channel)) throw new Error(`Refusing to register ${channel} twice`)
  }
  registered.set(ipcMain, taken)
  const accepted = channels.filter(isChannel)
  for (const channel of accepted) {
    taken.add(channel)
    ipcMain.handle(channel, (event, payload): Promise<ApiResult<unknown>> => {
      const frameUrl = event.senderFrame?.url
      if (!opts.isTrustedSender(frameUrl)) {
        opts.onRefused?.(channel, frameUrl)
        return Promise.resolve({
          ok: false,
          error: { code: 'FORBIDDEN', message: `${channel} refused: untrusted sender` },
        })
      }
      return dispatch(handlers, channel, payload)
    })
  }
  return {
    channels: accepted,
    dispose() {
      for (const channel of accepted) {
        ipcMain.removeHandler(channel)
        taken.delete(channel)
      }
    },
  }
}

/** Merges handler tables (core + shell), throwing when two tables answer the same channel. */
export function mergeHandlerTables(...tables: HandlerTable[]): HandlerTable {
  const merged: Record<string, unknown> = {}
  for (const table of tables) {
    for (const [channel, handler] of Object.entries(table)) {
      if (Object.hasOwn(merged, channel)) throw new Error(`Two handler tables answer ${channel}`)
      merged[channel] = handler
    }
  }
  // Every key came from a HandlerTable and duplicates were refused, so the union is one too.
  return merged as HandlerTable
}

export type AppUrlOptions = {
  /** The Vite dev server URL (dev only); its origin is then trusted too. */
  devServerUrl?: string
  /** The folder holding the built renderer pages (out/renderer). */
  rendererDir: string
}

/** True for the app's own pages: file:// pages inside `rendererDir`, or the dev server origin in dev. */
export function isTrustedAppUrl(url: string | undefined, opts: AppUrlOptions): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (opts.devServerUrl) {
    try {
      if (parsed.origin !== 'null' && parsed.origin === new URL(opts.devServerUrl).origin) return true
    } catch {
      // A malformed dev server URL trusts nothing.
    }
  }
  if (parsed.protocol !== 'file:') return false
  // file://host/… is a UNC share on Windows, never our bundle.
  if (parsed.host !== '') return false
  let filePath: string
  try {
    parsed.search = ''
    parsed.hash = ''
    filePath = fileURLToPath(parsed)
  } catch {
    return false
  }
  const rel = relative(resolve(opts.rendererDir), resolve(filePath))
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}
