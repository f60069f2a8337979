// One demo SR's life: first response and assignment, reassignments, a PENDING spell, work logs,
// resolution (log-normal, by priority), a reopen, closing a few days later, or cancellation. Everything
// is planned first and then cut at as-of, so recent SRs are still open and nothing lies in the future.
import type { Priority, SrStatus } from '../../../shared/domain'
import type { SrEventInput, SrInput } from '../db/repositories/service-requests'
import { DEMO_CATEGORIES, SYSTEMS } from './names'
import { DEMO_SOURCE, pickActive, type DemoCast, type DemoPerson } from './people'
import type { Rng } from './prng'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

const PRIORITY_WEIGHTS = [3, 15, 55, 27]
const PRIORITY_NAMES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4']
// Log-normal medians and spreads with long right tails: P1 ~1.5 h, P4 ~1 day. Each median is about a
// third of the SPEC §3 default SLA target of its priority (4 / 8 / 24 / 72 h), so roughly nine in ten
// SRs are resolved in time, as in a team that mostly keeps its SLA; the tails make the breaches.
const RESOLVE_MEDIAN = [1.5 * HOUR, 3 * HOUR, 8 * HOUR, 22 * HOUR]
const RESOLVE_SIGMA = [0.8, 0.8, 0.9, 0.9]
const RESPONSE_MEDIAN = [8 * MIN, 25 * MIN, 90 * MIN, 4 * HOUR]
const CATEGORY_WEIGHTS = DEMO_CATEGORIES.map((c) => c.weight)
const HISTORY_SHARE = 0.25

export type SrContext = {
  rng: Rng
  cast: DemoCast
  tenantNames: readonly string[]
  asOf: number
  /** Activity per person key (max instant), for last_active_at. */
  activity: Map<string, number>
}

type Planned = { at: number; event: SrEventInput; kind: 'resolve' | 'reopen' | 'close' | 'cancel' | 'other' }

