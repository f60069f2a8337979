// `source add|update|list|remove|test` (and the ca, proxy, code-map and margin commands) and `sync`:
// remote SR sources from the command line. Secrets come from environment variables named at
// `source add` or `source update` (never stored, never printed).
import { Option, type Command } from 'commander'
import { defaultHttpDeps, SourceError } from '../core/sources/http'
import { readFileSync } from 'node:fs'
import {
  addSource,
  checkNewSource,
  connectorFor,
  getSource,
  listSources,
  movesServer,
  removeSource,
  setServiceNowCodeMap,
  setServiceNowResumeMargin,
  setSourceTransport,
} from '../core/sources/registry'
import { parseStateMapText } from '../../shared/servicenow-state-map'
import { apiAddress, browserAddress } from '../../shared/servicenow-url'
import { connectionNameEn, SOURCE_KIND_NAMES_EN, syncEntityNameEn } from '../../shared/labels'
import { parsePriorityMapText } from '../../shared/servicenow-priority-map'
import { codeMapText, type CodeMapParse } from '../../shared/servicenow-code-map'
import { RESUME_MARGIN_SECONDS, resumeMarginSchema } from '../../shared/servicenow-margin'
import { parseSkipText, SKIP_CHOICES } from '../../shared/itsm-skip'
import { describeCaCertificates, readCaCertificates } from '../core/sources/trust'
import { syncSource, type SyncOutcome, type SyncProgress } from '../core/sync/engine'
import { forgetSourceRuns } from '../core/sync/source-status'
import { closeAbandonedRuns, SyncBusyError, syncingProcess } from '../core/sync/state'
import {
  testFailureMessage,
  updateSourceWithSecret,
  type CommandLineChange,
} from '../core/sync/sources-admin'
import { syncChannels } from '../../shared/ipc/channels/sync'
import type { ParsedRequestOf } from '../../shared/ipc/contract'
import { CoreError } from '../core/errors'
import { UsageError } from './context'
import { call, CommandFailed, type WithContext } from './invoke'
import { countOf, formatDuration, padCols, print } from './output'
import { PromptCancelled, promptingSecrets, terminalAsk } from './secret-prompt'
import { storeItsmAccount } from '../core/auth/session'
import { connectionLabel, syncLogText, widest } from './sync-log-text'
import { recalculateStoppably } from './after-write'
import type { Store } from '../core/db/open-database'
import { signalLabel, stopOnSignals } from './interrupt'
import { commandLineAdvice, withCommandLineAdvice } from './command-line-advice'

/**
 * An outcome or log entry as the command line prints it: its English message, without the reason
 * the app words in its own language (the JSON output keeps the shape scripts read).
 */
const withoutReason = <T extends { reason?: unknown }>(item: T): Omit<T, 'reason'> => {
  const { reason: _reason, ...rest } = item
  return rest
}

/**
 * One line per source's outcome, the connection named as the rest of the command line names it
 * (`ITSM REST connection "prod": ok — …`; `--json` keeps the `itsm:prod` tag), the statuses in one
 * column; an error goes on the next line.
 */
export function outcomesText(list: readonly Omit<SyncOutcome, 'reason'>[]): string {
  const labels = list.map((o) => `${connectionLabel(o.source)}:`)
  const columns = widest(labels)
  return list
    .map(
      (o, i) =>
        `${padCols(labels[i] ?? '', columns)} ${o.status} — ${countOf(o.rows, 'row')} in ${countOf(o.pages, 'page')}, ${formatDuration(o.finishedAt - o.startedAt)}${o.error ? `\n  ${o.error}` : ''}`,
    )
    .join('\n')
}

/** `passwordEnv` → `--password-env`: how the user typed an option commander names in camel case. */
const optionName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`

/**
 * The secret options an operator reaches for, with the `-env` option each stands for and what it
 * holds. Not options: a secret typed on the command line stays in the shell's history and shows in
 * the process list. They are taken (hidden from --help) only to be refused saying so, where commander
 * said "unknown option '--token'", with no hint (it is too far from --token-env for its guess).
 */
const SECRET_OPTIONS = {
  token: { env: '--token-env', what: 'token', example: 'ITSM_TOKEN' },
  password: { env: '--password-env', what: 'password', example: 'SN_PASSWORD' },
  proxyPassword: { env: '--proxy-password-env', what: 'proxy password', example: 'PROXY_PASSWORD' },
} as const

type SecretOption = keyof typeof SECRET_OPTIONS

/** Adds `keys` as hidden options of `cmd`, for refuseSecretValues to refuse. */
function takingSecretOptions(cmd: Command, keys: readonly SecretOption[]): Command {
  for (const key of keys) cmd.addOption(new Option(`${optionName(key)} [secret]`).hideHelp())
  return cmd
}

/**
 * Refuses a secret given on the command line (never repeating it), and a variable's name that is
 * none: `--token-env $ITSM_TOKEN` (the shell gave the value, or the `$` was typed) or the token
 * itself. The core's check said only "--token-env: An environment variable name, e.g. ITSM_TOKEN".
 * `envKeys` maps each `-env` option the command takes (by its key) to the option it stands for.
 */
function refuseSecretValues(
  local: Record<string, unknown>,
  envKeys: Readonly<Record<string, SecretOption>>,
  secretKeys: readonly SecretOption[],
): void {
  for (const key of secretKeys) {
    if (local[key] === undefined) continue
    const s = SECRET_OPTIONS[key]
    const env = Object.keys(envKeys).find((k) => envKeys[k] === key) ?? key
    throw new UsageError(
      `${optionName(key)} is not taken: a ${s.what} typed on the command line stays in the shell's history and shows in the process list. ` +
        `Put it in an environment variable and name that: ${optionName(env)} ${s.example}`,
    )
  }
  for (const [env, key] of Object.entries(envKeys)) {
    const value = local[env]
    if (typeof value !== 'string' || /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) continue
    const s = SECRET_OPTIONS[key]
    throw new UsageError(
      /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value)
        ? `${optionName(env)} takes the variable's name without "$": ${optionName(env)} ${value.slice(1)}`
        : `${optionName(env)} takes the name of the environment variable holding the ${s.what} (letters, digits and _, such as ${s.example}), ` +
            `and what was given is none (it is not repeated here, in case it was the ${s.what} itself): export ${s.example}=… and give ${optionName(env)} ${s.example}`,
    )
  }
}

/** The `-env` options of `source add` and `source update`, and the secret each names the variable of. */
const ADD_SECRET_ENVS: Readonly<Record<string, SecretOption>> = {
  tokenEnv: 'token',
  passwordEnv: 'password',
  proxyPasswordEnv: 'proxyPassword',
}

/** A kind of connection as the app names it (ITSM REST, ServiceNow); one it does not know as it is. */
const sourceKindNameEn = (kind: string): string =>
  Object.hasOwn(SOURCE_KIND_NAMES_EN, kind) ? (SOURCE_KIND_NAMES_EN[kind] ?? kind) : kind

