// `simulate itsm|servicenow`: a loopback server speaking the ITSM REST protocol or ServiceNow's Table
// API with seeded data and optional faults, for demos, trying `source add`/`sync` by hand and tests.
// It binds 127.0.0.1 only, prints its URL as the first line of stdout (scripts read it) and then how to
// connect, and serves until SIGINT or SIGTERM. It needs no workspace.
import type { Command } from 'commander'
import { startItsmSimulator, type Faults } from '../simulators/itsm/server'
import { ENTITY_PATHS } from '../core/sources/itsm-rest/wire'
import type { SyncEntity } from '../core/sources/types'
import { startServiceNowSimulator, type SnFaults } from '../simulators/servicenow/simulator'
import { UsageError, type GlobalOptions } from './context'

type FaultSpec = { itsm: keyof Faults | null; servicenow: keyof SnFaults | null; help: string }

/** `--fault NAME=VALUE` names, shared by both simulators where they mean the same thing. */
const FAULTS: Record<string, FaultSpec> = {
  latency: { itsm: 'latencyMs', servicenow: 'latencyMs', help: 'delay every answer by VALUE ms' },
  'rate-limit': { itsm: 'rateLimit', servicenow: 'rateLimitEvery', help: 'every VALUEth request: 429' },
  'retry-after': {
    itsm: 'retryAfterSeconds',
    servicenow: 'retryAfterSeconds',
    help: 'Retry-After of those 429s, s',
  },
  'server-error': {
    itsm: 'serverErrors',
    servicenow: 'serverErrorEvery',
    help: 'every VALUEth request: 500',
  },
  timeout: { itsm: 'timeouts', servicenow: 'timeoutEvery', help: 'every VALUEth request: never answered' },
  malformed: { itsm: 'malformedJson', servicenow: 'malformedEvery', help: 'every VALUEth: HTML, not JSON' },
  truncated: { itsm: 'truncatedJson', servicenow: 'truncatedEvery', help: 'every VALUEth: JSON cut short' },
  'cut-body': {
    itsm: 'cutBody',
    servicenow: null,
    help: 'every VALUEth: the connection closed half-way through the body',
  },
  'repeat-rows': { itsm: 'repeatRows', servicenow: 'repeatRows', help: 'VALUE rows repeated per page' },
  'update-while-paging': {
    itsm: 'updateWhilePaging',
    servicenow: 'updateWhilePaging',
    help: 'VALUE served rows updated before each page',
  },
  forbidden: {
    itsm: 'forbidden',
    servicenow: null,
    help: `403 for these collections, separated by commas (${Object.values(ENTITY_PATHS)
      .map((p) => p.slice(1))
      .join(', ')})`,
  },
  'slow-page-rows': {
    itsm: 'slowPageRows',
    servicenow: null,
    help: 'pages of more than VALUE rows answered only after slow-page-ms',
  },
  'slow-page-ms': { itsm: 'slowPageMs', servicenow: null, help: 'how late those pages come, ms (60000)' },
  'acl-hidden': { itsm: null, servicenow: 'aclHiddenShare', help: 'share (0–1) of rows hidden by ACLs' },
  'no-record-404': {
    itsm: null,
    servicenow: 'noRecord404',
    help: '1: an answer with no rows is 404 "No Record found" (before Helsinki)',
  },
}

/** Faults that are on or off: VALUE 1 or 0. */
const SWITCHES: ReadonlySet<string> = new Set(['noRecord404'])

/** The ITSM collections by their name in the URL (`sr-events`), as `forbidden=` takes them. */
const COLLECTIONS = new Map(
  Object.entries(ENTITY_PATHS).map(([entity, path]) => [path.slice(1), entity as SyncEntity]),
)

const KINDS = ['itsm', 'servicenow'] as const
type Kind = (typeof KINDS)[number]

type Local = { port?: string; seed?: string; srs?: string; fault?: string[] }

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

