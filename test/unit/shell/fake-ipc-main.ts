// A stand-in for Electron's ipcMain: records handlers and lets tests invoke them as a frame would.
import type { IpcInvokeEventLike, IpcMainLike } from '../../../src/main/shell/ipc-registration'

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown

/** Creates a fake ipcMain whose `invoke` calls the registered handler like a renderer would. */
export function createFakeIpcMain(): IpcMainLike & {
  handlers: Map<string, Listener>
  invoke(channel: string, payload: unknown, frameUrl?: string | null): Promise<unknown>
} {
  const handlers = new Map<string, Listener>()
  return {
    handlers,
    handle(channel, listener) {
      // Electron's own ipcMain throws on a second handler too.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      handlers.set(channel, listener)
    },
    removeHandler(channel) {
      handlers.delete(channel)
    },
    async invoke(channel, payload, frameUrl = 'file:///app/out/renderer/index.html') {
      const listener = handlers.get(channel)
      if (!listener) throw new Error(`No handler registered for '${channel}'`)
      const event: IpcInvokeEventLike = { senderFrame: frameUrl === null ? null : { url: frameUrl } }
      return listener(event, payload)
    },
  }
}
