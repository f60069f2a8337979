// Preloaded into a CLI process by spawnCli({ stopAt }): the process stops itself (SIGSTOP) right after
// writing the stderr text OPS_TEST_STOP_AT names, the first time. A test that must signal the
// command at that point of its work (between two chunks it writes, two KPIs it recalculates) sends
// the signal while it is stopped and then SIGCONT: the signal is taken there, however late the test
// read the line. Without it the command went on while the test read, and could finish first.
const text = process.env.OPS_TEST_STOP_AT
if (text) {
  delete process.env.OPS_TEST_STOP_AT
  const write = process.stderr.write.bind(process.stderr)
  let tail = ''
  let stopped = false
  process.stderr.write = (chunk, ...rest) => {
    // A pipe's writes are synchronous on Linux: the text is in the pipe before the process stops.
    const written = write(chunk, ...rest)
    if (!stopped) {
      const said = tail + String(chunk)
      if (said.includes(text)) {
        stopped = true
        process.kill(process.pid, 'SIGSTOP')
      } else tail = said.slice(-text.length)
    }
    return written
  }
}
