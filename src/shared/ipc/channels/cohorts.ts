// Channels of cohorts and the tenant benchmark (SPEC §5). Merged into the one contract in ../contract.ts.
import type { ChannelSpec } from '../define'

export const cohortsChannels = {} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type CohortEvents = Record<never, never>
export const COHORTS_EVENTS = [] as const satisfies readonly (keyof CohortEvents)[]