/** Adds the source and sync commands to `program`. */
export function addSyncCommands(program: Command, withContext: WithContext): void {
  const source = program.command('source').description('remote SR sources (ITSM REST, ServiceNow)')
  takingSecretOptions(source.command('add'), ['token', 'password', 'proxyPassword'])
    .description('add an ITSM REST or ServiceNow source (its secret stays in the environment variable named)')
    .argument('<kind>', 'itsm or servicenow')
    // Checked in the action, not as commander's required options: those are checked before unknown
    // options, so a misspelt `--nmae x` said "--name not specified" instead of "did you mean --name?".
    .option('--name <name>', 'a short name, e.g. prod-itsm (required)')
    .option('--url <url>', 'base URL of the server (required)')
    .option('--token-env <VAR>', 'environment variable holding the bearer token')
    .option('--user <user>', 'ServiceNow user for basic auth')
    .option('--password-env <VAR>', 'environment variable holding the ServiceNow password')
    .option('--table <table>', 'ServiceNow table (default incident)')
    .option(
      '--state-map <CODE=STATUS,…>',
      'ServiceNow state codes beyond 1/2/3/6/7/8, e.g. 4=PENDING,-5=OPEN (statuses: OPEN, IN_PROGRESS, PENDING, RESOLVED, DONE, CANCELLED)',
    )
    .option(
      '--priority-map <CODE=PRIORITY,…>',
      'ServiceNow priority codes beyond (or instead of) 1..5, e.g. 0=P1,6=P4 (priorities: P1, P2, P3, P4)',
    )
    .option(
      '--resume-margin <SECONDS>',
      `seconds each ServiceNow sync re-reads before where the last one ended, for changes committed late (${RESUME_MARGIN_SECONDS.min}–${RESUME_MARGIN_SECONDS.max}, default ${RESUME_MARGIN_SECONDS.default})`,
    )
    .option(
      '--ca-file <FILE>',
      "CA certificate(s) to trust for this server (PEM or DER .cer), e.g. an internal CA's",
    )
    .option('--proxy <URL>', 'HTTP proxy to reach the server through, e.g. http://proxy.example.go.kr:8080')
    .option('--proxy-user <user>', 'user of a proxy that asks for a login')
    .option('--proxy-password-env <VAR>', "environment variable holding the proxy user's password")
    .option(
      '--skip <COLLECTIONS>',
      `ITSM REST: collections this connection does not read, e.g. people,deployments for a token scoped to the SRs (${SKIP_CHOICES})`,
    )
    .action(async (kind: string, local: Record<string, string | undefined>, cmd: Command) => {
      refuseSecretValues(local, ADD_SECRET_ENVS, ['token', 'password', 'proxyPassword'])
      for (const flags of ['--name <name>', '--url <url>'])
        if (local[flags.slice(2, flags.indexOf(' '))] === undefined)
          cmd.error(`error: required option '${flags}' not specified`, {
            code: 'commander.missingMandatoryOptionValue',
          })
      if (kind === 'itsm') refuseServiceNowOptions(local)
      if (kind === 'servicenow') refuseItsmOptions(local)
      if (kind === 'servicenow' && local['passwordEnv'] !== undefined && local['user'] === undefined)
        throw new UsageError(
          '--password-env holds the password of --user: give --user too, or --token-env for a bearer token',
        )
      const { stateMap, priorityMap, resumeMarginSeconds } = serviceNowReading(local)
      const now = Date.now()
      const transport = {
        ...(local['caFile'] ? { ca: readCaFile(local['caFile'], now).pem } : {}),
        ...(local['proxy'] ? { proxy: local['proxy'] } : {}),
        ...(local['proxyUser'] ? { proxyUser: local['proxyUser'] } : {}),
        ...(local['proxyPasswordEnv'] ? { proxyPasswordEnv: local['proxyPasswordEnv'] } : {}),
      }
      const config =
        kind === 'itsm'
          ? {
              url: local['url'],
              ...(local['tokenEnv'] ? { tokenEnv: local['tokenEnv'] } : {}),
              ...(local['skip'] !== undefined ? { skip: parseSkipText(local['skip']) } : {}),
              ...transport,
            }
          : {
              url: local['url'],
              ...(local['table'] ? { table: local['table'] } : {}),
              ...(local['user'] ? { user: local['user'] } : {}),
              ...(local['passwordEnv'] ? { passwordEnv: local['passwordEnv'] } : {}),
              ...(local['tokenEnv'] ? { tokenEnv: local['tokenEnv'] } : {}),
              ...(stateMap ? { stateMap } : {}),
              ...(priorityMap ? { priorityMap } : {}),
              ...(resumeMarginSeconds !== undefined ? { resumeMarginSeconds } : {}),
              ...transport,
            }
      const input = { name: local['name'] ?? '', kind, config }
      /** A refusal of the core as the usage error it is, naming the option the user typed. */
      const refused = (err: unknown): never => {
        // The core names the config's field ("passwordEnv: …"): say the option the user typed.
        if (err instanceof CoreError && err.code === 'BAD_REQUEST')
          throw new UsageError(
            err.message.replace(/^([a-zA-Z]+):/, (whole, key: string) =>
              key === 'ca' ? '--ca-file:' : key in local || key === 'name' ? `${optionName(key)}:` : whole,
            ),
          )
        // A taken name is the user's to change: a usage error (exit 2) like the other refusals.
        if (!(err instanceof CoreError && err.code === 'CONFLICT')) throw err
        throw new UsageError(
          `${err.message}: choose another name, or \`source remove ${local['name']}\` first`,
        )
      }
      // Checked before the workspace is opened, so a mistake does not create an empty one.
      try {
        checkNewSource(input)
      } catch (err) {
        refused(err)
      }
      await withContext(cmd, async (ctx, opts) => {
        let added
        try {
          added = addSource(ctx.workspace.store, input, now)
        } catch (err) {
          return refused(err)
        }
        print(
          added,
          opts.json,
          (s) =>
            `added ${connectionNameEn(s.kind, s.name)} (${s.config.url})${skipLine(s)}${caLines(s.config.ca)}`,
        )
        const shortened =
          added.kind === 'servicenow' ? pageAddressNote(local['url'] ?? '', added.config) : null
        if (shortened && !opts.json) process.stderr.write(`note: ${shortened}\n`)
        // Without a variable, only a person at a terminal can give the secret: say so now, not at
        // the first unattended sync.
        if (!local['tokenEnv'] && !local['passwordEnv'] && !opts.json)
          process.stderr.write(
            `note: no ${kind === 'itsm' ? '--token-env' : '--password-env or --token-env'}: \`sync\` and \`source test\` will ask for the secret at a terminal, and fail without one (cron, CI)\n`,
          )
        if (!opts.json) process.stderr.write(variablesNote(local))
      })
    })
  addUpdateCommand(source, withContext)
  source
    .command('ca')
    .description("show, set or remove the CA certificates a source's server is trusted by")
    .argument('<name>')
    .argument('[file]', 'PEM or DER (.cer) file of the CA certificate(s); replaces those set before')
    .option('--clear', 'trust only the system authorities again')
    .action(async (name: string, file: string | undefined, local: { clear?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx, opts) => {
        const record = getSource(ctx.workspace.store, name)
        if (!record) throw noSource(ctx.workspace.store, name)
        if (file && local.clear) throw new UsageError('Give a file or --clear, not both')
        let ca = record.config.ca
        if (file || local.clear) {
          ca = file ? readCaFile(file, Date.now()).pem : undefined
          setSourceTransport(ctx.workspace.store, name, { ca: ca ?? null })
        }
        const certificates = ca ? describeCaCertificates(ca) : []
        print({ source: name, caCertificates: certificates }, opts.json, () =>
          ca
            ? `"${name}" trusts, besides the system authorities:${caLines(ca)}`
            : `"${name}" trusts the system authorities only`,
        )
      })
    })
  takingSecretOptions(source.command('proxy'), ['password'])
    .description("show, set or remove the HTTP proxy a source's server is reached through")
    .argument('<name>')
    .argument('[url]', 'the proxy, e.g. http://proxy.example.go.kr:8080')
    .option('--user <user>', 'user of a proxy that asks for a login (with the URL)')
    .option('--password-env <VAR>', "environment variable holding the proxy user's password")
    .option('--clear', 'connect directly again')
    .action(
      async (
        name: string,
        url: string | undefined,
        local: { clear?: boolean; user?: string; passwordEnv?: string },
        cmd: Command,
      ) => {
        refuseSecretValues(local, { passwordEnv: 'proxyPassword' }, [])
        if ((local as { password?: unknown }).password !== undefined)
          throw new UsageError(
            "--password is not taken: a proxy password typed on the command line stays in the shell's history and shows in the process list. " +
              'Put it in an environment variable and name that: --password-env PROXY_PASSWORD',
          )
        await withContext(cmd, async (ctx, opts) => {
          if (!getSource(ctx.workspace.store, name)) throw noSource(ctx.workspace.store, name)
          if (url && local.clear) throw new UsageError('Give a proxy URL or --clear, not both')
          if ((local.user || local.passwordEnv) && !url)
            throw new UsageError(
              'Give the proxy URL with its login: source proxy NAME URL --user USER --password-env VAR',
            )
          // The proxy is set as given: a URL without --user drops a login set before.
          const record =
            url || local.clear
              ? setSourceTransport(ctx.workspace.store, name, {
                  proxy: url ?? null,
                  proxyUser: local.user ?? null,
                  proxyPasswordEnv: local.passwordEnv ?? null,
                })
              : getSource(ctx.workspace.store, name)
          const config = record?.config
          const proxy = config?.proxy ?? null
          print({ source: name, proxy, proxyUser: config?.proxyUser ?? null }, opts.json, () =>
            config?.proxy
              ? `"${name}" is reached through the proxy ${proxyText(config)}`
              : `"${name}" is reached directly`,
          )
        })
      },
    )
  for (const key of ['stateMap', 'priorityMap'] as const) addCodeMapCommand(source, withContext, key)
  source
    .command('resume-margin')
    .description(
      'show or change how far before its position each sync of a ServiceNow source starts reading (for changes committed late)',
    )
    .argument('<name>')
    .argument('[seconds]', `${RESUME_MARGIN_SECONDS.min}–${RESUME_MARGIN_SECONDS.max}`)
    .option('--default', `back to the default ${RESUME_MARGIN_SECONDS.default} seconds`)
    .action(
      async (name: string, secondsText: string | undefined, local: { default?: boolean }, cmd: Command) => {
        if (secondsText !== undefined && local.default)
          throw new UsageError('Give either the seconds or --default, not both')
        const seconds =
          secondsText !== undefined ? marginOption(secondsText, 'The re-read margin') : undefined
        await withContext(cmd, async (ctx, opts) => {
          const record = getSource(ctx.workspace.store, name)
          if (!record) throw noSource(ctx.workspace.store, name)
          if (record.kind !== 'servicenow')
            throw new UsageError(
              `"${name}" is an ITSM REST connection: only ServiceNow connections have a re-read margin`,
            )
          const changing = seconds !== undefined || local.default === true
          const after = changing
            ? setServiceNowResumeMargin(ctx.workspace.store, name, seconds ?? null)
            : record
          const margin =
            (after.kind === 'servicenow' ? after.config.resumeMarginSeconds : undefined) ??
            RESUME_MARGIN_SECONDS.default
          print(
            { source: name, resumeMarginSeconds: margin },
            opts.json,
            () =>
              `each sync of "${name}" re-reads ${formatSeconds(margin)} before where the last one ended` +
              (margin === RESUME_MARGIN_SECONDS.default ? ' (the default)' : '') +
              (changing ? '\nThe next sync starts there; rows already stored stay as they are' : ''),
          )
        })
      },
    )
  source
    .command('list')
    .description(
      'list the sources with their URL, proxy, state and priority maps, collections not read and CA certificates',
    )
    .action(async (_local: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx, opts) => {
        const sources = listSources(ctx.workspace.store)
        // Its kind as the app names it (ITSM REST, ServiceNow), each column as wide as its widest value.
        const nameColumns = widest(sources.map((s) => s.name))
        const kindColumns = widest(sources.map((s) => sourceKindNameEn(s.kind)))
        print(sources, opts.json, (list) =>
          list.length === 0
            ? 'no connections yet: npm run cli -- source add itsm --name NAME --url URL --token-env VAR'
            : list
                .map(
                  (s) =>
                    `${padCols(s.name, nameColumns)}  ${padCols(sourceKindNameEn(s.kind), kindColumns)}  ${s.config.url}` +
                    `\n  login: ${loginText(s.config)}` +
                    (s.config.proxy ? `\n  proxy: ${proxyText(s.config)}` : '') +
                    (s.kind === 'servicenow' && s.config.stateMap
                      ? `\n  state map: ${codeMapText(s.config.stateMap)}`
                      : '') +
                    (s.kind === 'servicenow' && s.config.priorityMap
                      ? `\n  priority map: ${codeMapText(s.config.priorityMap)}`
                      : '') +
                    (s.kind === 'servicenow' && s.config.resumeMarginSeconds !== undefined
                      ? `\n  re-read margin: ${formatSeconds(s.config.resumeMarginSeconds)}`
                      : '') +
                    skipLine(s) +
                    caLines(s.config.ca),
                )
                .join('\n'),
        )
      })
    })
  source
    .command('remove')
    .description('remove a source and its sync cursors (its SRs stay in the workspace)')
    .argument('<name>')
    .action(async (name: string, _local: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx, opts) => {
        const record = getSource(ctx.workspace.store, name)
        if (!record) throw noSource(ctx.workspace.store, name)
        // Not while another process (a CLI sync, the app) pulls it: that sync went on writing its
        // cursors after the removal, and a source added again under the name resumed from them.
        try {
          closeAbandonedRuns(ctx.workspace.store, `${record.kind}:${record.name}`, Date.now())
        } catch (err) {
          if (!(err instanceof SyncBusyError)) throw err
          throw new CommandFailed(
            `"${name}" is being synced by another process (pid ${err.pid}): wait until that sync ends, or stop it, then remove "${name}"`,
          )
        }
        if (!removeSource(ctx.workspace.store, name)) throw noSource(ctx.workspace.store, name)
        // The role the app took from this connection's ITSM account (SPEC §9) goes with it.
        if (record.kind === 'itsm') storeItsmAccount(ctx.workspace.store, name, null, Date.now())
        // So does the app's record of its runs (a later source of that name starts clean).
        forgetSourceRuns(ctx.workspace.store, record)
        print(
          { removed: name },
          opts.json,
          () => `removed ${connectionNameEn(record.kind, name)} (its SRs stay in the workspace)`,
        )
      })
    })
  source
    .command('test')
    .description(
      'connect and log in to a source (a ServiceNow one also reads a row of its table) and say who the account is; each failed attempt is said as it happens',
    )
    .argument('<name>')
    .option(
      '--timeout <seconds>',
      `how long to wait for the answer, retries included (1–${TEST_TIMEOUT_MAX_S}, default ${TEST_TIMEOUT_DEFAULT_S})`,
    )
    .action(async (name: string, local: { timeout?: string }, cmd: Command) => {
      const seconds = local.timeout === undefined ? TEST_TIMEOUT_DEFAULT_S : Number(local.timeout)
      if (!/^\s*\d+\s*$/.test(local.timeout ?? '1') || seconds < 1 || seconds > TEST_TIMEOUT_MAX_S)
        throw new UsageError(
          `--timeout takes whole seconds from 1 to ${TEST_TIMEOUT_MAX_S}, not "${local.timeout}"`,
        )
      await withContext(cmd, async (ctx, opts) => {
        const record = getSource(ctx.workspace.store, name)
        if (!record) throw noSource(ctx.workspace.store, name)
        // Each failed attempt is said as it happens (as a sync's progress does): a server that
        // refuses or never answers kept the command silent until it gave up.
        let lastFailure: string | null = null
        const deps = defaultHttpDeps({
          timeZone: ctx.zone,
          onRetry: (r) => {
            lastFailure = r.reason
            if (!opts.json)
              process.stderr.write(
                `${connectionNameEn(record.kind, name)}: attempt ${r.attempt} of ${r.maxAttempts} failed, trying again in ${formatDuration(r.delayMs, { roundUp: true })}: ${r.reason}\n`,
              )
          },
        })
        // A secret that cannot be had fails the test (exit 1, as it fails a sync); it is no usage error.
        const connector = await connectorFor(record, promptingSecrets(terminalAsk()), deps).catch(
          (err: unknown) => {
            throw err instanceof CoreError ? new CommandFailed(err.message) : err
          },
        )
        const interrupt = new AbortController()
        const sigint = stopOnSignals(() => interrupt.abort())
        const budget = AbortSignal.timeout(seconds * 1000)
        let me
        try {
          me = await connector.whoAmI(AbortSignal.any([budget, interrupt.signal]))
        } catch (err) {
          // Both end the request as "Cancelled", which nobody had asked for when the time ran out.
          if (interrupt.signal.aborted)
            throw new CommandFailed(
              `stopped (${signalLabel(sigint.signal ?? 'SIGINT')}): "${name}" was not tested`,
            )
          if (budget.aborted)
            throw new CommandFailed(
              `No answer from "${name}" (${record.config.url}) within ${formatSeconds(seconds)}` +
                (lastFailure ? `; the last attempt: ${lastFailure}` : '') +
                ': check the URL, the network and any proxy or firewall on the way (source test --timeout SECONDS waits longer)',
            )
          if (!(err instanceof SourceError)) throw err
          // A misspelt table: the command line's way to change it, not the app's Settings. Either
          // way the connection is named at the end, as the app's test and a sync's outcome do.
          const said =
            err.reason?.code === 'servicenow_invalid_table'
              ? commandLineAdvice(err.message, err.reason, name)
              : err.message
          throw new CommandFailed(testFailureMessage(record, said))
        } finally {
          sigint.dispose()
        }
        // As Settings → Connections does: the account's role decides the app's role (SPEC §9).
        if (record.kind === 'itsm' && me.name !== null)
          storeItsmAccount(ctx.workspace.store, name, { name: me.name, role: me.role }, Date.now())
        print(
          me,
          opts.json,
          (m) => `connected to "${name}" as ${m.name ?? UNNAMED_ACCOUNT}${m.role ? ` (role ${m.role})` : ''}`,
        )
      })
    })

  program
    .command('sync')
    .description('pull new and changed records from the configured sources; `sync log` shows past runs')
    .argument(
      '[what]',
      'all (every collection), sr (the SRs with their tenants, categories, people and history, not deployments ' +
        "or feature usage; a ServiceNow connection's table either way), or log (the newest sync-log entries, imports included)",
      'all',
    )
    .option('--source <name>', 'only the connection of this name (`source list` shows them)')
    .option(
      '--full',
      'read everything again from the beginning instead of going on from where the last sync ended (the SRs stored stay and are updated)',
    )
    .option('--limit <n>', 'entries `sync log` shows (1 to 500, default 20)')
    .addHelpText(
      'after',
      "\nEach source's outcome is a line on stdout (progress goes to stderr); the exit code is 1 when any\n" +
        'source failed, was offline or was stopped with Ctrl+C or SIGTERM (also during the KPI recalculation\n' +
        'that follows, which is then rolled back). A second Ctrl+C later than half a second quits at once\n' +
        'without cleaning up (exit code 130; 143 for SIGTERM). Secrets come from the variables the\n' +
        'sources name (`source list` shows them), else a masked prompt at a terminal.',
    )
    .action(
      async (what: string, local: { source?: string; full?: boolean; limit?: string }, cmd: Command) => {
        if (what === 'log') {
          if (local.source !== undefined || local.full)
            throw new UsageError("`sync log` lists every source's runs: it takes --limit only")
          const limit = local.limit === undefined ? 20 : Number(local.limit)
          // Said here in the option's words: the channel's check named its field and NaN.
          if (!Number.isInteger(limit) || limit < 1 || limit > 500)
            throw new UsageError(`--limit takes a whole number from 1 to 500, not "${local.limit}"`)
          await withContext(cmd, async (ctx, opts) => {
            const entries = (await call(ctx, 'sync:log', { limit })).map(withCommandLineAdvice)
            print(entries.map(withoutReason), opts.json, (list) => syncLogText(list, ctx.zone))
          })
          return
        }
        if (what !== 'sr' && what !== 'all') {
          const near = nearestName(what, ['sr', 'all', 'log'])
          throw new UsageError(
            `sync takes sr, all or log, not ${JSON.stringify(what)}` +
              // `sync prod`, a connection's name given as the argument, was said only the first part.
              (near !== null ? `: did you mean ${near}?` : `; to sync one connection: sync --source ${what}`),
          )
        }
        if (local.limit !== undefined) throw new UsageError('--limit is for `sync log`')
        await withContext(cmd, async (ctx, opts, progress) => {
          const all = listSources(ctx.workspace.store)
          const chosen = local.source ? all.filter((s) => s.name === local.source) : all
          if (chosen.length === 0)
            throw local.source
              ? noSource(ctx.workspace.store, local.source)
              : new UsageError('No connections configured: see `source add`')
          const controller = new AbortController()
          // Said at once: the source being pulled still commits the page it holds before it stops.
          // Ctrl+C and SIGTERM alike (`kill PID`, systemd, a CI runner's timeout): the run stops cleanly
          // and logs itself as cancelled, where SIGTERM killed it and left the run to be closed as
          // interrupted by the next sync.
          const sigint = stopOnSignals(
            (signal) => {
              progress.done()
              process.stderr.write(`stopping (${signalLabel(signal)}): the pages committed so far are kept\n`)
              controller.abort()
            },
            {
              forced: (signal) =>
                `quit at once (${signalLabel(signal)} again), without cleaning up: the pages committed so far are kept; ` +
                'this run stays open in the sync log until the next sync closes it as interrupted and goes on from the last committed page',
            },
          )
          const outcomes: SyncOutcome[] = []
          // One resolver for the run: a secret typed at the prompt is asked once, whatever the sources.
          const secrets = promptingSecrets(terminalAsk())
          try {
            for (const record of chosen) {
              const unsynced = (status: 'failed' | 'cancelled', error: string): SyncOutcome => {
                const at = Date.now()
                const source = `${record.kind}:${record.name}`
                return {
                  source,
                  status,
                  rows: 0,
                  pages: 0,
                  error,
                  reason: null,
                  startedAt: at,
                  finishedAt: at,
                }
              }
              // After Ctrl+C the sources not reached are not started: each would have been "synced"
              // into an instant cancellation, logged as a cancelled run, or asked for its password.
              if (controller.signal.aborted) {
                outcomes.push(
                  unsynced(
                    'cancelled',
                    `Not synced: the run was stopped (${signalLabel(sigint.signal ?? 'SIGINT')})`,
                  ),
                )
                continue
              }
              let connector
              try {
                connector = await connectorFor(record, secrets, defaultHttpDeps({ timeZone: ctx.zone }))
              } catch (err) {
                if (err instanceof PromptCancelled) {
                  controller.abort()
                  outcomes.push(unsynced('cancelled', `Not synced: ${err.message}`))
                  continue
                }
                // A missing secret is this source's failure, said in its outcome; the others still sync.
                if (!(err instanceof CoreError)) throw err
                outcomes.push(unsynced('failed', err.message))
                continue
              }
              outcomes.push(
                await syncSource(ctx.workspace.store, connector, {
                  ...(local.full ? { full: true } : {}),
                  ...(what === 'sr'
                    ? { entities: ['tenants', 'categories', 'people', 'srs', 'sr_events'] as const }
                    : {}),
                  signal: controller.signal,
                  onProgress: (p) => progress.show(progressStep(p), progressLine(p)),
                }),
              )
              progress.done()
            }
          } catch (err) {
            sigint.dispose()
            throw err
          } finally {
            progress.done()
          }
          // As the app does after a run that wrote data (runtime.ts): the KPIs follow the new rows. A
          // run stopped before still has them recalculated; a stop asked during the recalculation
          // ends it (rolled back), where the signal killed the process before.
          const recalc = outcomes.some((o) => o.rows > 0 || o.status === 'ok')
            ? await recalculateStoppably(ctx, progress, sigint).finally(() => sigint.dispose())
            : 'done'
          sigint.dispose()
          print(outcomes.map(withCommandLineAdvice).map(withoutReason), opts.json, outcomesText)
          if (outcomes.some((o) => o.status !== 'ok') || recalc === 'stopped') process.exitCode = 1
        })
      },
    )
}

