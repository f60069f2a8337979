// CLI secrets: the environment variable first, else one masked prompt per source and secret; the
// typed secret is never echoed.
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import {
  askMasked,
  PromptCancelled,
  promptingSecrets,
  terminalAsk,
} from '../../../src/main/cli/secret-prompt'
import type { SourceRecord } from '../../../src/main/core/sources/registry'

const sn = {
  id: 1,
  name: 'sn',
  kind: 'servicenow',
  config: { url: 'https://x.service-now.com', user: 'integration', passwordEnv: 'SN_PASSWORD' },
} as unknown as SourceRecord

describe('promptingSecrets', () => {
  it('takes the environment variable without asking', async () => {
    const questions: string[] = []
    const resolve = promptingSecrets(async (q) => (questions.push(q), 'typed'), { SN_PASSWORD: 'from-env' })
    expect(await resolve(sn, 'password')).toBe('from-env')
    expect(questions).toEqual([])
  })

  it('asks once per source and secret when the variable is not set, naming it', async () => {
    const questions: string[] = []
    const resolve = promptingSecrets(async (q) => (questions.push(q), 'typed-secret'), {})
    expect(await resolve(sn, 'password')).toBe('typed-secret')
    expect(await resolve(sn, 'password')).toBe('typed-secret')
    expect(questions).toEqual(['Password for ServiceNow connection "sn" (SN_PASSWORD is not set):'])
  })

  it("asks for a proxy's password apart from the source's own, naming the proxy's variable", async () => {
    const behindProxy = {
      ...sn,
      config: { ...sn.config, proxy: 'http://proxy:3128', proxyUser: 'ops', proxyPasswordEnv: 'PRX_PW' },
    } as SourceRecord
    const questions: string[] = []
    const answers = ['typed-password', 'typed-proxy-password']
    const resolve = promptingSecrets(async (q) => (questions.push(q), answers.shift() ?? null), {})
    expect(await resolve(behindProxy, 'password')).toBe('typed-password')
    expect(await resolve(behindProxy, 'proxyPassword')).toBe('typed-proxy-password')
    expect(await resolve(behindProxy, 'proxyPassword')).toBe('typed-proxy-password')
    expect(questions).toEqual([
      'Password for ServiceNow connection "sn" (SN_PASSWORD is not set):',
      'Proxy password for ServiceNow connection "sn" (PRX_PW is not set):',
    ])
    expect(await promptingSecrets(null, { PRX_PW: 'from-env' })(behindProxy, 'proxyPassword')).toBe(
      'from-env',
    )
  })

  it('without anyone to ask, answers null (the sync then names the variable to set)', async () => {
    expect(await promptingSecrets(null, {})(sn, 'password')).toBeNull()
    // Set to nothing: '' (no secret either), so that the refusal can say the variable is empty.
    expect(await promptingSecrets(null, { SN_PASSWORD: '' })(sn, 'password')).toBe('')
  })

  it('asks when the variable is set to nothing, saying it is empty', async () => {
    const questions: string[] = []
    const resolve = promptingSecrets(async (q) => (questions.push(q), 'typed'), { SN_PASSWORD: '' })
    expect(await resolve(sn, 'password')).toBe('typed')
    expect(questions).toEqual(['Password for ServiceNow connection "sn" (SN_PASSWORD is empty):'])
  })

  it("without a variable named nor anyone to ask, says how the command line can get it (not the app's Settings)", async () => {
    const noVar = { ...sn, config: { url: 'https://x.service-now.com' } } as unknown as SourceRecord
    await expect(promptingSecrets(null, {})(noVar, 'token')).rejects.toThrow(
      'No token for ServiceNow connection "sn": it names no environment variable to read it from (the command line ' +
        "cannot read the app's keychain). Run this at a terminal to be asked for it, or name one: " +
        '`source update sn --token-env VAR` (or --user USER --password-env VAR)',
    )
    const proxied = {
      ...sn,
      config: { ...sn.config, proxy: 'http://proxy:3128', proxyUser: 'ops' },
    } as unknown as SourceRecord
    await expect(promptingSecrets(null, {})(proxied, 'proxyPassword')).rejects.toThrow(
      'give the proxy login a variable: `source update sn --proxy-password-env VAR`',
    )
  })

  it('does not prompt without a terminal', () => {
    const notTty = Object.assign(new PassThrough(), { isTTY: false })
    expect(terminalAsk({ input: notTty as never, output: notTty as never })).toBeNull()
  })
})

describe('askMasked', () => {
  it('reads the typed secret and shows only stars, even after Ctrl+T', async () => {
    const input = new PassThrough()
    const output = new PassThrough()
    let shown = ''
    output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')))
    const answer = askMasked('Password for ServiceNow connection "sn":', { input, output })
    for (const ch of 's3cret') input.write(ch)
    input.write('\x14') // Ctrl+T, which would reveal the text in the library's default setup
    input.write('\r')
    expect(await answer).toBe('s3cret')
    expect(shown).toContain('Password for ServiceNow connection "sn":')
    expect(shown).toContain('******')
    expect(shown).not.toContain('s3cret')
  })

  it('Ctrl+C at the prompt is a cancellation said in words, not the library\'s "force closed" error', async () => {
    const input = new PassThrough()
    const output = new PassThrough()
    output.resume()
    const answer = askMasked('Password for ServiceNow connection "sn":', { input, output })
    input.write('s3')
    input.write('\x03')
    const err = await answer.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PromptCancelled)
    expect((err as Error).message).toBe('cancelled at the prompt (Ctrl+C): nothing was entered')
  })
})
