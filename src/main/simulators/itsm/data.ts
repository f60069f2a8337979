// Seeded, realistic ITSM data in the wire format of docs/itsm-rest-protocol.md: the same seed gives
// the same rows on every machine. Reuses the demo workspace's PRNG and Korean reference data.
import type { SyncEntity } from '../../core/sources/types'
import type { WireRows } from '../../core/sources/itsm-rest/wire'
import { createRng, type Rng } from '../../core/demo/prng'
import {
  DEMO_CATEGORIES,
  DEMO_TENANTS,
  DEPLOY_TARGETS,
  FEATURES,
  SYSTEMS,
  uniqueNames,
} from '../../core/demo/names'
import type { SrStatus } from '../../../shared/domain'

export type ItsmDataset = { [E in SyncEntity]: WireRows[E][] }

export type GenerateOptions = {
  seed: number
  srCount: number
  /** The simulated "now": every generated instant is at or before it. */
  asOf: number
  /** Whether to generate SR events (about three per SR). */
  events: boolean
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const SPAN_DAYS = 365
const ENGINEERS = 20

const iso = (ms: number): string => new Date(ms).toISOString()

export function generateDataset(opts: GenerateOptions): ItsmDataset {
  const root = createRng(opts.seed)
  const start = opts.asOf - SPAN_DAYS * DAY
  const data: ItsmDataset = {
    tenants: [],
    categories: [],
    people: [],
    srs: [],
    sr_events: [],
    deployments: [],
    feature_usage: [],
  }

  const tenants = DEMO_TENANTS.map((t, i) => {
    const createdAt = start + Math.floor(t.onboard * SPAN_DAYS) * DAY
    return { ...t, id: `T${String(i + 1).padStart(2, '0')}`, createdAt }
  })
  for (const t of tenants)
    data.tenants.push({ id: t.id, name: t.name, created_at: iso(t.createdAt), updated_at: iso(t.createdAt) })
  DEMO_CATEGORIES.forEach((c, i) =>
    data.categories.push({ id: `C${String(i + 1).padStart(2, '0')}`, name: c.name, updated_at: iso(start) }),
  )

  // People: ~20 engineers, two managers and an admin (staff, no tenant), five requesters per tenant.
  const peopleRng = root.fork(1)
  const names = uniqueNames(ENGINEERS + 3 + tenants.length * 5, (n) => peopleRng.int(0, n - 1))
  let personSeq = 0
  const addPerson = (
    role: WireRows['people']['role'],
    tenant: (typeof tenants)[number] | null,
  ): WireRows['people'] => {
    const who = names[personSeq]
    if (!who) throw new Error('ran out of names')
    personSeq++
    const createdAt = (tenant?.createdAt ?? start) + peopleRng.int(0, 30) * DAY
    const lastActive = opts.asOf - peopleRng.int(0, 20) * DAY - peopleRng.int(0, 23) * HOUR
    const row: WireRows['people'] = {
      id: `P${String(personSeq).padStart(4, '0')}`,
      tenant: tenant?.name ?? null,
      name: who.name,
      email: `${who.latin}@${tenant?.domain ?? 'ops.example.kr'}`,
      role,
      created_at: iso(createdAt),
      last_active_at: iso(Math.max(createdAt, lastActive)),
      updated_at: iso(Math.max(createdAt, lastActive)),
    }
    data.people.push(row)
    return row
  }
  const engineers = Array.from({ length: ENGINEERS }, () => addPerson('engineer', null))
  addPerson('manager', null)
  addPerson('manager', null)
  addPerson('admin', null)
  const requesters = new Map(
    tenants.map((t) => [t.name, Array.from({ length: 5 }, () => addPerson('requester', t))]),
  )

  // SRs, spread over the year in proportion to tenant size, each with a plausible life cycle.
  const srRng = root.fork(2)
  const tenantWeights = tenants.map((t) => t.size)
  const categoryWeights = DEMO_CATEGORIES.map((c) => c.weight)
  const medianHours = { P1: 4, P2: 12, P3: 36, P4: 72 } as const
  for (let i = 1; i <= opts.srCount; i++) {
    const tenant = tenants[srRng.weighted(tenantWeights)] ?? tenants[0]
    if (!tenant) throw new Error('no tenants')
    const category = DEMO_CATEGORIES[srRng.weighted(categoryWeights)] ?? DEMO_CATEGORIES[0]
    if (!category) throw new Error('no categories')
    const priority = (['P1', 'P2', 'P3', 'P4'] as const)[srRng.weighted([5, 15, 50, 30])] ?? 'P3'
    const createdAt = Math.floor(srRng.uniform(Math.max(start, tenant.createdAt), opts.asOf - HOUR))
    const requester = srRng.pick(requesters.get(tenant.name) ?? engineers)
    const assignee = srRng.chance(0.92) ? srRng.pick(engineers) : null
    const firstResponse = createdAt + Math.round(srRng.logNormal(40 * 60_000, 0.9))
    // A few SRs stall for weeks (waiting on a vendor or the requester): the long-lived backlog.
    const stalled = srRng.chance(0.04)
    const resolveAt =
      createdAt +
      Math.round(stalled ? srRng.uniform(10, 120) * DAY : srRng.logNormal(medianHours[priority] * HOUR, 1))
    let status: SrStatus
    let resolvedAt: number | null = null
    let closedAt: number | null = null
    if (srRng.chance(0.04)) {
      status = 'CANCELLED'
      closedAt = Math.min(opts.asOf, createdAt + Math.round(srRng.uniform(0.5, 48) * HOUR))
    } else if (resolveAt >= opts.asOf || assignee === null) {
      status = assignee === null ? 'OPEN' : srRng.chance(stalled ? 0.6 : 0.2) ? 'PENDING' : 'IN_PROGRESS'
    } else {
      resolvedAt = resolveAt
      const closeAt = resolveAt + Math.round(srRng.uniform(1, 72) * HOUR)
      if (closeAt < opts.asOf) {
        status = 'DONE'
        closedAt = closeAt
      } else status = 'RESOLVED'
    }
    const respondBy = status === 'CANCELLED' && closedAt !== null ? closedAt : opts.asOf
    const responded = assignee !== null && firstResponse < respondBy ? firstResponse : null
    const updatedAt = Math.min(opts.asOf, Math.max(createdAt, responded ?? 0, resolvedAt ?? 0, closedAt ?? 0))
    const id = `SR-${String(i).padStart(7, '0')}`
    const sr: WireRows['srs'] = {
      id,
      number: `REQ${new Date(createdAt).getUTCFullYear()}-${String(i).padStart(7, '0')}`,
      tenant: tenant.name,
      title: srRng.pick(category.titles).replace('{s}', srRng.pick(SYSTEMS)),
      category: category.name,
      priority,
      status,
      requester: requester.name,
      assignee: assignee?.name ?? null,
      created_at: iso(createdAt),
      first_response_at: responded === null ? null : iso(responded),
      resolved_at: resolvedAt === null ? null : iso(resolvedAt),
      closed_at: closedAt === null ? null : iso(closedAt),
      updated_at: iso(updatedAt),
      reassignment_count: srRng.poisson(0.3),
      reopen_count: srRng.chance(0.03) ? 1 : 0,
    }
    data.srs.push(sr)
    if (opts.events) pushEvents(data, sr, engineers, srRng)
  }

  // Deployments: a few a month per tenant since onboarding; the latest may still be running.
  const deployRng = root.fork(3)
  let deploySeq = 0
  for (const t of tenants) {
    for (
      let at = t.createdAt + deployRng.int(1, 10) * DAY;
      at < opts.asOf;
      at += deployRng.int(5, 15) * DAY
    ) {
      const createdAt = at + deployRng.int(9, 18) * HOUR
      if (createdAt >= opts.asOf) break
      const took = Math.round(deployRng.uniform(5, 90) * 60_000)
      const running = createdAt + took >= opts.asOf
      const roll = deployRng.next()
      const status = running ? 'RUNNING' : roll < 0.06 ? 'FAILED' : roll < 0.1 ? 'ROLLED_BACK' : 'DEPLOYED'
      const finishedAt = running ? null : createdAt + took
      deploySeq++
      data.deployments.push({
        id: `D${String(deploySeq).padStart(5, '0')}`,
        tenant: t.name,
        name: `${deployRng.pick(DEPLOY_TARGETS)} v${deployRng.int(1, 5)}.${deployRng.int(0, 20)}`,
        created_at: iso(createdAt),
        finished_at: finishedAt === null ? null : iso(finishedAt),
        status,
        updated_at: iso(finishedAt ?? createdAt),
      })
    }
  }

  // Feature usage: monthly counts per tenant and adopted feature, from the onboarding month on.
  const usageRng = root.fork(4)
  for (const t of tenants) {
    const adopted = FEATURES.filter(() => usageRng.chance(0.6))
    for (const feature of adopted) {
      const base = usageRng.logNormal(200 * t.size, 0.6)
      const first = new Date(t.createdAt)
      for (
        let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1);
        m < opts.asOf;
        m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 1, 1)
      ) {
        const month = iso(m).slice(0, 7)
        const monthEnd = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 1, 1)
        data.feature_usage.push({
          id: `${t.id}:${feature}:${month}`,
          tenant: t.name,
          feature,
          month,
          count: usageRng.poisson(base),
          updated_at: iso(Math.min(opts.asOf, monthEnd)),
        })
      }
    }
  }
  return data
}

