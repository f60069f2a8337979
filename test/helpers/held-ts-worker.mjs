// ts-worker.mjs with a hold: the worker (an import or a sync worker) stops at the first progress
// message `workerData.hold.at` matches, right after posting it, until the test lets it go
// (holdWorker() in held-worker.ts). A test that must act while the worker is in a given phase
// (cancel while it reads or writes, try a write while it holds the write lock, quit mid-sync) then
// acts in that phase however slowly its own thread runs, instead of racing the worker to its end.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

const hold = workerData.hold
if (hold && parentPort) {
  const gate = new Int32Array(hold.gate)
  const post = parentPort.postMessage.bind(parentPort)
  const { phase, entity, minRows = 0, belowTotal = false } = hold.at
  let held = false
  parentPort.postMessage = (message, transfer) => {
    post(message, transfer)
    const p = message?.type === 'progress' ? message.progress : null
    if (held || !p) return
    if ((phase !== undefined && p.phase !== phase) || (entity !== undefined && p.entity !== entity)) return
    if (p.rows < minRows || (belowTotal && !(p.rows < p.total))) return
    held = true
    // Said to the test (it may wait for it), then wait for its word; a test that failed before
    // letting go does not leave the thread waiting for ever.
    Atomics.store(gate, 1, 1)
    Atomics.notify(gate, 1)
    Atomics.wait(gate, 0, 0, 120_000)
  }
}

register()
await import(workerData.tsEntry)