function integer(text: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} takes a whole number from ${min} to ${max}, not "${text}"`)
  return n
}

/** Parses the repeated `--fault NAME=VALUE` options into the option names of `kind`'s simulator. */
export function parseFaults(
  kind: Kind,
  specs: readonly string[],
): Record<string, number | boolean | SyncEntity[]> {
  const faults: Record<string, number | boolean | SyncEntity[]> = {}
  for (const spec of specs) {
    const named = /^forbidden=(.*)$/.exec(spec)
    if (named && kind === 'itsm') {
      // Collections, not a number; a repeated --fault forbidden=… adds to the list.
      const list = (faults['forbidden'] as SyncEntity[] | undefined) ?? []
      for (const name of (named[1] ?? '').split(',').map((n) => n.trim())) {
        const entity = COLLECTIONS.get(name)
        if (!entity)
          throw new UsageError(
            `--fault ${spec}: "${name}" is no collection; the collections: ${[...COLLECTIONS.keys()].join(', ')}`,
          )
        if (!list.includes(entity)) list.push(entity)
      }
      faults['forbidden'] = list
      continue
    }
    const m = /^([a-z][a-z0-9-]*)=([0-9.]+)$/.exec(spec)
    const fault = m ? FAULTS[m[1] ?? ''] : undefined
    const key = fault?.[kind]
    if (!m || !fault || !key) {
      const known = Object.entries(FAULTS)
        .filter(([, f]) => f[kind] !== null)
        .map(([name, f]) => `${name}=VALUE (${f.help})`)
      throw new UsageError(`Unknown fault "${spec}" for ${kind}. Known:\n  ${known.join('\n  ')}`)
    }
    const value = Number(m[2])
    if (SWITCHES.has(key)) {
      if (value !== 0 && value !== 1) throw new UsageError(`--fault ${spec}: 1 (on) or 0 (off)`)
      faults[key] = value === 1
      continue
    }
    const share = key === 'aclHiddenShare'
    if (!Number.isFinite(value) || (share ? value > 1 : !Number.isInteger(value)))
      throw new UsageError(`--fault ${spec}: ${share ? 'a share from 0 to 1' : 'a whole number'}`)
    faults[key] = value
  }
  return faults
}

async function start(kind: Kind, local: Local) {
  const port = integer(local.port, '--port', 0, 65_535, 0)
  const seed = integer(local.seed, '--seed', 0, 2 ** 31 - 1, 1)
  // Every ServiceNow request filters and sorts the whole table, as a naive instance would: keep it small.
  const max = kind === 'itsm' ? 1_000_000 : 100_000
  const srs = integer(local.srs, '--srs', 1, max, 5_000)
  const faults = parseFaults(kind, local.fault ?? [])
  if (kind === 'itsm') {
    const sim = await startItsmSimulator({ port, seed, srCount: srs, faults })
    return {
      sim,
      facts: { kind, url: sim.url, seed, srs, faults, token: sim.token },
      hint: [
        `ITSM REST simulator: ${srs.toLocaleString('en-US')} SRs, seed ${seed}; bearer token "${sim.token}"`,
        `  npm run cli -- source add itsm --name sim --url ${sim.url} --token-env ITSM_TOKEN`,
        `  ITSM_TOKEN=${sim.token} npm run cli -- sync --source sim`,
      ],
    }
  }
  const sim = await startServiceNowSimulator({ port, seed, count: srs, faults })
  return {
    sim,
    facts: { kind, url: sim.url, seed, srs, faults, user: 'integration', password: 'secret' },
    hint: [
      `ServiceNow simulator: ${srs.toLocaleString('en-US')} incidents, seed ${seed}; basic auth integration / secret (or bearer "sn-test-token")`,
      `  npm run cli -- source add servicenow --name sim-sn --url ${sim.url} --user integration --password-env SN_PASSWORD`,
      `  SN_PASSWORD=secret npm run cli -- sync --source sim-sn`,
    ],
  }
}

/** Adds `simulate itsm|servicenow` to `program`. */
export function addSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('serve a loopback ITSM REST or ServiceNow simulator with seeded data (Ctrl+C stops it)')
    .argument('<kind>', KINDS.join(' or '))
    .option('--port <port>', 'port on 127.0.0.1 (default: any free port)')
    .option('--seed <seed>', 'random seed (default 1)')
    .option('--srs <count>', 'number of SRs / incidents (default 5000)')
    .option('--fault <name=value>', `inject a fault; repeatable (${Object.keys(FAULTS).join(', ')})`, collect)
    .action(async (kind: string, local: Local, cmd: Command) => {
      if (!(KINDS as readonly string[]).includes(kind))
        throw new UsageError(`simulate takes ${KINDS.join(' or ')}, not "${kind}"`)
      const { json } = cmd.optsWithGlobals<GlobalOptions>()
      const { sim, facts, hint } = await start(kind as Kind, local)
      // The URL comes first and alone, so a script can read one line and connect.
      process.stdout.write(
        json ? `${JSON.stringify(facts)}\n` : `${sim.url}\n${hint.join('\n')}\nCtrl+C stops it.\n`,
      )
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          resolve()
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      })
      await sim.close()
    })
}
