// Channels of BI widgets and drill-down (SPEC §4). Merged into the one contract in ../contract.ts.
import type { ChannelSpec } from '../define'

export const biChannels = {} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type BiEvents = Record<never, never>
export const BI_EVENTS = [] as const satisfies readonly (keyof BiEvents)[]