/**
 * "No connection named X", with the names there are and what the name most likely meant:
 * - `itsm:prod`, as `sync --json` and `sync log --json` tag a source, copied into `--source`;
 * - a connection's name mistyped (`prd`, `Prod`): "did you mean "prod"?";
 * - the source name of file imports (`import --source hr`), which is no connection and is not synced.
 */
function noSource(store: Store, name: string): UsageError {
  const names = listSources(store).map((s) => s.name)
  const bare = /^(itsm|servicenow):(.+)$/.exec(name)?.[2]
  if (bare !== undefined && names.includes(bare))
    return new UsageError(
      `No connection named "${name}": the name is "${bare}" (${name} is how the JSON of \`sync\` and \`sync log\` tags it)`,
    )
  const known =
    names.length > 0
      ? `the connections: ${names.join(', ')}`
      : 'there are no connections yet: see `source add`'
  const fileName = /^import:(.+)$/.exec(name)?.[1] ?? name
  if (importedUnder(store, fileName))
    return new UsageError(
      `"${name}" is not a connection: it is the source name of file imports (import FILE --source ${fileName}), ` +
        `which are not synced; import the file again to bring in its changes (${known})`,
    )
  const near = nearestName(name, names)
  return new UsageError(
    `No connection named "${name}"${near !== null ? `: did you mean "${near}"?` : ''} (${known})`,
  )
}

