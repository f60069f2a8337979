// The renderer as a plain web app for the browser harness (ARCHITECTURE.md "Browser harness"):
// mode 'web' makes lib/install-api.ts provide window.api over HTTP. The Electron build of the same
// renderer is electron.vite.config.ts.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), 'src/renderer')

/**
 * Dev server only: React Fast Refresh injects an inline preamble script and HMR talks over a
 * WebSocket, both of which the production CSP (script-src 'self') rightly refuses. Built files keep
 * the strict policy untouched.
 */
function devCsp(): Plugin {
  return {
    name: 'ops-console:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: wss:")
    },
  }
}

export default defineConfig({
  mode: 'web',
  root,
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: resolve(root, '../../out/web'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(root, 'index.html'),
        settings: resolve(root, 'settings.html'),
      },
    },
  },
})
