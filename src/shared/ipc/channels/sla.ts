// Channels of SLA policy and calendars (SPEC §3). Merged into the one contract in ../contract.ts.
import type { ChannelSpec } from '../define'

export const slaChannels = {} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type SlaEvents = Record<never, never>
export const SLA_EVENTS = [] as const satisfies readonly (keyof SlaEvents)[]
