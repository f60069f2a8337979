// The browser-harness stand-in for the preload (ARCHITECTURE.md "Browser harness"): the same Api type,
// carried over loopback HTTP (POST /api/invoke/<channel>) and one shared EventSource (/api/events).
import {
  EVENTS,
  type Api,
  type ApiResult,
  type EventName,
  type EventPayloads,
} from '../../../shared/ipc/contract'

type AnyListener = (payload: never) => void

export function createWebApi(baseUrl = ''): Api {
  const listeners = new Map<EventName, Set<AnyListener>>()
  let source: EventSource | null = null

  // One connection for every subscriber, opened lazily and closed when the last one leaves.
  function ensureSource(): void {
    if (source) return
    source = new EventSource(`${baseUrl}/api/events`)
    for (const event of EVENTS) {
      source.addEventListener(event, (message) => {
        const set = listeners.get(event)
        if (!set || set.size === 0) return
        let payload: unknown
        try {
          payload = JSON.parse((message as MessageEvent<string>).data)
        } catch {
          return
        }
        for (const listener of [...set]) listener(payload as never)
      })
    }
  }

  function releaseSourceIfIdle(): void {
    const active = [...listeners.values()].some((set) => set.size > 0)
    if (!active && source) {
      source.close()
      source = null
    }
  }

  return {
    async invoke(channel, request) {
      let response: Response
      try {
        // Channel names come from the contract ("domain:action"); ':' is legal in a path, so no encoding.
        response = await fetch(`${baseUrl}/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request ?? {}),
        })
      } catch {
        // fetch's own "Failed to fetch" says nothing useful to the person looking at the screen.
        return {
          ok: false,
          error: {
            code: 'UNAVAILABLE',
            message: `Cannot reach the Ops Console harness at ${location.origin || baseUrl}`,
          },
        }
      }
      const text = await response.text()
      try {
        return JSON.parse(text) as ApiResult<never>
      } catch {
        // A proxy error page or an empty body: still answer with the envelope, never throw a SyntaxError.
        return {
          ok: false,
          error: { code: 'UNAVAILABLE', message: `HTTP ${response.status} ${response.statusText}`.trim() },
        }
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set<AnyListener>()
      listeners.set(event, set)
      set.add(listener as AnyListener)
      ensureSource()
      return () => {
        set.delete(listener as AnyListener)
        releaseSourceIfIdle()
      }
    },
  }
}
