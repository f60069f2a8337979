// A fetch for a sync run in this thread (HttpDeps.fetch) that holds the requests a test picks until
// the test lets them go: a test that must act while the sync is on a given collection of a given
// server (edit or remove the connection being pulled) then does so however slowly its own code runs,
// instead of racing the sync to the end of that collection.
import type { FetchLike } from '../../src/main/core/sources/http'

export type FetchHold = {
  fetch: FetchLike
  /** Resolves once a held request has been made (it waits until release()). */
  reached: Promise<void>
  /** Lets every held request go, and those made later through at once. */
  release(): void
}

export function holdFetch(holds: (url: string) => boolean): FetchHold {
  let release = (): void => {}
  const gate = new Promise<void>((resolve) => (release = resolve))
  let released = false
  let reach = (): void => {}
  const reached = new Promise<void>((resolve) => (reach = resolve))
  const fetchHeld: FetchLike = async (input, init) => {
    if (!released && holds(input)) {
      reach()
      // A held request can still be cancelled or time out, as one the server is slow to answer.
      const signal = init.signal
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(signal?.reason)
        if (signal?.aborted) {
          onAbort()
          return
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        void gate.then(() => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        })
      })
    }
    return fetch(input, init)
  }
  return {
    fetch: fetchHeld,
    reached,
    release() {
      released = true
      release()
    },
  }
}
