// Channels of the admin role (SPEC §9). Merged into the one contract in ../contract.ts.
// The passphrase travels only in requests; answers say whether one is set, never what it is.
import { z } from 'zod'
import { returns, type ChannelSpec } from '../define'
import type { AuthStatus } from '../types-auth'

const passphrase = z.string().min(1).max(1024)

export const authChannels = {
  'auth:status': { scope: 'core', request: z.object({}).strict(), response: returns<AuthStatus>() },
  /** First time: anyone at the keyboard sets it (and is admin); later: admins only, with the current one. */
  'auth:set-passphrase': {
    scope: 'core',
    request: z.object({ passphrase, current: passphrase.optional() }).strict(),
    response: returns<AuthStatus>(),
  },
  'auth:unlock': {
    scope: 'core',
    request: z.object({ passphrase }).strict(),
    response: returns<AuthStatus>(),
  },
  'auth:lock': { scope: 'core', request: z.object({}).strict(), response: returns<AuthStatus>() },
} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type AuthEvents = { 'auth:changed': AuthStatus }
export const AUTH_EVENTS = ['auth:changed'] as const satisfies readonly (keyof AuthEvents)[]
