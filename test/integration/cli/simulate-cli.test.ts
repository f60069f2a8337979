// `simulate itsm|servicenow` as a user runs it: a real process on a free port, its URL read from the
// first line of stdout, a sync from it through the CLI, and a clean stop on SIGINT.
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { cli, repoRoot } from '../../helpers/cli'

type Simulate = { child: ChildProcessByStdio<null, Readable, Readable>; firstLine: string; stdout: string }

const children: Simulate['child'][] = []
const dirs: string[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Starts `simulate …` and resolves once it printed its URL line (or rejects if it exits first). */
function simulate(args: string[]): Promise<Simulate> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'simulate', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      // The whole banner is written at once; wait for its last line.
      if (stdout.includes('Ctrl+C stops it.\n') || (args.includes('--json') && stdout.endsWith('\n')))
        resolve({ child, firstLine: stdout.split('\n')[0] ?? '', stdout })
    })
    child.on('exit', (code) =>
      reject(new Error(`simulate exited (${code}) before printing its URL: ${stderr}`)),
    )
  })
}

const stopped = (child: Simulate['child']): Promise<number | null> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.on('exit', (code) => resolve(code))
  })

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-simulate-'))
  dirs.push(dir)
  return dir
}

describe('simulate command', () => {
  it('serves the ITSM protocol on the printed URL; a sync reads all of it; SIGINT stops it', async () => {
    const { child, firstLine, stdout } = await simulate([
      'itsm',
      '--port',
      '0',
      '--srs',
      '250',
      '--seed',
      '9',
      '--fault',
      'server-error=4',
    ])
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(stdout).toContain('sim-token')
    const dir = dataDir()
    const env = { SIM_TOKEN: 'sim-token' }
    const add = ['source', 'add', 'itsm', '--name', 'sim', '--url', firstLine, '--token-env', 'SIM_TOKEN']
    expect((await cli([...add, '--data-dir', dir])).code).toBe(0)
    const sync = await cli(['sync', 'sr', '--json', '--data-dir', dir], env)
    expect(sync.code).toBe(0)
    // Tenants, categories, people, 250 SRs and their events; the 500s were retried along the way.
    const [outcome] = JSON.parse(sync.stdout) as { status: string; rows: number }[]
    expect(outcome?.status).toBe('ok')
    expect(outcome?.rows).toBeGreaterThan(250)
    const overview = JSON.parse(
      (await cli(['bi', 'overview', '--json', '--data-dir', dir, '--as-of', '2025-06-30'])).stdout,
    ) as { cards: { key: string; value: number | null }[] }
    expect(overview.cards.find((c) => c.key === 'open_sr')?.value).toBeGreaterThan(0)

    child.kill('SIGINT')
    expect(await stopped(child)).toBe(0)
    await expect(fetch(`${firstLine}/api/v1/me`)).rejects.toThrow()
  })

  it('serves the ServiceNow Table API with --json facts, on a given port', async () => {
    const probe = await simulate(['servicenow', '--srs', '120', '--json'])
    const facts = JSON.parse(probe.firstLine) as { url: string; user: string; password: string; srs: number }
    expect(facts).toMatchObject({ user: 'integration', password: 'secret', srs: 120 })
    const auth = `Basic ${Buffer.from(`${facts.user}:${facts.password}`).toString('base64')}`
    const res = await fetch(`${facts.url}/api/now/table/incident?sysparm_limit=5`, {
      headers: { authorization: auth },
    })
    expect(res.headers.get('x-total-count')).toBe('120')
    const port = Number(new URL(facts.url).port)
    probe.child.kill('SIGTERM')
    expect(await stopped(probe.child)).toBe(0)

    // The port is free again, and --port binds exactly there.
    const again = await simulate(['servicenow', '--port', String(port), '--srs', '10'])
    expect(again.firstLine).toBe(`http://127.0.0.1:${port}`)
    const dir = dataDir()
    const add = ['source', 'add', 'servicenow', '--name', 'sn', '--url', again.firstLine]
    expect(
      (await cli([...add, '--user', 'integration', '--password-env', 'SN_PW', '--data-dir', dir])).code,
    ).toBe(0)
    const sync = await cli(['sync', '--json', '--data-dir', dir], { SN_PW: 'secret' })
    expect(JSON.parse(sync.stdout)).toEqual([expect.objectContaining({ status: 'ok', rows: 10 })])
    again.child.kill('SIGINT')
    expect(await stopped(again.child)).toBe(0)
  })

  it('refuses an unknown kind or fault with the list of known ones (exit 2)', async () => {
    const kind = await cli(['simulate', 'jira'])
    expect(kind.code).toBe(2)
    expect(kind.stderr).toContain('itsm or servicenow')
    const fault = await cli(['simulate', 'itsm', '--fault', 'acl-hidden=0.5'])
    expect(fault.code).toBe(2)
    expect(fault.stderr).toContain('Unknown fault "acl-hidden=0.5" for itsm')
    expect(fault.stderr).toContain('update-while-paging=VALUE')
  })
})
