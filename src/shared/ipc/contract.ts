// The one IPC contract (ARCHITECTURE.md "Walls"): every channel with its zod request schema and
// response type, and every pushed event. Main, preload, renderer, CLI and the browser harness all
// derive from this table; no channel string is written anywhere else.
import { z } from 'zod'
import { appSettingsPatchSchema, type AppSettings } from '../settings'
import { AUTH_EVENTS, authChannels, type AuthEvents } from './channels/auth'
import { BI_EVENTS, biChannels, type BiEvents } from './channels/bi'
import { COHORTS_EVENTS, cohortsChannels, type CohortEvents } from './channels/cohorts'
import { KPI_EVENTS, kpiChannels, type KpiEvents } from './channels/kpi'
import { SLA_EVENTS, slaChannels, type SlaEvents } from './channels/sla'
import { SYNC_EVENTS, syncChannels, type SyncEvents } from './channels/sync'
import { biFilterSchema, empty, returns, type ChannelSpec } from './define'
import type { ApiErrorReason } from './error-reasons'
import type { AppInfo, DemoResult, OverviewResponse, TenantSummary, WorkspaceStatus } from './types'

export { biFilterSchema, type BiFilter } from './define'

/** The foundation's channels; each area's channels live in ./channels/<area>.ts. */
const baseChannels = {
  'app:info': { scope: 'core', request: empty, response: returns<AppInfo>() },
  'workspace:status': { scope: 'core', request: empty, response: returns<WorkspaceStatus>() },
  'workspace:tenants': { scope: 'core', request: empty, response: returns<TenantSummary[]>() },
  'demo:generate': {
    scope: 'core',
    request: z
      .object({
        srCount: z.number().int().min(100).max(1_000_000).optional(),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .optional(),
      })
      .strict(),
    response: returns<DemoResult>(),
  },
  'bi:overview': { scope: 'core', request: biFilterSchema, response: returns<OverviewResponse>() },
  'settings:get': { scope: 'shell', request: empty, response: returns<AppSettings>() },
  'settings:set': { scope: 'shell', request: appSettingsPatchSchema, response: returns<AppSettings>() },
  'window:open-settings': { scope: 'shell', request: empty, response: returns<null>() },
  'link:open-external': {
    scope: 'shell',
    request: z.object({ url: z.string().min(1).max(2048) }).strict(),
    response: returns<{ opened: boolean }>(),
  },
} as const satisfies Record<string, ChannelSpec>

/** Every area's channel table; their keys must not overlap (a unit test checks). */
export const CHANNEL_TABLES = {
  base: baseChannels,
  auth: authChannels,
  bi: biChannels,
  cohorts: cohortsChannels,
  kpi: kpiChannels,
  sla: slaChannels,
  sync: syncChannels,
} as const

/**
 * `scope: 'core'` channels are answered by src/main/core/api.ts (in the app, the CLI and the harness);
 * `scope: 'shell'` channels need the desktop shell (windows, OS integration, electron-store) and
 * the browser harness provides stand-ins for them.
 */
export const contract = {
  ...baseChannels,
  ...authChannels,
  ...biChannels,
  ...cohortsChannels,
  ...kpiChannels,
  ...slaChannels,
  ...syncChannels,
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type CoreChannel = { [C in Channel]: Contract[C]['scope'] extends 'core' ? C : never }[Channel]
export type ShellChannel = Exclude<Channel, CoreChannel>
/** What a caller passes (before defaults). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>
/** What a handler receives (after parsing). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>
export type ResponseOf<C extends Channel> = Contract[C]['response']

export const CHANNELS = Object.keys(contract) as Channel[]

type BaseEvents = {
  'data:changed': { reason: 'demo' | 'sync' | 'import' | 'settings' | 'kpi' | 'sla'; at: string }
  'demo:progress': { done: number; total: number; stage: string }
  'settings:changed': AppSettings
}
/** Events the main process pushes to the renderer. */
export type EventPayloads = BaseEvents &
  AuthEvents &
  BiEvents &
  CohortEvents &
  KpiEvents &
  SlaEvents &
  SyncEvents
export type EventName = keyof EventPayloads
export const EVENTS = [
  'data:changed',
  'demo:progress',
  'settings:changed',
  ...AUTH_EVENTS,
  ...BI_EVENTS,
  ...COHORTS_EVENTS,
  ...KPI_EVENTS,
  ...SLA_EVENTS,
  ...SYNC_EVENTS,
] as const satisfies readonly EventName[]

/** BUSY: another connection held the workspace's write lock past the busy timeout; nothing was kept. */
export type ApiErrorCode =
  'BAD_REQUEST' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'BUSY' | 'UNAVAILABLE' | 'INTERNAL'
/**
 * A failed call: `message` in English (the CLI's wording), `reason` the same as a code and params the
 * renderer words in the UI's language (absent where the core gives none).
 */
export type ApiError = {
  code: ApiErrorCode
  message: string
  issues?: { path: string; message: string }[]
  reason?: ApiErrorReason
}
/** The typed envelope every channel answers with. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

/** The whole of `window.api`: what the preload exposes and the browser harness shim imitates. */
export type Api = {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ApiResult<ResponseOf<C>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value)
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value)
}

/** Parses a request for `channel`; returns the envelope error on bad input (never throws). */
export function parseRequest<C extends Channel>(
  channel: C,
  payload: unknown,
): { ok: true; data: ParsedRequestOf<C> } | { ok: false; error: ApiError } {
  const schema = contract[channel].request as unknown as z.ZodType<ParsedRequestOf<C>>
  const result = schema.safeParse(payload ?? {})
  if (result.success) return { ok: true, data: result.data }
  return {
    ok: false,
    error: {
      code: 'BAD_REQUEST',
      message: `Invalid request for ${channel}: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    },
  }
}