/** Whether rows or log entries were imported from files under the source name `name` (import:NAME). */
function importedUnder(store: Store, name: string): boolean {
  const source = `import:${name}`
  const row = store.sqlite
    .prepare(
      'SELECT EXISTS (SELECT 1 FROM sync_log WHERE source = ?) OR EXISTS (SELECT 1 FROM service_requests WHERE source = ?) AS found',
    )
    .get(source, source) as { found: number }
  return row.found === 1
}

/**
 * The one name of `names` that `typed` most likely meant: the same but for capitals, else the only
 * one within two edits (a letter left out, added, changed or two swapped), else null.
 */
export function nearestName(typed: string, names: readonly string[]): string | null {
  const lower = typed.toLowerCase()
  const sameButCase = names.filter((n) => n.toLowerCase() === lower)
  if (sameButCase.length === 1) return sameButCase[0] ?? null
  const limit = Math.min(2, Math.floor(typed.length / 2))
  const close = names.filter((n) => editDistance(lower, n.toLowerCase()) <= limit)
  return close.length === 1 ? (close[0] ?? null) : null
}

/** Edits (insert, delete, change, swap of neighbours) between `a` and `b` (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const x = Array.from(a)
  const y = Array.from(b)
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= x.length; i++)
    for (let j = 1; j <= y.length; j++) {
      const row = d[i] as number[]
      const up = d[i - 1] as number[]
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost)
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1)
    }
  return (d[x.length] as number[])[y.length] as number
}

/** What an ITSM REST source lacks, per ServiceNow-only option that is not about logging in. */
const SERVICENOW_ONLY: Record<string, string> = {
  table: 'table',
  stateMap: 'state codes',
  priorityMap: 'priority codes',
  resumeMargin: 're-read margin',
}

