// Runs a TypeScript worker entry under tsx (tests only; the app runs the bundled JavaScript).
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.tsEntry)
