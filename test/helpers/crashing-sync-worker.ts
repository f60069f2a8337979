// A sync worker that dies mid-run, as one the OS kills for its memory or a native crash would: the
// real worker (sync-worker.ts), ended with exit code 7 as soon as it reports its first SR page.
// Tests load it through ts-worker.mjs like the real entry.
import { parentPort } from 'node:worker_threads'
import type { SyncWorkerMessage } from '../../src/main/core/workers/sync-worker-protocol'

const port = parentPort
if (port) {
  const post = port.postMessage.bind(port)
  port.postMessage = (message: SyncWorkerMessage) => {
    post(message)
    if (message.type === 'progress' && message.progress.entity === 'srs' && message.progress.rows > 0)
      process.exit(7)
  }
}
await import('../../src/main/core/workers/sync-worker')
