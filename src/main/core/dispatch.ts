// One way a request reaches a handler, whoever carries it (Electron IPC, the browser harness's HTTP,
// the CLI): the channel is checked against the contract, the payload parsed with its zod schema,
// and every failure comes back as the typed envelope instead of a throw.
import {
  isChannel,
  parseRequest,
  type ApiResult,
  type Channel,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract'
import { toApiError } from './errors'

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
) => ResponseOf<C> | Promise<ResponseOf<C>>
export type HandlerTable = { [C in Channel]?: Handler<C> }

/** Parses `payload` for `channel` and runs its handler, answering with `{ ok, data } | { ok: false, error }`. */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  payload: unknown,
): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: { code: 'NOT_FOUND', message: `Unknown channel: ${String(channel).slice(0, 80)}` },
    }
  }
  const handler = handlers[channel] as Handler<Channel> | undefined
  if (!handler) {
    return { ok: false, error: { code: 'UNAVAILABLE', message: `${channel} is not available here` } }
  }
  const parsed = parseRequest(channel, payload)
  if (!parsed.ok) return parsed
  try {
    return { ok: true, data: await handler(parsed.data as never) }
  } catch (err) {
    return { ok: false, error: toApiError(err) }
  }
}
