// Channels of the admin role (SPEC §9). Merged into the one contract in ../contract.ts.
import type { ChannelSpec } from '../define'

export const authChannels = {} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type AuthEvents = Record<never, never>
export const AUTH_EVENTS = [] as const satisfies readonly (keyof AuthEvents)[]