/** Status changes and the assignment of one SR, consistent with its instants. */
function pushEvents(
  data: ItsmDataset,
  sr: WireRows['srs'],
  engineers: readonly WireRows['people'][],
  rng: Rng,
): void {
  let n = 0
  const add = (
    at: string,
    kind: 'status' | 'assignment',
    from: SrStatus | null,
    to: SrStatus | null,
  ): void => {
    n++
    data.sr_events.push({
      id: `${sr.id}-E${n}`,
      sr_id: sr.id,
      at,
      kind,
      from_status: from,
      to_status: to,
      actor: sr.assignee ?? rng.pick(engineers).name,
      assignee: kind === 'assignment' ? sr.assignee : null,
      note: null,
      updated_at: at,
    })
  }
  if (sr.first_response_at !== null) {
    add(sr.first_response_at, 'assignment', null, null)
    add(sr.first_response_at, 'status', 'OPEN', 'IN_PROGRESS')
  }
  const lastOpen: SrStatus = sr.first_response_at !== null ? 'IN_PROGRESS' : 'OPEN'
  if (sr.status === 'PENDING' && sr.first_response_at !== null)
    add(sr.updated_at, 'status', 'IN_PROGRESS', 'PENDING')
  if (sr.resolved_at !== null) add(sr.resolved_at, 'status', lastOpen, 'RESOLVED')
  if (sr.status === 'DONE' && sr.closed_at !== null) add(sr.closed_at, 'status', 'RESOLVED', 'DONE')
  if (sr.status === 'CANCELLED' && sr.closed_at !== null) add(sr.closed_at, 'status', lastOpen, 'CANCELLED')
}
