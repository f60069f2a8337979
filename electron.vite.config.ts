// electron-vite: main (ESM, dependencies left as runtime imports so better-sqlite3 stays a native
// require), preload (CommonJS index.cjs with its imports bundled: sandboxed preloads can neither be
// ES modules nor require packages), renderer (index.html + settings.html).
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { buildCsp } from './src/main/shell/security'

/** Env var through which the dev build tells the Electron main process the inline-script hashes. */
const DEV_HASHES_ENV = 'OPS_CONSOLE_DEV_CSP_SCRIPT_HASHES'

/**
 * Rewrites the pages' CSP <meta> (or adds one) from security.ts, the single source of the policy:
 * file:// pages get no response headers, so the meta is what protects the packaged app. In dev,
 * the React refresh preamble (an inline module script) is allowed by its hash, nothing broader.
 */
function cspMetaPlugin(devScriptHashes: readonly string[]): Plugin {
  const meta = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i
  return {
    name: 'ops-console:csp-meta',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const csp = buildCsp({ forMeta: true, ...(ctx.server ? { devScriptHashes } : {}) })
        const tag = `<meta http-equiv="Content-Security-Policy" content="${csp}" />`
        return meta.test(html) ? html.replace(meta, tag) : html.replace(/<head>/i, `<head>\n    ${tag}`)
      },
    },
  }
}

export default defineConfig(({ command }) => {
  const devScriptHashes =
    command === 'serve'
      ? [
          `'sha256-${createHash('sha256').update(react.preambleCode.replace('__BASE__', '/')).digest('base64')}'`,
        ]
      : []
  // electron-vite starts Electron from this process, so the child inherits this variable.
  if (command === 'serve') process.env[DEV_HASHES_ENV] = devScriptHashes.join(' ')

  return {
    main: {
      build: {
        externalizeDeps: true,
        rolldownOptions: {
          input: {
            index: resolve('src/main/index.ts'),
            'demo-worker': resolve('src/main/core/workers/demo-worker.ts'),
            'sync-worker': resolve('src/main/core/workers/sync-worker.ts'),
            'jobs-worker': resolve('src/main/core/workers/jobs-worker.ts'),
            'import-worker': resolve('src/main/core/workers/import-worker.ts'),
          },
        },
      },
    },
    preload: {
      build: {
        // Bundle zod and the contract into the preload: a sandboxed preload cannot require them.
        externalizeDeps: false,
        rolldownOptions: {
          input: { index: resolve('src/preload/index.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer: {
      root: resolve('src/renderer'),
      plugins: [react(), cspMetaPlugin(devScriptHashes)],
      build: {
        rolldownOptions: {
          input: {
            index: resolve('src/renderer/index.html'),
            settings: resolve('src/renderer/settings.html'),
          },
        },
      },
    },
  }
})
