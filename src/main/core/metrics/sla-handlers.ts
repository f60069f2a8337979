// Core handlers for SLA policy and calendars (SPEC §3): each one a few lines over the module that does the work.
// A change writes its policy rows at once, then waits for a full re-judge of the stored SRs (in the
// app a worker thread runs it, see workers/jobs-runner.ts) and answers with its count, so every
// widget, rollup and KPI reads judgements made under the policy now stored. Changes made while a
// re-judge runs share ONE follow-up re-judge, which reads the policy as it is when it starts.
import { DateTime } from 'luxon'
import type { slaChannels } from '../../../shared/ipc/channels/sla'
import type { SlaChangeResult, SlaPolicyResponse } from '../../../shared/ipc/types-sla'
import type { CoreContext, HandlersFor } from '../api'
import { requireAdmin } from '../auth/require-admin'
import { CoreError } from '../errors'
import { writeTransaction } from '../db/write-transaction'
import { markRejudgeOwed } from '../workers/jobs-execute'
import { createJobRunner, inProcessJobBackend } from '../workers/jobs-runner'
import { IcsError, parseIcsHolidays } from './ical'
import { startOfLocalDay } from './periods'
import {
  deleteHolidays,
  insertPolicyVersion,
  readSlaState,
  setBusinessHours,
  upsertHolidays,
  versionAt,
  type StoredPolicyVersion,
} from './sla-policy'

/** The handler table for this area's core channels. */
export function createSlaHandlers(ctx: CoreContext): HandlersFor<typeof slaChannels> {
  const store = ctx.workspace.store
  const zone = () => ctx.settings().timeZone
  // The CLI and tests re-judge on this thread; the runner's lane still coalesces overlapping changes.
  const jobs = ctx.jobs ?? createJobRunner({ backend: inProcessJobBackend(store), emit: ctx.emit })

  /** Applies `change` now, then re-judges (when `affects` says so) and announces it. */
  const change = <T>(action: string, apply: () => T, affects: () => boolean = () => true) => {
    requireAdmin(ctx.role, action)
    const run = async (): Promise<T & SlaChangeResult> => {
      // The change and the mark that the stored SRs owe a re-judgement are saved together: the
      // app quitting before the re-judgement has run (it may wait behind another job) or while it
      // runs leaves the mark, and the next start re-judges in full.
      const { extra, owed } = writeTransaction(store.sqlite, () => {
        const applied = badRequest(apply)
        const needs = affects()
        if (needs) markRejudgeOwed(store)
        return { extra: applied, owed: needs }
      })()
      let rejudged = 0
      let rejudgeMs = 0
      if (owed) {
        const r = await jobs.rejudge()
        rejudged = r.judged
        rejudgeMs = r.ms
      }
      ctx.emit('data:changed', { reason: 'sla', at: new Date(ctx.now()).toISOString() })
      return { ...extra, policy: view(), rejudged, rejudgeMs }
    }
    return run()
  }
  const businessInUse = () => readSlaState(store).versions.some((v) => v.calendar === 'business')

  const view = (): SlaPolicyResponse => {
    const z = zone()
    const state = readSlaState(store, z)
    const toView = (v: StoredPolicyVersion) => ({
      version: v.version,
      effectiveFrom: Number.isFinite(v.effectiveFrom)
        ? DateTime.fromMillis(v.effectiveFrom, { zone: z }).toISODate()
        : null,
      calendar: v.calendar,
      targets: v.targets,
      overrides: v.overrides,
      pauseOnPending: v.pauseOnPending,
      createdAt: v.createdAt === null ? null : new Date(v.createdAt).toISOString(),
      changedBy: v.changedBy,
    })
    return {
      current: toView(versionAt(state.versions, ctx.now())),
      versions: [...state.versions].sort((a, b) => b.version - a.version).map(toView),
      business: {
        zone: state.business.zone,
        week: state.business.week.map((d) => d.map(([s, e]) => [s, e] as [number, number])),
        holidays: state.business.holidays,
      },
      timeZone: z,
      today: DateTime.fromMillis(ctx.now(), { zone: z }).toISODate() ?? '',
    }
  }

  return {
    'sla:get-policy': () => view(),
    'sla:save-policy': (req) =>
      change('change the SLA policy', () => {
        const effectiveFrom = badRequest(() => startOfLocalDay(req.effectiveFrom, zone()))
        insertPolicyVersion(
          store,
          { ...req, effectiveFrom },
          { now: ctx.now(), zone: zone(), changedBy: ctx.role() },
        )
        return {}
      }),
    'sla:set-calendar-hours': (req) =>
      change(
        'change the SLA business hours',
        () => {
          setBusinessHours(store, req.week, zone(), ctx.now())
          return {}
        },
        businessInUse,
      ),
    'sla:add-holiday': (req) =>
      change(
        'change the SLA holidays',
        () => {
          upsertHolidays(store, [{ day: req.day, name: req.name }], 'manual', {
            zone: zone(),
            now: ctx.now(),
          })
          return {}
        },
        businessInUse,
      ),
    'sla:remove-holiday': (req) =>
      change(
        'change the SLA holidays',
        () => {
          if (deleteHolidays(store, [req.day]) === 0)
            throw new CoreError('NOT_FOUND', `${req.day} is not a holiday`)
          return {}
        },
        businessInUse,
      ),
    'sla:import-holidays': (req) =>
      change(
        'import SLA holidays',
        () => {
          const untilYear = DateTime.fromMillis(ctx.now(), { zone: zone() }).year + 5
          let parsed
          try {
            parsed = parseIcsHolidays(req.content, { untilYear })
          } catch (err) {
            if (err instanceof IcsError) throw new CoreError('BAD_REQUEST', `Not imported: ${err.message}`)
            throw err
          }
          const r = upsertHolidays(store, parsed.holidays, 'ical', { zone: zone(), now: ctx.now() })
          return { ...r, events: parsed.events, skippedTimed: parsed.skippedTimed }
        },
        businessInUse,
      ),
  }
}

/** Turns a validation Error from the policy module into BAD_REQUEST (CoreErrors pass through). */
function badRequest<T>(fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    if (err instanceof CoreError) throw err
    if (err instanceof Error) throw new CoreError('BAD_REQUEST', err.message)
    throw err
  }
}
