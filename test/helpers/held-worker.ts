// The test's side of held-ts-worker.mjs: where the worker stops, and the word that lets it go.
export type HoldAt = {
  /** The import progress phase to stop at (any phase when absent). */
  phase?: string
  /** The sync progress entity to stop at (any entity when absent). */
  entity?: string
  /** Only a message of at least this many rows. */
  minRows?: number
  /** Only a message of fewer rows than its total (not the phase's last word). */
  belowTotal?: boolean
}

export type WorkerHold = {
  /** workerData for held-ts-worker.mjs (with the tsEntry it runs). */
  data: { tsEntry: string; hold: { at: HoldAt; gate: SharedArrayBuffer } }
  /** Whether the worker has reached the hold (and waits there until release()). */
  reached(): boolean
  /** Lets the worker go on; harmless when it never stopped or was let go already. */
  release(): void
}

export const heldWorkerFile = new URL('./held-ts-worker.mjs', import.meta.url)

export function holdWorker(tsEntry: string, at: HoldAt): WorkerHold {
  const gate = new SharedArrayBuffer(8)
  const cells = new Int32Array(gate)
  return {
    data: { tsEntry, hold: { at, gate } },
    reached: () => Atomics.load(cells, 1) === 1,
    release() {
      Atomics.store(cells, 0, 1)
      Atomics.notify(cells, 0)
    },
  }
}