/**
 * Options an ITSM REST source has no use for, refused (not dropped: a user who typed them meant
 * something), saying why of each: "takes a bearer token, not --table" said nothing of a table.
 */
function refuseServiceNowOptions(local: Record<string, string | undefined>): void {
  const unused = ['user', 'passwordEnv', 'table', 'stateMap', 'priorityMap', 'resumeMargin'].filter(
    (k) => local[k] !== undefined,
  )
  if (unused.length === 0) return
  const login = unused.some((k) => k === 'user' || k === 'passwordEnv')
  const lacks = unused.flatMap((k) => (SERVICENOW_ONLY[k] ? [SERVICENOW_ONLY[k]] : []))
  const why = [
    ...(login ? ['logs in with a bearer token (--token-env)'] : []),
    ...(lacks.length > 0
      ? [`has no ${lacks.length > 1 ? `${lacks.slice(0, -1).join(', ')} or ${lacks.at(-1)}` : lacks[0]}`]
      : []),
  ]
  throw new UsageError(
    `${unused.map(optionName).join(', ')} ${unused.length > 1 ? 'are' : 'is'} for ServiceNow connections only: ` +
      `an ITSM REST connection ${why.join(' and ')}`,
  )
}

/** Options only an ITSM REST source has, refused for a ServiceNow one (it reads its one table). */
function refuseItsmOptions(local: Record<string, string | undefined>): void {
  if (local['skip'] !== undefined)
    throw new UsageError(
      '--skip is for ITSM REST connections: a ServiceNow connection reads its one table, with no collections to skip',
    )
}

/** `\n  not read: people, deployments` for an ITSM REST source that skips collections, else ''. */
function skipLine(source: { kind: string; config: object }): string {
  const skip = (source.config as { skip?: readonly string[] }).skip
  return source.kind === 'itsm' && skip && skip.length > 0 ? `\n  not read (--skip): ${skip.join(', ')}` : ''
}

/** The options `source update` takes: `source add`'s but --name (the source is named as its argument). */
const UPDATE_OPTIONS = [
  'url',
  'table',
  'user',
  'passwordEnv',
  'tokenEnv',
  'stateMap',
  'priorityMap',
  'resumeMargin',
  'caFile',
  'proxy',
  'proxyUser',
  'proxyPasswordEnv',
  'skip',
] as const

