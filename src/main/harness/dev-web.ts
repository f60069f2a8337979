// `npm run dev:web`: the renderer in any browser against the real core, with hot reload.
// The harness API listens on its own loopback port; vite serves the pages and proxies /api to it.
import { resolve } from 'node:path'
import { createServer } from 'vite'
import { startHarnessServer } from './server'

const dataDir = resolve(process.env.OPS_CONSOLE_DATA_DIR ?? '.data/web')
const harness = await startHarnessServer({ dataDir, port: Number(process.env.OPS_CONSOLE_HARNESS_PORT ?? 0) })

const vite = await createServer({
  configFile: resolve('vite.web.config.ts'),
  mode: 'web',
  server: {
    host: '127.0.0.1',
    // changeOrigin sends the harness's own Host header, which its DNS-rebinding guard expects.
    proxy: { '/api': { target: harness.url, changeOrigin: true } },
  },
})
await vite.listen()

const local = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port ?? 5173}/`
console.log(
  `Ops Console (web harness)\n  data:     ${dataDir}\n  api:      ${harness.url}\n  console:  ${local}\n  settings: ${local}settings.html`,
)

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await vite.close()
  await harness.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
