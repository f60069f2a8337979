// Secrets in the CLI (issue 3, SPEC §9): the source's environment variable first; when it is not set
// and a person is at the terminal, a masked prompt asks once per source and secret for this run. The
// answer lives only in this process's memory: never written, logged or echoed. Without a terminal
// (CI, pipes, cron) nothing is asked, and the sync names the variable to set.
import password from '@inquirer/password'
import { CoreError } from '../core/errors'
import type { SourceSecretKind } from '../core/secrets'
import type { SourceRecord } from '../core/sources/registry'
import { envSecrets, secretEnvName, type SecretResolver } from '../core/sources/registry'
import { connectionNameEn } from '../../shared/labels'

const SECRET_LABEL: Record<SourceSecretKind, string> = {
  token: 'Token',
  password: 'Password',
  proxyPassword: 'Proxy password',
}
/**
 * Ctrl+C at the prompt: the person stopped the command (the prompt library's own error said "User
 * force closed the prompt with SIGINT", which reads like a crash).
 */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled at the prompt (Ctrl+C): nothing was entered')
  }
}

/** Asks for one secret; null when nobody can be asked. */
export type AskSecret = (question: string) => Promise<string | null>

/** The masked terminal prompt, or null without a terminal on both stdin and stderr. */
export function terminalAsk(
  streams: { input: NodeJS.ReadStream; output: NodeJS.WriteStream } = {
    input: process.stdin,
    output: process.stderr,
  },
): AskSecret | null {
  if (!streams.input.isTTY || !streams.output.isTTY) return null
  return (question) => askMasked(question, streams)
}

/** Asks `question` on `output` and reads a masked answer from `input` (stars, never the text). */
export async function askMasked(
  question: string,
  streams: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
): Promise<string | null> {
  // No Ctrl+T reveal: a secret typed in a shared ops room stays stars.
  let answer: string
  try {
    answer = await password({ message: question, mask: '*', toggleMask: false }, streams)
  } catch (err) {
    if (err instanceof Error && err.name === 'ExitPromptError') throw new PromptCancelled()
    throw err
  }
  return answer === '' ? null : answer
}

/**
 * The `source update` that names the variable of `secret` (it keeps the source's other settings and
 * its cursors, which removing and adding it again lost).
 */
const updateCommand = (source: SourceRecord, secret: SourceSecretKind): string =>
  secret === 'password'
    ? `\`source update ${source.name} --password-env VAR\``
    : secret === 'proxyPassword'
      ? `\`source update ${source.name} --proxy-password-env VAR\``
      : source.kind === 'servicenow'
        ? `\`source update ${source.name} --token-env VAR\` (or --user USER --password-env VAR)`
        : `\`source update ${source.name} --token-env VAR\``

/**
 * A secret the source names no variable for, with nobody to ask: the core's advice ("add it in
 * Settings → Connections") cannot help here, since the command line cannot read the app's keychain.
 */
function noVariable(source: SourceRecord, secret: SourceSecretKind): CoreError {
  const what = SECRET_LABEL[secret].toLowerCase()
  const give =
    secret === 'proxyPassword'
      ? `give the proxy login a variable: ${updateCommand(source, secret)}`
      : `name one: ${updateCommand(source, secret)}`
  return new CoreError(
    'BAD_REQUEST',
    `No ${what} for ${connectionNameEn(source.kind, source.name)}: it names no environment variable to read it from (the command line cannot read the app's keychain). Run this at a terminal to be asked for it, or ${give}`,
  )
}

/** Env first, then `ask` (once per source and secret); `ask` null = env only. */
export function promptingSecrets(
  ask: AskSecret | null,
  env: NodeJS.ProcessEnv = process.env,
): SecretResolver {
  const fromEnv = envSecrets(env)
  const asked = new Map<string, Promise<string | null>>()
  return async (source: SourceRecord, secret: SourceSecretKind) => {
    const value = await fromEnv(source, secret)
    if (value) return value
    if (!ask) {
      if (!secretEnvName(source, secret)) throw noVariable(source, secret)
      return value // null, or '' for a variable set to nothing (the refusal says which)
    }
    const key = `${source.kind}:${source.name}:${secret}`
    let answer = asked.get(key)
    if (!answer) {
      const varName = secretEnvName(source, secret)
      answer = ask(
        `${SECRET_LABEL[secret]} for ${connectionNameEn(source.kind, source.name)}${varName ? ` (${varName} is ${value === '' ? 'empty' : 'not set'})` : ''}:`,
      )
      asked.set(key, answer)
    }
    return answer
  }
}