/** A stored setting as `source update` reports its change: its label and its value in words. */
const SETTING_TEXT: Record<string, { label: string; text: (value: unknown) => string }> = {
  url: { label: 'URL', text: String },
  table: { label: 'table', text: String },
  user: { label: 'user', text: String },
  tokenEnv: { label: 'token variable', text: (v) => `$${String(v)}` },
  passwordEnv: { label: 'password variable', text: (v) => `$${String(v)}` },
  stateMap: { label: 'state map', text: (v) => codeMapText(v as Record<string, string>) },
  priorityMap: { label: 'priority map', text: (v) => codeMapText(v as Record<string, string>) },
  resumeMarginSeconds: { label: 're-read margin', text: (v) => formatSeconds(v as number) },
  ca: {
    label: 'CA certificates',
    text: (v) =>
      describeCaCertificates(v as string)
        .map((c) => c.subject)
        .join('; '),
  },
  proxy: { label: 'proxy', text: String },
  proxyUser: { label: 'proxy user', text: String },
  proxyPasswordEnv: { label: 'proxy password variable', text: (v) => `$${String(v)}` },
  skip: { label: 'collections not read', text: (v) => (v as string[]).join(', ') },
}

/** One setting `source update` changed; null: not set (before or after). */
export type SettingChange = { setting: string; before: unknown; after: unknown }

/** The settings that differ between two configs of a source, in SETTING_TEXT's order. */
function settingChanges(before: object, after: object): SettingChange[] {
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  return Object.keys(SETTING_TEXT)
    .filter((key) => JSON.stringify(b[key] ?? null) !== JSON.stringify(a[key] ?? null))
    .map((key) => ({ setting: key, before: b[key] ?? null, after: a[key] ?? null }))
}

/** `  table: incidnet → incident` */
function settingChangeText(change: SettingChange): string {
  const { label, text } = SETTING_TEXT[change.setting] ?? { label: change.setting, text: String }
  const value = (v: unknown): string => (v === null ? '(none)' : text(v))
  return `  ${label}: ${value(change.before)} → ${value(change.after)}`
}

/** The option a config field is typed with, for the core's refusals ("passwordEnv: …"). */
const FIELD_OPTION: Record<string, string> = {
  ca: '--ca-file',
  caCertificate: '--ca-file',
  resumeMarginSeconds: '--resume-margin',
}

/**
 * `source update NAME`: changes the options given, as Settings → Connections → Edit does
 * (sources-admin.ts updateSourceWithSecret: the same checks, a browser's address made the
 * instance's, a new URL or table starting the cursors over).
 */
