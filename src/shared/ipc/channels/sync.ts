// Channels of sources, sync and file import (SPEC §10). Merged into the one contract in ../contract.ts.
import type { ChannelSpec } from '../define'

export const syncChannels = {} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type SyncEvents = Record<never, never>
export const SYNC_EVENTS = [] as const satisfies readonly (keyof SyncEvents)[]
