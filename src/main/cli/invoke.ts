// What every CLI command file shares: calling a channel through the core's dispatch and the
// "open the workspace, run, close" wrapper's type, plus the global BI filters as a request.
import type { Command } from 'commander'
import type { BiFilter, Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract'
import { UsageError, type CliContext, type GlobalOptions } from './context'
import type { Progress } from './progress'

/** A command that ran but failed (exit 1); its message goes to stderr. */
export class CommandFailed extends Error {}

export type WithContext = (
  cmd: Command,
  run: (ctx: CliContext, opts: GlobalOptions, progress: Progress) => Promise<void>,
) => Promise<void>

/** Invokes `channel` like the renderer does; BAD_REQUEST is bad usage (exit 2), anything else fails (exit 1). */
export async function call<C extends Channel>(
  ctx: CliContext,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const result = await ctx.invoke(channel, request)
  if (!result.ok) {
    if (result.error.code === 'BAD_REQUEST') throw new UsageError(result.error.message)
    throw new CommandFailed(`${result.error.code}: ${result.error.message}`)
  }
  return result.data
}

/** The global --as-of/--tz/--lang/--from/--to/--tenant options as a BI filter. */
export function biFilter(ctx: CliContext, opts: GlobalOptions): BiFilter {
  return {
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    timeZone: ctx.zone,
    lang: ctx.lang,
    ...(opts.from !== undefined ? { from: opts.from } : {}),
    ...(opts.to !== undefined ? { to: opts.to } : {}),
    ...(opts.tenant && opts.tenant.length > 0 ? { tenants: opts.tenant } : {}),
  }
}
