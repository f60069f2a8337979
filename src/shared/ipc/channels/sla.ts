// Channels of SLA policy and calendars (SPEC §3). Merged into the one contract in ../contract.ts.
// Every change is admin-only, re-judges the stored SRs (progress on 'sla:rejudge-progress') and
// then pushes 'data:changed' with reason 'sla'.
import { z } from 'zod'
import { PRIORITIES } from '../../domain'
import { empty, isoDate, returns, type ChannelSpec } from '../define'
import type { SlaChangeResult, SlaImportResult, SlaPolicyResponse, SlaRejudgeProgress } from '../types-sla'

/** Largest iCal text accepted (a national holiday calendar for decades is well under 1 MB). */
export const MAX_ICS_CHARS = 2_000_000

const hours = z.number().positive('Must be more than 0 hours').max(8760, 'At most 8760 hours (one year)')
const minute = z.number().int().min(0).max(1440)

export const slaPolicySchema = z
  .object({
    /** Local day (workspace zone) from which SRs created are judged by this version. */
    effectiveFrom: isoDate,
    calendar: z.enum(['24x7', 'business']),
    targets: z.object({ P1: hours, P2: hours, P3: hours, P4: hours }).strict(),
    overrides: z
      .array(
        z
          .object({
            category: z.string().trim().min(1, 'Choose a category').max(200),
            priority: z.enum(PRIORITIES).nullable(),
            hours,
          })
          .strict(),
      )
      .max(200),
    pauseOnPending: z.boolean(),
  })
  .strict()

export const slaChannels = {
  'sla:get-policy': { scope: 'core', request: empty, response: returns<SlaPolicyResponse>() },
  'sla:save-policy': { scope: 'core', request: slaPolicySchema, response: returns<SlaChangeResult>() },
  'sla:set-calendar-hours': {
    scope: 'core',
    request: z.object({ week: z.array(z.array(z.tuple([minute, minute])).max(12)).length(7) }).strict(),
    response: returns<SlaChangeResult>(),
  },
  'sla:add-holiday': {
    scope: 'core',
    request: z.object({ day: isoDate, name: z.string().trim().max(200) }).strict(),
    response: returns<SlaChangeResult>(),
  },
  'sla:remove-holiday': {
    scope: 'core',
    request: z.object({ day: isoDate }).strict(),
    response: returns<SlaChangeResult>(),
  },
  'sla:import-holidays': {
    scope: 'core',
    request: z
      .object({ content: z.string().min(1, 'The file is empty').max(MAX_ICS_CHARS, 'The file is too large') })
      .strict(),
    response: returns<SlaImportResult>(),
  },
} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type SlaEvents = { 'sla:rejudge-progress': SlaRejudgeProgress }
export const SLA_EVENTS = ['sla:rejudge-progress'] as const satisfies readonly (keyof SlaEvents)[]
