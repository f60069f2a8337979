// Channels of the KPI engine (SPEC §6). Merged into the one contract in ../contract.ts.
import type { ChannelSpec } from '../define'

export const kpiChannels = {} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type KpiEvents = Record<never, never>
export const KPI_EVENTS = [] as const satisfies readonly (keyof KpiEvents)[]
