// The typed client every component uses: unwraps the { ok, data } envelope into data or a thrown
// ApiClientError, so screens deal with one error shape whichever transport carried the call.
import type {
  ApiError,
  ApiErrorCode,
  Channel,
  EventName,
  EventPayloads,
  RequestOf,
  ResponseOf,
} from '../../../shared/ipc/contract'
import type { ApiErrorReason } from '../../../shared/ipc/error-reasons'
import { i18n } from '../i18n'

export class ApiClientError extends Error {
  readonly code: ApiErrorCode
  readonly issues: NonNullable<ApiError['issues']>
  /** The same as a code and params to word in the UI's language (lib/api-error-text.ts). */
  readonly reason: ApiErrorReason | null

  constructor(error: ApiError) {
    // The core words its errors in English; a busy workspace is common enough to say in the UI's
    // language even where the message is shown as it is.
    super(error.code === 'BUSY' ? i18n.t('errors.busy') : error.message)
    this.name = 'ApiClientError'
    this.code = error.code
    this.issues = error.issues ?? []
    this.reason = error.reason ?? null
  }
}

/** Calls `channel`; resolves with its data or throws ApiClientError carrying the envelope's code and message. */
export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await window.api.invoke(channel, request).catch((err: unknown) => {
    // Transport failures (harness down, IPC torn down) become the same typed error.
    throw new ApiClientError({
      code: 'UNAVAILABLE',
      message: err instanceof Error ? err.message : String(err),
    })
  })
  if (!result.ok) throw new ApiClientError(result.error)
  return result.data
}

/** Listens to a pushed event; returns the unsubscribe function. */
export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  return window.api.on(event, listener)
}
