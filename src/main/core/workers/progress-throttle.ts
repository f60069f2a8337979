// Progress from a worker thread: at most one message per interval (ten a second by default: enough
// for a smooth bar, cheap for the main thread), never losing the last word. A message is `urgent`
// (sent at once) when the caller says so, e.g. the first of a new entity or the final count; the
// message held back before it is sent first, so each stage still ends on its own last figure. A
// message held back goes out when its interval ends, not only with the next one: after two quick
// pages and then a slow one, the bar would otherwise show the first page for as long as the slow
// one takes.
export type ProgressThrottle<P> = {
  push(p: P): void
  /** Sends the message held back, if any (before 'done'). */
  flush(): void
}

export function throttleProgress<P>(
  send: (p: P) => void,
  opts: { intervalMs?: number; urgent?: (p: P, lastSent: P | null) => boolean } = {},
): ProgressThrottle<P> {
  const interval = opts.intervalMs ?? 100
  let lastAt = 0
  let lastSent: P | null = null
  let pending: P | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  const sendNow = (p: P): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    pending = null
    lastAt = Date.now()
    lastSent = p
    send(p)
  }
  const flush = (): void => {
    if (pending !== null) sendNow(pending)
  }
  return {
    push(p) {
      const t = Date.now()
      const urgent = opts.urgent?.(p, lastSent) ?? false
      if (urgent || t - lastAt >= interval) {
        // An urgent message may start a new stage: the previous stage's held-back figure goes first.
        // Otherwise the held-back message is simply superseded by this newer one.
        if (urgent) flush()
        sendNow(p)
      } else {
        pending = p
        if (timer === null) {
          timer = setTimeout(flush, Math.max(0, lastAt + interval - t))
          // A figure still held back never keeps the worker alive: 'done' flushes it.
          timer.unref?.()
        }
      }
    },
    flush,
  }
}
