// Channels of cohorts and the tenant benchmark (SPEC §5). Merged into the one contract in ../contract.ts.
// Every request is the BI filter (as-of, zone, from/to, tenants, lang); what each one does with the
// tenant filter and the range is documented in src/main/core/analytics/cohorts/README.md.
import { z } from 'zod'
import { biFilterSchema, returns, type ChannelSpec } from '../define'
import type {
  BenchmarkResponse,
  FeatureAdoptionResponse,
  SrResolutionResponse,
  TenantGrowthResponse,
  UserRetentionResponse,
} from '../types-cohorts'

const hours = z.number().finite().min(0).max(100_000)

/** sr-resolution: the label thresholds (fast < fastBelowHours ≤ normal < slowFromHours ≤ slow) and the statistic judged. */
export const srResolutionRequestSchema = biFilterSchema.extend({
  fastBelowHours: hours.optional(),
  slowFromHours: hours.optional(),
  basis: z.enum(['mean', 'median', 'p90']).optional(),
})

export const cohortsChannels = {
  'cohort:tenant-growth': {
    scope: 'core',
    request: biFilterSchema,
    response: returns<TenantGrowthResponse>(),
  },
  'cohort:user-retention': {
    scope: 'core',
    request: biFilterSchema,
    response: returns<UserRetentionResponse>(),
  },
  'cohort:sr-resolution': {
    scope: 'core',
    request: srResolutionRequestSchema,
    response: returns<SrResolutionResponse>(),
  },
  'cohort:feature-adoption': {
    scope: 'core',
    request: biFilterSchema,
    response: returns<FeatureAdoptionResponse>(),
  },
  /** `tenants` holds at most one name: the tenant compared against all (anonymous) others. */
  'cohort:benchmark': { scope: 'core', request: biFilterSchema, response: returns<BenchmarkResponse>() },
} as const satisfies Record<string, ChannelSpec>

/** Events of this area the main process pushes (merged into EventPayloads). */
export type CohortEvents = Record<never, never>
export const COHORTS_EVENTS = [] as const satisfies readonly (keyof CohortEvents)[]