function addUpdateCommand(source: Command, withContext: WithContext): void {
  takingSecretOptions(source.command('update'), ['token', 'password', 'proxyPassword'])
    .description(
      "change a source's URL, table, login, code maps, CA certificates or proxy (only the options given)",
    )
    .argument('<name>')
    .option('--url <url>', 'base URL of the server')
    .option('--token-env <VAR>', 'environment variable holding the bearer token (ServiceNow: drops --user)')
    .option('--user <user>', 'ServiceNow user for basic auth (drops a --token-env)')
    .option('--password-env <VAR>', "environment variable holding the ServiceNow user's password")
    .option('--table <table>', 'ServiceNow table, e.g. incident')
    .option('--state-map <CODE=STATUS,…>', 'ServiceNow state codes, e.g. 4=PENDING (replaces the map)')
    .option('--priority-map <CODE=PRIORITY,…>', 'ServiceNow priority codes, e.g. 0=P1 (replaces the map)')
    .option(
      '--resume-margin <SECONDS>',
      `seconds each ServiceNow sync re-reads (${RESUME_MARGIN_SECONDS.min}–${RESUME_MARGIN_SECONDS.max})`,
    )
    .option('--ca-file <FILE>', 'CA certificate(s) to trust for this server (replaces those set before)')
    .option('--proxy <URL>', 'HTTP proxy to reach the server through (its login stays)')
    .option('--proxy-user <user>', 'user of a proxy that asks for a login')
    .option('--proxy-password-env <VAR>', "environment variable holding the proxy user's password")
    .option(
      '--skip <COLLECTIONS>',
      `ITSM REST: collections not to read, e.g. people,deployments (replaces the list; none: read them all) (${SKIP_CHOICES})`,
    )
    .addHelpText(
      'after',
      "\nOnly the options given change; the source keeps its other settings, its secrets (the app's\n" +
        'keychain ones too), its sync log and its SRs. A new --url or --table starts its sync cursors\n' +
        'over (as the app does): the next sync reads the source from the beginning, and the change is\n' +
        'refused while a sync pulls the source. Every other change keeps the cursors (a collection no\n' +
        'longer skipped resumes where it stood). To remove a map, the margin, the CA certificates or the\n' +
        'proxy: source state-map|priority-map NAME --clear, source resume-margin NAME --default,\n' +
        'source ca NAME --clear, source proxy NAME --clear; to read every collection: --skip none.',
    )
    .action(async (name: string, local: Record<string, string | undefined>, cmd: Command) => {
      refuseSecretValues(local, ADD_SECRET_ENVS, ['token', 'password', 'proxyPassword'])
      const given = UPDATE_OPTIONS.filter((key) => local[key] !== undefined)
      if (given.length === 0)
        throw new UsageError(
          `Nothing to change: give one or more of ${UPDATE_OPTIONS.map(optionName).join(', ')}`,
        )
      if (local['user'] !== undefined && local['tokenEnv'] !== undefined)
        throw new UsageError('Give either --user with --password-env, or --token-env, not both')
      // Checked before the workspace is opened: a mistake in them is the same whatever the source.
      const { stateMap, priorityMap, resumeMarginSeconds } = serviceNowReading(local)
      const now = Date.now()
      const ca = local['caFile'] !== undefined ? readCaFile(local['caFile'], now).pem : undefined
      await withContext(cmd, async (ctx, opts) => {
        const store = ctx.workspace.store
        const record = getSource(store, name)
        if (!record) throw noSource(store, name)
        if (record.kind === 'itsm') refuseServiceNowOptions(local)
        const hadUser = record.kind === 'servicenow' && record.config.user !== undefined
        if (
          record.kind === 'servicenow' &&
          local['passwordEnv'] !== undefined &&
          local['user'] === undefined &&
          !hadUser
        )
          throw new UsageError(
            `"${name}" signs in with a bearer token: --password-env holds the password of --user, so give --user too (or --token-env for the token's variable)`,
          )
        // A ServiceNow source signs in one way: a user and password, or a bearer token.
        const switchToToken = record.kind === 'servicenow' && local['tokenEnv'] !== undefined && hadUser
        const request = {
          name,
          ...(local['url'] !== undefined ? { url: local['url'] } : {}),
          ...(local['table'] !== undefined ? { table: local['table'] } : {}),
          ...(local['user'] !== undefined ? { user: local['user'] } : switchToToken ? { user: null } : {}),
          ...(stateMap ? { stateMap } : {}),
          ...(priorityMap ? { priorityMap } : {}),
          ...(resumeMarginSeconds !== undefined ? { resumeMarginSeconds } : {}),
          ...(ca !== undefined ? { caCertificate: ca } : {}),
          ...(local['proxy'] !== undefined ? { proxy: local['proxy'] } : {}),
          ...(local['proxyUser'] !== undefined ? { proxyUser: local['proxyUser'] } : {}),
          ...(local['skip'] !== undefined ? { skip: parseSkipText(local['skip']) } : {}),
        }
        const commandLine: CommandLineChange = {
          ...(local['tokenEnv'] !== undefined ? { tokenEnv: local['tokenEnv'] } : {}),
          ...(local['user'] !== undefined ? { tokenEnv: null } : {}),
          ...(local['passwordEnv'] !== undefined
            ? { passwordEnv: local['passwordEnv'] }
            : switchToToken
              ? { passwordEnv: null }
              : {}),
          ...(local['proxyPasswordEnv'] !== undefined ? { proxyPasswordEnv: local['proxyPasswordEnv'] } : {}),
          // No variable named: `sync` and `source test` ask at a terminal, as after `source add`.
          askable: true,
        }
        /** The core's refusal in the words of the options typed ("table: …" → "--table: …"). */
        const usage = (message: string): UsageError =>
          new UsageError(
            message.replace(/(^|; )([a-zA-Z]+):/g, (whole, lead: string, key: string) => {
              const option = FIELD_OPTION[key] ?? optionName(key)
              return UPDATE_OPTIONS.some((o) => optionName(o) === option) || key in FIELD_OPTION
                ? `${lead}${option}:`
                : whole
            }),
          )
        // The app's request checks first (the same the Settings window's change passes).
        const checked = syncChannels['sources:update'].request.safeParse(request)
        if (!checked.success)
          throw usage(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
        const req: ParsedRequestOf<'sources:update'> = checked.data
        try {
          await updateSourceWithSecret(
            store,
            undefined,
            req,
            now,
            (n) => {
              const pid = syncingProcess(store, `${record.kind}:${n}`)
              if (pid !== null)
                throw new CommandFailed(
                  `"${n}" is being synced by another process (pid ${pid}): wait until that sync ends, or stop it, then change its URL or table`,
                )
            },
            commandLine,
          )
        } catch (err) {
          if (err instanceof CoreError && err.code === 'BAD_REQUEST') throw usage(err.message)
          throw err
        }
        const after = getSource(store, name) ?? record
        const changed = settingChanges(record.config, after.config)
        // As the core judged: the same server written another way keeps its cursors.
        const cursorsCleared = movesServer(record.kind, record.config, after.config)
        print({ source: after, changed, cursorsCleared }, opts.json, () =>
          changed.length === 0
            ? `"${name}" is unchanged: its settings already were as given`
            : [
                `updated ${connectionNameEn(after.kind, name)}:`,
                ...changed.map(settingChangeText),
                cursorsCleared
                  ? 'A new URL or table: its sync cursors start over, and the next sync reads it from the beginning (the SRs stored stay)'
                  : 'Its sync cursors stay: the next sync goes on where the last one ended',
              ].join('\n'),
        )
        if (opts.json) return
        const shortened =
          after.kind === 'servicenow' && local['url'] !== undefined
            ? pageAddressNote(local['url'], after.config)
            : null
        if (shortened) process.stderr.write(`note: ${shortened}\n`)
        const config = after.config as { user?: string; passwordEnv?: string; proxyUser?: string }
        if (local['user'] !== undefined && !config.passwordEnv)
          process.stderr.write(
            `note: no --password-env: \`sync\` and \`source test\` will ask for the password of "${config.user}" at a terminal, and fail without one (cron, CI)\n`,
          )
        if (local['proxyUser'] !== undefined && !after.config.proxyPasswordEnv)
          process.stderr.write(
            `note: no --proxy-password-env: \`sync\` and \`source test\` will ask for the proxy password at a terminal, and fail without one (cron, CI)\n`,
          )
        process.stderr.write(variablesNote(local))
      })
    })
}

/**
 * The notes on the secret variables an add or update names that are not set here, or set to nothing
 * ('' when every one holds a value). A variable not set is most often a typo (ITSM_TOKN), found only
 * when the first sync failed; it may also be set only where the syncs run (cron's environment).
 */
function variablesNote(given: {
  tokenEnv?: string
  passwordEnv?: string
  proxyPasswordEnv?: string
}): string {
  const named = [given.tokenEnv, given.passwordEnv, given.proxyPasswordEnv].filter(
    (v): v is string => v !== undefined,
  )
  const unset = named.filter((v) => process.env[v] === undefined)
  const empty = named.filter((v) => process.env[v] === '')
  const are = (list: string[]): string => `${list.join(', ')} ${list.length === 1 ? 'is' : 'are'}`
  const where = 'where `sync` runs (at a terminal the secret is asked for instead)'
  return (
    (unset.length > 0
      ? `note: ${are(unset)} not set here: set ${unset.length === 1 ? 'it' : 'them'} ${where}\n`
      : '') +
    (empty.length > 0
      ? `note: ${are(empty)} set but empty here: put the secret in ${empty.length === 1 ? 'it' : 'them'} ${where}\n`
      : '')
  )
}

/** The account of a ServiceNow bearer token whose name the instance does not say (sys_user unreadable). */
const UNNAMED_ACCOUNT = "the token's account (its name is not known: it may not read sys_user)"

/**
 * What became of a ServiceNow --url that was a browser's address of one of the instance's pages or
 * the Table API's address (registry.ts withInstanceAddress), or null when it was kept as given.
 */
function pageAddressNote(given: string, stored: { url: string; table: string }): string | null {
  const parsed = URL.parse(given)
  if (!parsed || stored.url === given) return null
  const api = apiAddress(parsed)
  if (api) {
    const kept = `--url is an address of the instance's REST API: the connection keeps the instance's address ${stored.url}`
    return api.pastedTable === null ? kept : `${kept}, and reads the table "${stored.table}" it names`
  }
  const page = browserAddress(parsed)
  if (!page) return null
  const kept = `--url is a browser's address of a page of the instance: the connection keeps the instance's address ${stored.url}`
  if (page.table === null) return kept
  return page.table === stored.table
    ? `${kept}, and reads the table "${stored.table}" the page shows`
    : `${kept}; the page shows the table "${page.table}", but the connection reads "${stored.table}" as --table says`
}

/** How long `source test` waits for its answer by default, and at most (seconds). */
const TEST_TIMEOUT_DEFAULT_S = 60
const TEST_TIMEOUT_MAX_S = 600

/**
 * The options of `source add` and `source update` that say how a ServiceNow source is read (state and
 * priority codes, the re-read margin), checked before any workspace is opened; undefined when not given.
 */
function serviceNowReading(local: Record<string, string | undefined>): {
  stateMap: ReturnType<typeof codeMapOption> | undefined
  priorityMap: ReturnType<typeof codeMapOption> | undefined
  resumeMarginSeconds: number | undefined
} {
  return {
    stateMap: local['stateMap'] !== undefined ? codeMapOption('stateMap', local['stateMap']) : undefined,
    priorityMap:
      local['priorityMap'] !== undefined ? codeMapOption('priorityMap', local['priorityMap']) : undefined,
    resumeMarginSeconds:
      local['resumeMargin'] !== undefined
        ? marginOption(local['resumeMargin'], '--resume-margin')
        : undefined,
  }
}

/** A re-read margin typed on the command line, in whole seconds, or a usage error saying the range. */
function marginOption(text: string, what: string): number {
  const parsed = resumeMarginSchema.safeParse(/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)
  if (!parsed.success)
    throw new UsageError(
      `${what} is whole seconds from ${RESUME_MARGIN_SECONDS.min} to ${RESUME_MARGIN_SECONDS.max} (a day), not "${text}"`,
    )
  return parsed.data
}

/** Seconds as the largest whole unit: "10 min", "2 h", "90 s". */
function formatSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`
  if (seconds % 60 === 0) return `${seconds / 60} min`
  return `${seconds} s`
}

/** The `source state-map` and `source priority-map` commands and their `source add` options. */
const CODE_MAP_COMMANDS = {
  stateMap: {
    command: 'state-map',
    label: 'State map',
    noun: 'state map',
    field: 'state',
    plural: 'states',
    builtIn: '1/2/3/6/7/8',
    example: '4=PENDING,-5=OPEN',
    codes: '4,-5',
    kept: 'status',
    parse: parseStateMapText as (text: string) => CodeMapParse<string>,
  },
  priorityMap: {
    command: 'priority-map',
    label: 'Priority map',
    noun: 'priority map',
    field: 'priority',
    plural: 'priorities',
    builtIn: '1..5',
    example: '0=P1,6=P4',
    codes: '0,6',
    kept: 'priority',
    parse: parsePriorityMapText as (text: string) => CodeMapParse<string>,
  },
} as const

type CodeMapKey = keyof typeof CODE_MAP_COMMANDS

/** `--state-map` / `source state-map` (or priority) entries, or a usage error saying which entry is wrong. */
function codeMapOption(key: CodeMapKey, text: string): Readonly<Record<string, string>> {
  const { label, parse } = CODE_MAP_COMMANDS[key]
  const parsed = parse(text)
  if (!parsed.ok) throw new UsageError(`${label}: ${parsed.error}`)
  return parsed.map
}

/** `source state-map NAME [CODE=STATUS,…] [--remove CODES] [--clear]`, or its priority twin. */
function addCodeMapCommand(source: Command, withContext: WithContext, key: CodeMapKey): void {
  const c = CODE_MAP_COMMANDS[key]
  source
    .command(c.command)
    .description(`show or change a ServiceNow source's own ${c.field} codes (consulted before ${c.builtIn})`)
    .argument('<name>')
    .argument(
      '[entries]',
      `CODE=${c.field === 'state' ? 'STATUS' : 'PRIORITY'},… to add or change, e.g. ${c.example}`,
    )
    .option('--remove <codes>', `${c.field} codes to drop from the map, e.g. ${c.codes}`)
    .option('--clear', 'drop the whole map (only the built-in codes are known again)')
    .action(
      async (
        name: string,
        entries: string | undefined,
        local: { remove?: string; clear?: boolean },
        cmd: Command,
      ) => {
        const set = entries !== undefined ? codeMapOption(key, entries) : undefined
        const remove = local.remove
          ?.split(',')
          .map((code) => code.trim())
          .filter((code) => code !== '')
        await withContext(cmd, async (ctx, opts) => {
          const record = getSource(ctx.workspace.store, name)
          if (!record) throw noSource(ctx.workspace.store, name)
          const changing = set !== undefined || remove !== undefined || local.clear === true
          const after = changing
            ? setServiceNowCodeMap(ctx.workspace.store, name, key, {
                ...(set ? { set } : {}),
                ...(remove ? { remove } : {}),
                ...(local.clear ? { clear: true } : {}),
              })
            : record
          if (after.kind !== 'servicenow')
            throw new UsageError(
              `"${name}" is an ITSM REST connection: only ServiceNow connections have a ${c.noun}`,
            )
          const map = after.config[key] ?? {}
          print(
            { source: name, [key]: map },
            opts.json,
            () =>
              (Object.keys(map).length > 0
                ? `"${name}" maps ServiceNow ${c.plural} ${codeMapText(map)}, then the built-in ${c.builtIn}`
                : `"${name}" knows the built-in ServiceNow ${c.plural} ${c.builtIn} only`) +
              (changing
                ? `\nIncidents stored before keep their ${c.kept} until they change; sync --full --source ${name} maps them all again`
                : ''),
          )
        })
      },
    )
}

