// The command line's side of the secrets promise: the CLI keeps only the names of the variables that
// hold a source's password, token and proxy password. After adding, testing and syncing ServiceNow
// sources against a simulator whose refused logins quote the Authorization header, no command's
// stdout or stderr (text or --json) and no file of the workspace folder holds a secret in any form.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { startConnectProxy, type ConnectProxy } from '../../helpers/connect-proxy'
import { startServiceNowSimulator, type SnSimulator } from '../../../src/main/simulators/servicenow/simulator'

const PASSWORD = 'Wr0ng "pass"  w/ <%&> 2b7f'
const TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGktdGVzdCIsImV4cCI6MTc5NTM5NzE1NH0.' +
  'Q2xpU2lnbmF0dXJlXzdmM2E5YzJlMWIwZDRmNmE4ZTVjM2IxZDlmN2UyYTRjNmI4ZDBmMWUzYTVjN2I5ZA'
const PROXY = { user: 'proxyops', password: 'pr0xy-Cl1-S3cret' }
const ENV = { SN_PASSWORD: PASSWORD, SN_TOKEN: TOKEN, SN_PROXY_PASSWORD: PROXY.password }

/** The secrets in every form (as they are, encoded, Basic), and every run of 10 of their characters. */
function pieces(): string[] {
  const forms = [
    ...[PASSWORD, TOKEN, PROXY.password].flatMap((s) => [
      s,
      encodeURIComponent(s),
      JSON.stringify(s).slice(1, -1),
      Buffer.from(s).toString('base64'),
    ]),
    Buffer.from(`integration:${PASSWORD}`).toString('base64'),
    Buffer.from(`${PROXY.user}:${PROXY.password}`).toString('base64'),
  ]
  const runs = forms.flatMap((f) => {
    const out: string[] = []
    for (let i = 0; i + 10 <= f.length; i += 3) out.push(f.slice(i, i + 10))
    return out
  })
  return [...forms, ...runs]
}
const SECRETS = pieces()

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('secrets on the command line', () => {
  let dir: string
  let sim: SnSimulator
  let proxy: ConnectProxy
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-secret-cli-'))
    sim = await startServiceNowSimulator({ seed: 6, count: 20, faults: { echoAuthorization: true } })
    proxy = await startConnectProxy({ login: PROXY })
  })
  afterAll(async () => {
    await sim.close()
    await proxy.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('reach no output, JSON or text, and no file of the workspace, even when the server echoes them', async () => {
    const data = ['--data-dir', join(dir, 'ws')]
    const runs = [
      await cli([
        'source',
        'add',
        'servicenow',
        '--name',
        'sn-basic',
        '--url',
        sim.url,
        '--user',
        'integration',
        '--password-env',
        'SN_PASSWORD',
        '--proxy',
        proxy.url,
        '--proxy-user',
        PROXY.user,
        '--proxy-password-env',
        'SN_PROXY_PASSWORD',
        ...data,
      ]),
      await cli([
        'source',
        'add',
        'servicenow',
        '--name',
        'sn-bearer',
        '--url',
        sim.url,
        '--token-env',
        'SN_TOKEN',
        ...data,
      ]),
    ]
    expect(runs.map((r) => r.code)).toEqual([0, 0])
    const asUsed = [
      await cli(['source', 'list', ...data], ENV),
      await cli(['source', 'list', '--json', ...data], ENV),
      await cli(['source', 'test', 'sn-basic', ...data], ENV),
      await cli(['source', 'test', 'sn-bearer', '--json', ...data], ENV),
      await cli(['sync', ...data], ENV),
      await cli(['sync', '--json', ...data], ENV),
      await cli(['sync', 'log', ...data], ENV),
      await cli(['sync', 'log', '--json', ...data], ENV),
    ]
    runs.push(...asUsed)
    // The tests and syncs failed on the refused login, through the proxy that took its login.
    expect(asUsed.map((r) => r.code)).toEqual([0, 0, 1, 1, 1, 1, 0, 0])
    expect(asUsed[2]?.stderr).toContain('(401)')
    expect(proxy.logins).toContain(`${PROXY.user}:${PROXY.password}`)
    // The server's words are quoted, the header in them redacted.
    expect(asUsed[7]?.stdout).toContain('Authorization: [redacted] on GET')

    for (const [i, run] of runs.entries()) {
      expect(
        SECRETS.filter((p) => run.stdout.includes(p)),
        `stdout of run ${i}`,
      ).toEqual([])
      expect(
        SECRETS.filter((p) => run.stderr.includes(p)),
        `stderr of run ${i}`,
      ).toEqual([])
    }
    const files = filesUnder(join(dir, 'ws'))
    expect(files.some((f) => f.endsWith('.db') || f.endsWith('.sqlite'))).toBe(true)
    for (const file of files) {
      const bytes = readFileSync(file)
      expect(
        SECRETS.filter((p) => bytes.includes(Buffer.from(p))),
        file,
      ).toEqual([])
    }
  }, 120_000)
})
