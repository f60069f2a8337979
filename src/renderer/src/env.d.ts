/// <reference types="vite/client" />
import type { Api } from '../../shared/ipc/contract'

declare global {
  // Declaration merging onto the DOM's Window needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Exposed by the preload in Electron; by lib/web-api.ts in the browser harness. */
    api: Api
  }
}
