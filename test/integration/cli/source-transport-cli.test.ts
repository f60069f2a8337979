// `source add … --ca-file` and `source ca`: a server whose certificate an internal CA issued, synced
// from the command line once its CA is given (a Windows DER .cer file or PEM), refused without it.
// `source add … --proxy` and `source proxy`: the sync goes through the proxy, and directly once cleared;
// a proxy that asks for a login gets the user given and the password from the variable named.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../../helpers/cli'
import { openWorkspace } from '../../../src/main/core/workspace'
import { startItsmSimulator, type ItsmSimulator } from '../../../src/main/simulators/itsm/server'
import { startConnectProxy } from '../../helpers/connect-proxy'
import { derOf, internalCaPem, internalServerTls, TLS_FIXTURES } from '../../helpers/tls-fixtures'

const TLS = TLS_FIXTURES
const TOKEN = 'sim-token-cli-ca'

describe('CA certificates of a source on the command line', () => {
  let dir: string
  let sim: ItsmSimulator
  let derFile: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ops-ca-cli-'))
    sim = await startItsmSimulator({
      seed: 3,
      srCount: 80,
      token: TOKEN,
      tls: internalServerTls(),
    })
    // The CA as Windows exports it: binary DER, decoded from the PEM fixture here.
    derFile = join(dir, 'internal-ca.cer')
    writeFileSync(derFile, derOf(internalCaPem()))
  })
  afterAll(async () => {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('syncs with the CA given at source add, refuses once it is cleared, and syncs again with the PEM', async () => {
    const data = ['--data-dir', join(dir, 'ws')]
    const env = { CA_TOKEN: TOKEN }
    const add = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'internal',
      '--url',
      sim.url,
      '--token-env',
      'CA_TOKEN',
      '--ca-file',
      derFile,
      ...data,
    ])
    expect(add.code).toBe(0)
    expect(add.stdout).toContain('CA: CN=Ops Console Test Internal CA, O=Ops Console test (until 2120-01-01')

    const srCount = (): number => {
      const ws = openWorkspace({ dataDir: join(dir, 'ws') })
      try {
        return (ws.store.sqlite.prepare('SELECT count(*) AS n FROM service_requests').get() as { n: number })
          .n
      } finally {
        ws.close()
      }
    }
    const first = await cli(['sync', 'sr', '--json', ...data], env)
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toEqual([expect.objectContaining({ status: 'ok', error: null })])
    expect(srCount()).toBe(80)

    const cleared = await cli(['source', 'ca', 'internal', '--clear', ...data])
    expect(cleared.stdout).toContain('"internal" trusts the system authorities only')
    const refused = await cli(['sync', 'sr', '--full', '--json', ...data], env)
    expect(refused.code).toBe(1)
    const [outcome] = JSON.parse(refused.stdout) as { status: string; error: string }[]
    expect(outcome?.status).toBe('failed')
    expect(outcome?.error).toContain("The server's TLS certificate was not accepted")

    const set = await cli(['source', 'ca', 'internal', `${TLS}/internal-ca.crt`, ...data])
    expect(set.code).toBe(0)
    const shown = await cli(['source', 'ca', 'internal', '--json', ...data])
    expect(JSON.parse(shown.stdout)).toEqual({
      source: 'internal',
      caCertificates: [
        expect.objectContaining({ subject: 'CN=Ops Console Test Internal CA, O=Ops Console test' }),
      ],
    })
    const again = await cli(['sync', 'sr', '--full', '--json', ...data], env)
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toEqual([expect.objectContaining({ status: 'ok', error: null })])
    expect(srCount()).toBe(80)
  }, 120_000)

  it('refuses a key or a missing file with the reason and leaves the source as it was', async () => {
    const data = ['--data-dir', join(dir, 'ws2')]
    expect(
      (await cli(['source', 'add', 'itsm', '--name', 'x', '--url', sim.url, '--token-env', 'T', ...data]))
        .code,
    ).toBe(0)
    const key = await cli(['source', 'ca', 'x', `${TLS}/internal-server.key`, ...data])
    expect(key.code).not.toBe(0)
    expect(key.stderr).toContain('This file holds a private key')
    const missing = await cli(['source', 'ca', 'x', join(dir, 'nope.pem'), ...data])
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain(`Cannot read the CA file ${join(dir, 'nope.pem')}`)
    const both = await cli(['source', 'ca', 'x', derFile, '--clear', ...data])
    expect(both.stderr).toContain('Give a file or --clear, not both')
    const shown = await cli(['source', 'ca', 'x', ...data])
    expect(shown.stdout).toContain('"x" trusts the system authorities only')
    const badAdd = await cli([
      'source',
      'add',
      'itsm',
      '--name',
      'y',
      '--url',
      sim.url,
      '--ca-file',
      `${TLS}/internal-server.key`,
      ...data,
    ])
    expect(badAdd.code).not.toBe(0)
    const list = await cli(['source', 'list', '--json', ...data])
    expect((JSON.parse(list.stdout) as { name: string }[]).map((s) => s.name)).toEqual(['x'])
  })

  /** `source add itsm --name px` for the internal server, trusting its CA, through `proxyUrl`. */
  const addBehindProxy = (proxyUrl: string, data: string[], extra: string[] = []) =>
    cli([
      ...['source', 'add', 'itsm', '--name', 'px', '--url', sim.url, '--token-env', 'CA_TOKEN'],
      ...['--ca-file', `${TLS}/internal-ca.crt`, '--proxy', proxyUrl, ...extra, ...data],
    ])

  it('syncs through the proxy given at source add, and directly once it is cleared', async () => {
    const proxy = await startConnectProxy()
    try {
      const data = ['--data-dir', join(dir, 'ws3')]
      const env = { CA_TOKEN: TOKEN }
      const add = await addBehindProxy(proxy.url, data)
      expect(add.code).toBe(0)
      const list = await cli(['source', 'list', ...data])
      expect(list.stdout).toContain(`proxy: ${proxy.url}`)
      const first = await cli(['sync', 'sr', '--json', ...data], env)
      expect(JSON.parse(first.stdout)).toEqual([expect.objectContaining({ status: 'ok', error: null })])
      const tunnels = proxy.tunnels.length
      expect(tunnels).toBeGreaterThan(0)
      expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(sim.url).host]))

      const bad = await cli(['source', 'proxy', 'px', 'http://me:pw@proxy.example.go.kr:8080', ...data])
      expect(bad.code).not.toBe(0)
      expect(bad.stderr).toContain('Give the proxy without a login')
      expect((await cli(['source', 'proxy', 'px', ...data])).stdout).toContain(
        `"px" is reached through the proxy ${proxy.url}`,
      )

      const cleared = await cli(['source', 'proxy', 'px', '--clear', ...data])
      expect(cleared.stdout).toContain('"px" is reached directly')
      const again = await cli(['sync', 'sr', '--full', '--json', ...data], env)
      expect(JSON.parse(again.stdout)).toEqual([expect.objectContaining({ status: 'ok', error: null })])
      expect(proxy.tunnels.length).toBe(tunnels)
    } finally {
      await proxy.close()
    }
  })

  it('logs in to a proxy with the user given and the password from the variable named', async () => {
    const login = { user: 'ops-sync', password: 'Cli-prx-4e2a' }
    const proxy = await startConnectProxy({ login })
    try {
      const data = ['--data-dir', join(dir, 'ws4')]
      const add = await addBehindProxy(proxy.url, data, [
        '--proxy-user',
        login.user,
        '--proxy-password-env',
        'OPS_PROXY_PW',
      ])
      expect(add.code).toBe(0)
      const list = await cli(['source', 'list', ...data], { OPS_PROXY_PW: login.password })
      expect(list.stdout).toContain(`proxy: ${proxy.url} (user ops-sync, password from $OPS_PROXY_PW)`)
      expect(list.stdout + list.stderr).not.toContain(login.password)

      // A second source reached directly still syncs when px cannot.
      const direct = ['source', 'add', 'itsm', '--name', 'direct', '--url', sim.url]
      const ca = ['--ca-file', `${TLS}/internal-ca.crt`]
      expect((await cli([...direct, '--token-env', 'CA_TOKEN', ...ca, ...data])).code).toBe(0)
      // The variable unset: the sync says which one, before any tunnel is asked for.
      const unset = await cli(['sync', 'sr', '--json', ...data], { CA_TOKEN: TOKEN })
      expect(unset.code).toBe(1)
      expect(JSON.parse(unset.stdout)).toEqual([
        expect.objectContaining({ source: 'itsm:direct', status: 'ok' }),
        expect.objectContaining({
          source: 'itsm:px',
          status: 'failed',
          error: 'No proxy password for ITSM REST connection "px": set OPS_PROXY_PW',
        }),
      ])
      expect(proxy.tunnels).toHaveLength(0)

      const wrong = await cli(['sync', 'sr', '--source', 'px', '--json', ...data], {
        CA_TOKEN: TOKEN,
        OPS_PROXY_PW: 'nope-nope',
      })
      const [failed] = JSON.parse(wrong.stdout) as { status: string; error: string }[]
      expect(failed?.status).toBe('failed')
      expect(failed?.error).toContain('did not accept the login of "ops-sync" (407)')
      expect(wrong.stdout + wrong.stderr).not.toContain('nope-nope')

      const env = { CA_TOKEN: TOKEN, OPS_PROXY_PW: login.password }
      const ok = await cli(['sync', 'sr', '--source', 'px', '--json', ...data], env)
      expect(JSON.parse(ok.stdout)).toEqual([expect.objectContaining({ status: 'ok', error: null })])
      expect(proxy.logins.at(-1)).toBe(`${login.user}:${login.password}`)

      // `source proxy` sets the proxy as given: a login needs the URL, and a URL alone drops it.
      const noUrl = await cli(['source', 'proxy', 'px', '--user', 'other', ...data])
      expect(noUrl.code).not.toBe(0)
      expect(noUrl.stderr).toContain('Give the proxy URL with its login')
      const relogin = await cli(
        ['source', 'proxy', 'px', proxy.url, '--user', 'ops-sync', '--password-env', 'PW2', ...data],
        env,
      )
      expect(relogin.stdout).toContain(
        `"px" is reached through the proxy ${proxy.url} (user ops-sync, password from $PW2)`,
      )
      const plain = await cli(['source', 'proxy', 'px', proxy.url, ...data])
      expect(plain.stdout).toContain(`"px" is reached through the proxy ${proxy.url}\n`)
      const asks = await cli(['sync', 'sr', '--source', 'px', '--json', ...data], env)
      expect(JSON.parse(asks.stdout)[0].error).toContain('asks for a login (407)')
    } finally {
      await proxy.close()
    }
  }, 120_000)
})
