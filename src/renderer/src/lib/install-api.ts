import { createWebApi } from './web-api'

/** True in the browser-harness bundle (vite mode 'web'); a build-time constant everywhere else. */
export const IS_WEB_HARNESS = import.meta.env.MODE === 'web'

/**
 * Provides window.api in the browser harness. The Electron preload defines it before any script
 * runs; the MODE test is a build-time constant, so the Electron bundle drops web-api.ts entirely.
 */
export function installApi(): void {
  if (IS_WEB_HARNESS && !('api' in window)) {
    Object.defineProperty(window, 'api', { value: createWebApi(), configurable: false, writable: false })
  }
}
