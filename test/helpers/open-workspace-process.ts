// Opens the workspace in the folder given as the first argument, in a process of its own, as the
// app does at start-up (core only, no Electron), and says on stdout how it went as JSON. A test runs
// it as a child it can kill: an opening that never returns would otherwise hang the test run.
import { openWorkspace } from '../../src/main/core/workspace'

try {
  openWorkspace({ dataDir: process.argv[2] ?? '' }).close()
  process.stdout.write(JSON.stringify({ ok: true }))
} catch (err) {
  process.stdout.write(
    JSON.stringify({ ok: false, message: err instanceof Error ? err.message : String(err) }),
  )
}
