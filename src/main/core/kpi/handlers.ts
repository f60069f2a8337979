// Core handlers for the KPI engine (SPEC §6): each one a few lines over the module that does the work.
// Definitions are written here; calculations go to the background job runner when the context has
// one (the app: a worker thread, coalesced with the scheduler's runs), else run in-process.
import type { kpiChannels } from '../../../shared/ipc/channels/kpi'
import type { CoreContext, HandlersFor } from '../api'
import { resolveQuery } from '../analytics/query'
import { requireAdmin } from '../auth/require-admin'
import { CoreError } from '../errors'
import { formatInstant, parseInstant, startOfLocalDay, startOfNextLocalDay } from '../metrics/periods'
import { roundTo } from '../metrics/rounding'
import { definitionOut, kpiBoard, kpiDetail, kpiHistory, kpisOfTenants } from './board'
import { recalculateKpis } from './calculate'
import { deleteKpi, getKpi, listKpis } from './definitions'
import { kpiDrillDown } from './drill-down'
import type { MetricSource } from './metric-source'
import { applyTemplates, createKpi, updateKpi } from './service'
import { kpiTemplates } from './templates'

/** The handler table for this area's core channels; `source` replaces the store's metrics in tests. */
export function createKpiHandlers(ctx: CoreContext, source?: MetricSource): HandlersFor<typeof kpiChannels> {
  const { store } = ctx.workspace
  const when = (req: { asOf?: string | undefined; timeZone?: string | undefined }) => {
    const q = resolveQuery(
      { ...(req.asOf ? { asOf: req.asOf } : {}), ...(req.timeZone ? { timeZone: req.timeZone } : {}) },
      ctx,
    )
    return { asOf: q.asOf, zone: q.zone, lang: q.lang }
  }
  const service = (req: { asOf?: string | undefined; timeZone?: string | undefined }) => {
    const w = when(req)
    return { now: w.asOf, zone: w.zone, changedBy: ctx.role(), ...(source ? { source } : {}) }
  }
  const changed = () => ctx.emit('data:changed', { reason: 'kpi', at: new Date(ctx.now()).toISOString() })
  // A test's metric source lives in this thread, so it keeps the in-process path.
  const jobs = source === undefined ? ctx.jobs : undefined
  /** Service options; with a job runner the definition is written now and calculated by `background`. */
  const serviceFor = (req: { asOf?: string | undefined; timeZone?: string | undefined }) => ({
    ...service(req),
    calculate: jobs === undefined,
  })
  const background = async (o: { now: number; zone: string }, only?: number) => {
    await jobs?.calculateKpis({ now: o.now, zone: o.zone, ...(only !== undefined ? { only } : {}) })
  }
  const day = (text: string, zone: string, end: boolean) => {
    try {
      return end ? startOfNextLocalDay(text, zone) - 1 : startOfLocalDay(text, zone)
    } catch (err) {
      throw new CoreError('BAD_REQUEST', (err as Error).message)
    }
  }

  return {
    'kpi:templates': (req) => kpiTemplates(req.lang ?? ctx.settings().language),
    'kpi:apply': async (req) => {
      requireAdmin(ctx.role, 'apply KPI templates')
      const o = serviceFor(req)
      const result = applyTemplates(store, { ...req, lang: req.lang ?? ctx.settings().language }, o)
      if (result.count > 0) {
        await background(o)
        changed()
      }
      return result
    },
    'kpi:list': (req) => {
      const w = when(req)
      return kpiBoard(store, {
        asOf: w.asOf,
        zone: w.zone,
        tenants: req.tenants ?? null,
        ...(req.period ? { period: req.period } : {}),
        ...(req.history !== undefined ? { history: req.history } : {}),
      })
    },
    'kpi:get': (req) => {
      const w = when(req)
      return kpiDetail(store, getKpi(store, req.kpi), { asOf: w.asOf, zone: w.zone })
    },
    'kpi:create': async (req) => {
      requireAdmin(ctx.role, 'create KPIs')
      const { asOf: _a, timeZone: _t, ...input } = req
      const o = serviceFor(req)
      const kpi = createKpi(store, input, o)
      await background(o, kpi.id)
      changed()
      return definitionOut(getKpi(store, kpi.id), o.zone)
    },
    'kpi:update': async (req) => {
      requireAdmin(ctx.role, 'edit KPIs')
      const { kpi: ref, asOf: _a, timeZone: _t, ...patch } = req
      const o = serviceFor(req)
      const kpi = updateKpi(store, ref, patch, o)
      await background(o, kpi.id)
      changed()
      return definitionOut(kpi, o.zone)
    },
    'kpi:delete': (req) => {
      requireAdmin(ctx.role, 'delete KPIs')
      const kpi = getKpi(store, req.kpi)
      deleteKpi(store, kpi)
      changed()
      return { deleted: kpi.name }
    },
    'kpi:calc': async (req) => {
      const w = when(req)
      const started = performance.now()
      // Checked here so an unknown KPI is NOT_FOUND, not a failed run shared with other requests.
      // With tenants or a period, each KPI narrowed to one of those tenants / of that period is
      // calculated (none: nothing to do); otherwise one run over all KPIs.
      const narrowed = (): number[] => {
        let kpis = listKpis(store)
        if (req.tenants !== undefined) kpis = kpisOfTenants(kpis, req.tenants)
        if (req.period !== undefined) kpis = kpis.filter((k) => k.period === req.period)
        return kpis.map((k) => k.id)
      }
      const named =
        req.kpi !== undefined
          ? [getKpi(store, req.kpi).id]
          : req.tenants !== undefined || req.period !== undefined
            ? narrowed()
            : [undefined]
      const calcOne = async (only: number | undefined) => {
        if (jobs) {
          const r = await jobs.calculateKpis({
            now: w.asOf,
            zone: w.zone,
            ...(only !== undefined ? { only } : {}),
            ...(req.full ? { full: true } : {}),
          })
          // A coalesced run may have covered more KPIs than this request named.
          return only === undefined ? r.outcomes : r.outcomes.filter((o) => o.kpi.id === only)
        }
        return recalculateKpis(store, {
          now: w.asOf,
          zone: w.zone,
          ...(only !== undefined ? { only } : {}),
          ...(req.full ? { full: true } : {}),
          ...(source ? { source } : {}),
        })
      }
      const outcomes = []
      for (const only of named) outcomes.push(...(await calcOne(only)))
      const board = kpiBoard(store, { asOf: w.asOf, zone: w.zone, history: 0 })
      changed()
      return {
        results: outcomes.map((o) => {
          const item = board.kpis.find((k) => k.id === o.kpi.id)
          return {
            kpi_id: o.kpi.id,
            name: o.kpi.name,
            value: item?.value ?? null,
            unit: item?.unit ?? o.kpi.unit,
            target: item?.target ?? o.kpi.target,
            status: item?.status ?? 'NO_DATA',
            achievement_pct: item?.achievement_pct ?? null,
            periods_computed: o.computed,
          }
        }),
        duration_ms: roundTo(performance.now() - started, 1),
        as_of: formatInstant(w.asOf, w.zone),
      }
    },
    'kpi:history': (req) => {
      const w = when(req)
      const to = req.to !== undefined ? Math.min(day(req.to, w.zone, true), w.asOf) : w.asOf
      const from = req.from !== undefined ? day(req.from, w.zone, false) : 0
      if (from > to)
        throw new CoreError('BAD_REQUEST', `from (${req.from}) is after to (${req.to ?? 'as-of'})`)
      return kpiHistory(store, getKpi(store, req.kpi), { asOf: to, zone: w.zone, from })
    },
    'kpi:drill-down': (req) => {
      const w = when(req)
      let at = w.asOf
      if (req.period !== undefined) {
        try {
          at = parseInstant(`${req.period}T00:00:00`, w.zone)
        } catch (err) {
          throw new CoreError('BAD_REQUEST', (err as Error).message)
        }
      }
      return kpiDrillDown(store, getKpi(store, req.kpi), {
        at,
        asOf: w.asOf,
        zone: w.zone,
        limit: req.limit ?? 200,
        offset: req.offset ?? 0,
      })
    },
  }
}
