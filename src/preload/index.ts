// The narrow preload (ARCHITECTURE.md "Walls"): window.api is `invoke` over the contract's channels
// and `on` over its events, nothing else: no ipcRenderer, no send, no fs, no shell, no path.
// Built as CommonJS (out/preload/index.cjs) because sandboxed preloads cannot be ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { isChannel, isEventName, type Api, type ApiResult } from '../shared/ipc/contract'

function refused<T>(code: 'NOT_FOUND' | 'INTERNAL', message: string): ApiResult<T> {
  return { ok: false, error: { code, message } }
}

/** The whole of window.api; the Exploit tests pin its keys. */
export const api = {
  invoke(channel, request) {
    // Checked here too, not only in main: a channel outside the contract never reaches IPC at all.
    if (!isChannel(channel)) {
      return Promise.resolve(refused('NOT_FOUND', `Unknown channel: ${String(channel).slice(0, 80)}`))
    }
    return ipcRenderer.invoke(channel, request).catch((err: unknown) =>
      // invoke rejects only when the request cannot be cloned or the main process is gone.
      refused('INTERNAL', `IPC failed for ${channel}: ${err instanceof Error ? err.message : String(err)}`),
    )
  },
  on(event, listener) {
    if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event).slice(0, 80)}`)
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    // The IpcRendererEvent (with its sender) never reaches the page: only the payload does.
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
      listener(payload as never)
    }
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  },
} satisfies Api

contextBridge.exposeInMainWorld('api', api)
