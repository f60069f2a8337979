// Core handlers for BI widgets and drill-down (SPEC §4): each one a few lines over the module that does the work.
import type { BiFilter } from '../../../shared/ipc/contract'
import type { OverviewResponse } from '../../../shared/ipc/types'
import type { biChannels } from '../../../shared/ipc/channels/bi'
import type { CoreContext, HandlersFor } from '../api'
import { ensureRollups } from '../rollups/rollups'
import { overview } from './overview'
import { resolveQuery, type ResolvedQuery } from './query'
import type { CountSource } from './widgets/aggregate'
import { categoryPie } from './widgets/category-pie'
import { drillDown } from './widgets/drill-down'
import { engineerLoad } from './widgets/engineer-load'
import { mttrTrend } from './widgets/mttr-trend'
import { resolutionFunnel } from './widgets/resolution-funnel'
import { slaHeatmap } from './widgets/sla-heatmap'
import { srTrend } from './widgets/sr-trend'

/** The handler table for this area's core channels. */
export function createBiHandlers(ctx: CoreContext): HandlersFor<typeof biChannels> {
  const { store } = ctx.workspace
  // The rollups answer for the workspace zone (rebuilt here after a zone change or an untracked
  // write); a request in another zone is counted from the SRs themselves.
  const prepare = (req: BiFilter): [CountSource, ResolvedQuery] => {
    const q = resolveQuery(req, ctx)
    const rollups = ensureRollups(store, q.zone, ctx.settings().timeZone)
    return [{ store, zone: q.zone, tenants: q.tenants, rollups }, q]
  }
  return {
    'bi:sr-trend': (req) => srTrend(...prepare(req), req.period),
    'bi:sla-heatmap': (req) => slaHeatmap(...prepare(req)),
    'bi:engineer-load': (req) => engineerLoad(...prepare(req)),
    'bi:category-pie': (req) => categoryPie(...prepare(req)),
    'bi:resolution-funnel': (req) => resolutionFunnel(...prepare(req)),
    'bi:mttr-trend': (req) => mttrTrend(...prepare(req), req.months),
    'bi:drill-down': (req) => drillDown(...prepare(req), req),
  }
}

/**
 * The `bi:overview` handler (its channel sits in the contract's core table): the cards from the
 * rollups when they answer for the request's zone, else from the SRs.
 */
export function createOverviewHandler(ctx: CoreContext): (req: BiFilter) => OverviewResponse {
  return (req) => {
    const { store } = ctx.workspace
    const q = resolveQuery(req, ctx)
    return overview(store, q, ensureRollups(store, q.zone, ctx.settings().timeZone))
  }
}
