// `tsx test/simulators/itsm/main.ts [port] [--seed N] [--srs N] [--token T]`: starts the ITSM REST
// simulator on 127.0.0.1 and prints its URL (the first stdout line, so scripts and `simulate itsm`
// can read it), then serves until SIGINT/SIGTERM.
import { startItsmSimulator } from './server'

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}

async function main(argv: string[]): Promise<void> {
  const positional = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'))
  const port = Number(positional[0] ?? 0)
  const seed = Number(option(argv, '--seed') ?? 1)
  const srCount = Number(option(argv, '--srs') ?? 5000)
  if (![port, seed, srCount].every(Number.isInteger)) throw new Error('port, --seed and --srs are integers')
  const token = option(argv, '--token') ?? 'sim-token'
  const sim = await startItsmSimulator({ port, seed, srCount, token })
  process.stdout.write(`${sim.url}\n`)
  // The token is a throwaway test value, printed so a developer can try the API by hand.
  process.stderr.write(`ITSM simulator: ${srCount} SRs, seed ${seed}, token ${token}\n`)
  const stop = (): void => void sim.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
