// Runs the ServiceNow simulator on its own, for demos and manual testing of `source add servicenow`:
//   npx tsx test/simulators/servicenow/main.ts [port] [count] [seed]
import { startServiceNowSimulator } from './simulator'

const [portArg, countArg, seedArg] = process.argv.slice(2)
const sim = await startServiceNowSimulator({
  port: portArg ? Number(portArg) : 0,
  count: countArg ? Number(countArg) : 2_000,
  seed: seedArg ? Number(seedArg) : 1,
})
console.log(sim.url)
console.log(`basic auth integration:secret or bearer sn-test-token; ${sim.records.length} incidents`)
const stop = (): void => {
  void sim.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
