// Core handlers for cohorts and the tenant benchmark (SPEC §5): each one a few lines over the module that does the work.
import type { cohortsChannels } from '../../../shared/ipc/channels/cohorts'
import type { CoreContext, HandlersFor } from '../api'
import { tenantBenchmark } from './cohorts/benchmark'
import { featureAdoption } from './cohorts/feature-adoption'
import { srResolution } from './cohorts/sr-resolution'
import { tenantGrowth } from './cohorts/tenant-growth'
import { userRetention } from './cohorts/user-retention'
import { resolveQuery } from './query'

/** The handler table for this area's core channels. */
export function createCohortHandlers(ctx: CoreContext): HandlersFor<typeof cohortsChannels> {
  const store = () => ctx.workspace.store
  return {
    'cohort:tenant-growth': (req) => tenantGrowth(store(), resolveQuery(req, ctx)),
    'cohort:user-retention': (req) => userRetention(store(), resolveQuery(req, ctx)),
    'cohort:sr-resolution': (req) =>
      srResolution(store(), resolveQuery(req, ctx), {
        fastBelowHours: req.fastBelowHours,
        slowFromHours: req.slowFromHours,
        basis: req.basis,
      }),
    'cohort:feature-adoption': (req) => featureAdoption(store(), resolveQuery(req, ctx)),
    'cohort:benchmark': (req) => tenantBenchmark(store(), resolveQuery(req, ctx)),
  }
}