/**
 * Where a source's secret comes from (never the secret): the variable to set was shown only by
 * `source list --json`, and an operator whose sync said "No token" had to read the JSON for it.
 */
function loginText(config: { user?: string; tokenEnv?: string; passwordEnv?: string }): string {
  if (config.user)
    return `user ${config.user}, password ${config.passwordEnv ? `from $${config.passwordEnv}` : 'asked at a terminal or kept by the app'}`
  return `bearer token ${config.tokenEnv ? `from $${config.tokenEnv}` : 'asked at a terminal or kept by the app'}`
}

/** A source's proxy with its login user and where the password comes from (never the password). */
function proxyText(config: { proxy?: string; proxyUser?: string; proxyPasswordEnv?: string }): string {
  if (!config.proxyUser) return config.proxy ?? ''
  const password = config.proxyPasswordEnv
    ? `password from $${config.proxyPasswordEnv}`
    : 'password asked at the terminal or kept by the app'
  return `${config.proxy} (user ${config.proxyUser}, ${password})`
}

/** Reads a CA file for `source add --ca-file` and `source ca`; a missing file is a usage error. */
function readCaFile(file: string, now: number): ReturnType<typeof readCaCertificates> {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (err) {
    throw new UsageError(
      `Cannot read the CA file ${file}: ${err instanceof Error ? err.message : String(err)}`,
    )
  }
  return readCaCertificates(bytes, now)
}

/** `\n  CA: CN=Example Root CA, O=Example (until 2031-05-01, SHA-256 AB:CD:…)` per certificate. */
export function caLines(pem: string | undefined): string {
  if (!pem) return ''
  return describeCaCertificates(pem)
    .map(
      (c) =>
        `\n  CA: ${c.subject} (until ${new Date(c.validTo).toISOString().slice(0, 10)}, SHA-256 ${c.fingerprint.slice(0, 23)}…)`,
    )
    .join('')
}

/** The step a progress update belongs to; each retry is one of its own, so a pipe gets it at once. */
export function progressStep(p: SyncProgress): string {
  return `${p.source} ${p.entity}${p.retry ? ` retry ${p.retry.attempt}` : ''}`
}

/**
 * One overwritten terminal line: `ITSM REST connection "x" [4/7] service requests: 1,200 of 3,000
 * rows, 950/s, ETA 2 s` (the connection and the collection named as the English Sync screen names
 * them, not by their keys).
 */
export function progressLine(p: SyncProgress): string {
  const n = (v: number) => Math.round(v).toLocaleString('en-US')
  const entity = syncEntityNameEn(p.entity)
  if (p.retry) {
    const r = p.retry
    // A page that timed out is asked again with fewer rows: said, or the smaller page would go unseen.
    const rows = r.pageRows
      ? ` with ${r.pageRows.to.toLocaleString('en-US')} rows a page instead of ${r.pageRows.from.toLocaleString('en-US')}`
      : ''
    return `${connectionLabel(p.source)} [${p.entityIndex + 1}/${p.entityCount}] ${entity}: attempt ${r.attempt} of ${r.maxAttempts} failed, trying again in ${formatDuration(r.delayMs, { roundUp: true })}${rows}: ${r.reason}`
  }
  const rows = p.total !== null ? `${n(p.rows)} of ${n(p.total)}` : n(p.rows)
  const eta = p.etaMs !== null && p.etaMs >= 1000 ? `, ETA ${formatDuration(p.etaMs, { roundUp: true })}` : ''
  return `${connectionLabel(p.source)} [${p.entityIndex + 1}/${p.entityCount}] ${entity}: ${rows} rows, ${n(p.rate)}/s${eta}`
}