/** Builds demo SR number `seq` created at `createdAt` for tenant index `tenant`. */
export function demoServiceRequest(ctx: SrContext, seq: number, createdAt: number, tenant: number): SrInput {
  const { rng, cast, asOf } = ctx
  const pi = rng.weighted(PRIORITY_WEIGHTS)
  const category = DEMO_CATEGORIES[rng.weighted(CATEGORY_WEIGHTS)]
  const title = (category ? rng.pick(category.titles) : '기타 요청').replace('{s}', rng.pick(SYSTEMS))
  const requester = pickActive(cast.requestersByTenant[tenant] ?? [], createdAt, rng)
  const requesterKey = requester?.key ?? null
  touch(ctx, requesterKey, createdAt)

  const resolveSpan = Math.max(10 * MIN, rng.logNormal(RESOLVE_MEDIAN[pi] ?? DAY, RESOLVE_SIGMA[pi] ?? 1))
  let response = rng.logNormal(RESPONSE_MEDIAN[pi] ?? HOUR, 0.9)
  if (response > resolveSpan * 0.6) response = resolveSpan * rng.uniform(0.05, 0.4)
  const firstResponse = sec(createdAt + response)
  const resolved = Math.max(firstResponse + 1000, sec(createdAt + resolveSpan))

  const plan: Planned[] = []
  const add = (at: number, event: Omit<SrEventInput, 'at'>, kind: Planned['kind'] = 'other') =>
    plan.push({ at, event: { ...event, at }, kind })

  let assignee: DemoPerson | null = pickActive(cast.engineers, createdAt, rng)
  const dispatcher = pickActive(cast.managers, createdAt, rng)
  add(firstResponse, {
    kind: 'assignment',
    actor: dispatcher?.key ?? assignee?.key ?? null,
    assignee: assignee?.key ?? null,
  })
  add(firstResponse, {
    kind: 'status',
    fromStatus: 'OPEN',
    toStatus: 'IN_PROGRESS',
    actor: assignee?.key ?? null,
  })
  // Assignees over time, so later events are attributed to whoever held the SR then.
  const holders: { from: number; who: DemoPerson | null }[] = [{ from: firstResponse, who: assignee }]

  if (rng.chance(0.2)) {
    const k = rng.chance(0.75) ? 1 : rng.chance(0.8) ? 2 : 3
    const times = Array.from({ length: k }, () =>
      sec(firstResponse + (resolved - firstResponse) * rng.uniform(0.1, 0.7)),
    )
    times.sort((a, b) => a - b)
    for (const at of times) {
      const nextHolder = pickActive(cast.engineers, at, rng, assignee ?? undefined) ?? assignee
      add(at, {
        kind: 'assignment',
        actor: dispatcher?.key ?? null,
        assignee: nextHolder?.key ?? null,
        note: '담당자 재배정',
      })
      assignee = nextHolder
      holders.push({ from: at, who: nextHolder })
    }
  }
  const holderAt = (at: number) => {
    let who: DemoPerson | null = null
    for (const h of holders) if (h.from <= at) who = h.who
    return who?.key ?? null
  }
  const hasPending = rng.chance(pi >= 2 ? 0.18 : 0.08)
  if (hasPending) {
    const start = sec(firstResponse + (resolved - firstResponse) * rng.uniform(0.15, 0.5))
    const end = Math.max(start + 1000, sec(start + (resolved - start) * rng.uniform(0.3, 0.8)))
    add(start, {
      kind: 'status',
      fromStatus: 'IN_PROGRESS',
      toStatus: 'PENDING',
      actor: holderAt(start),
      note: '요청자 회신 대기',
    })
    add(end, {
      kind: 'status',
      fromStatus: 'PENDING',
      toStatus: 'IN_PROGRESS',
      actor: requesterKey,
      note: '요청자 회신',
    })
  }
  if (rng.chance(0.3)) {
    const at = sec(firstResponse + (resolved - firstResponse) * rng.uniform(0.3, 0.95))
    add(at, { kind: 'worklog', actor: holderAt(at), note: '원인 분석 및 조치 진행' })
  }
  add(
    resolved,
    { kind: 'status', fromStatus: 'IN_PROGRESS', toStatus: 'RESOLVED', actor: holderAt(resolved) },
    'resolve',
  )
  let finalResolved = resolved
  if (rng.chance(0.055)) {
    const reopenAt = sec(resolved + rng.logNormal(DAY, 0.8))
    finalResolved = sec(reopenAt + rng.logNormal((RESOLVE_MEDIAN[pi] ?? DAY) / 2, 0.9)) + 1000
    add(
      reopenAt,
      {
        kind: 'status',
        fromStatus: 'RESOLVED',
        toStatus: 'IN_PROGRESS',
        actor: requesterKey,
        note: '동일 증상 재발',
      },
      'reopen',
    )
    add(
      finalResolved,
      { kind: 'status', fromStatus: 'IN_PROGRESS', toStatus: 'RESOLVED', actor: holderAt(finalResolved) },
      'resolve',
    )
  }
  const closeAt = sec(finalResolved + rng.uniform(1, 5) * DAY)
  add(closeAt, { kind: 'status', fromStatus: 'RESOLVED', toStatus: 'DONE', actor: requesterKey }, 'close')

  if (rng.chance(0.03)) {
    // Cancelled before it was resolved: drop the rest of the plan.
    const cancelAt = sec(createdAt + (resolved - createdAt) * rng.uniform(0.05, 0.9))
    for (let i = plan.length - 1; i >= 0; i--) if ((plan[i]?.at ?? 0) >= cancelAt) plan.splice(i, 1)
    add(
      cancelAt,
      { kind: 'status', fromStatus: null, toStatus: 'CANCELLED', actor: requesterKey, note: '요청 취소' },
      'cancel',
    )
  }

  // Cut at as-of and replay to find the state the source would report now.
  plan.sort((a, b) => a.at - b.at)
  let status: SrStatus = 'OPEN'
  let current: string | null = null
  let firstResolvedAt: number | null = null
  let closedAt: number | null = null
  let updatedAt = createdAt
  let reassignments = -1
  let reopens = 0
  let respondedAt: number | null = null
  const events: SrEventInput[] = []
  for (const p of plan) {
    if (p.at > asOf) break
    const e = p.event
    if (e.kind === 'status') {
      const from = status
      status = e.toStatus ?? status
      e.fromStatus = from
      if (respondedAt === null && status === 'IN_PROGRESS') respondedAt = p.at
      if (p.kind === 'resolve' && firstResolvedAt === null) firstResolvedAt = p.at
      if (p.kind === 'reopen') reopens++
      if (p.kind === 'close' || p.kind === 'cancel') closedAt = p.at
    } else if (e.kind === 'assignment') {
      reassignments++
      current = e.assignee ?? null
      touch(ctx, e.assignee ?? null, p.at)
    }
    touch(ctx, e.actor ?? null, p.at)
    updatedAt = p.at
    events.push(e)
  }

  // Sources differ: most give resolved_at; the status history comes with every SR that had a PENDING
  // spell (so SLA pause time is always known) and with a share of the others. Full history for all
  // would quadruple the rows of a 1M-SR demo for little analytic gain. Missing resolved_at values
  // must be derived by the writer (events → closed_at → updated_at, SPEC §2).
  const givesHistory = hasPending || rng.chance(HISTORY_SHARE)
  const givesResolvedAt = rng.chance(0.88)
  const resolvedLike = status === 'RESOLVED' || status === 'DONE'
  const number = `SR-${String(seq).padStart(7, '0')}`
  return {
    source: DEMO_SOURCE,
    sourceId: number,
    number,
    tenant: ctx.tenantNames[tenant] ?? '',
    title,
    category: rng.chance(0.01) ? null : (category?.name ?? null),
    priority: PRIORITY_NAMES[pi] ?? 'P3',
    status,
    requester: requester?.name ?? null,
    assignee: current,
    createdAt,
    firstResponseAt: respondedAt,
    resolvedAt: resolvedLike && givesResolvedAt ? firstResolvedAt : null,
    closedAt,
    updatedAt,
    reassignmentCount: Math.max(0, reassignments),
    reopenCount: reopens,
    ...(givesHistory ? { events } : {}),
  }
}

function touch(ctx: SrContext, key: string | null, at: number): void {
  if (key === null) return
  const prev = ctx.activity.get(key)
  if (prev === undefined || prev < at) ctx.activity.set(key, at)
}

/** Whole seconds, as ITSM sources report them. */
function sec(ms: number): number {
  return Math.floor(ms / 1000) * 1000
}
