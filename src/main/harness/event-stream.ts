// Server-sent events: every event the core emits goes to every connected page.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventName, EventPayloads } from '../../shared/ipc/contract'

const HEARTBEAT_MS = 15_000

export type EventStream = {
  /** Takes over a GET /api/events request. */
  connect(req: IncomingMessage, res: ServerResponse): void
  send<E extends EventName>(event: E, payload: EventPayloads[E]): void
  close(): void
}

export function createEventStream(): EventStream {
  const clients = new Set<ServerResponse>()
  // Comments keep idle proxies (and vite's dev proxy) from closing the stream.
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': heartbeat\n\n')
  }, HEARTBEAT_MS)
  heartbeat.unref()

  return {
    connect(req, res) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      // Reconnect quickly after a harness restart; a comment flushes the headers at once.
      res.write('retry: 2000\n: connected\n\n')
      clients.add(res)
      req.on('close', () => clients.delete(res))
    },
    send(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
      for (const res of clients) res.write(frame)
    },
    close() {
      clearInterval(heartbeat)
      for (const res of clients) res.end()
      clients.clear()
    },
  }
}
