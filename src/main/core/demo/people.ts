// The demo's cast: engineers who join and (a few) leave over the range, managers, an admin, and
// requesters per tenant who sign up over time and some of whom stop filing SRs (for retention cohorts).
import type { PersonInput } from '../db/repositories/people'
import type { PersonRole } from '../db/schema'
import { DEMO_TENANTS, uniqueNames } from './names'
import type { Rng } from './prng'

export const DEMO_SOURCE = 'demo'
const DAY = 86_400_000

export type DemoPerson = {
  key: string
  name: string
  email: string
  role: PersonRole
  tenantIndex: number | null
  createdAt: number
  /** After this instant the person no longer acts (left the team / stopped using the service). */
  activeUntil: number
  /** Relative share of work (engineers) or of filed SRs (requesters). */
  weight: number
}

export type DemoCast = {
  all: DemoPerson[]
  engineers: DemoPerson[]
  managers: DemoPerson[]
  requestersByTenant: DemoPerson[][]
}

/** Builds the cast for tenants onboarded at `onboardedAt[i]` over [rangeStart, asOf]. */
export function buildCast(
  rng: Rng,
  rangeStart: number,
  asOf: number,
  onboardedAt: readonly number[],
): DemoCast {
  const span = asOf - rangeStart
  const requesterCounts = DEMO_TENANTS.map((t) => Math.round(10 + 12 * t.size))
  const total = 20 + 2 + 1 + requesterCounts.reduce((a, b) => a + b, 0)
  const names = uniqueNames(total, (n) => Math.floor(rng.next() * n))
  let next = 0
  const take = () => {
    const n = names[next++]
    if (!n) throw new Error('Ran out of demo names')
    return n
  }
  const all: DemoPerson[] = []
  const staff = (role: PersonRole, i: number, createdAt: number, activeUntil: number, weight: number) => {
    const n = take()
    const p: DemoPerson = {
      key: `${role}-${String(i + 1).padStart(2, '0')}`,
      name: n.name,
      email: `${n.latin}@opscenter.example.kr`,
      role,
      tenantIndex: null,
      createdAt,
      activeUntil,
      weight,
    }
    all.push(p)
    return p
  }

  const engineers: DemoPerson[] = []
  for (let i = 0; i < 20; i++) {
    // Twelve were on the team before the range; eight join during it; three of all leave.
    const createdAt =
      i < 12 ? rangeStart - rng.int(30, 700) * DAY : rangeStart + Math.floor(span * rng.uniform(0.05, 0.9))
    const leaves = i === 3 || i === 9 || i === 14
    const activeUntil = leaves ? createdAt + Math.floor((asOf - createdAt) * rng.uniform(0.4, 0.8)) : Infinity
    engineers.push(staff('engineer', i, createdAt, activeUntil, rng.logNormal(1, 0.45)))
  }
  const managers = [
    staff('manager', 0, rangeStart - 400 * DAY, Infinity, 1),
    staff('manager', 1, rangeStart + Math.floor(span * 0.4), Infinity, 1),
  ]
  staff('admin', 0, rangeStart - 500 * DAY, Infinity, 1)

  const requestersByTenant = DEMO_TENANTS.map((tenant, ti) => {
    const onboard = onboardedAt[ti] ?? rangeStart
    const list: DemoPerson[] = []
    const count = requesterCounts[ti] ?? 10
    for (let i = 0; i < count; i++) {
      const n = take()
      // A third sign up at onboarding; the rest over the following months.
      const createdAt =
        i < Math.ceil(count / 3)
          ? onboard - rng.int(1, 7) * DAY
          : onboard + Math.floor((asOf - onboard) * rng.next() * 0.9)
      // The first requester of a tenant never leaves, so every tenant always has someone to file SRs.
      const churns = i > 0 && rng.chance(0.3)
      const activeUntil = churns
        ? createdAt + Math.floor((asOf - createdAt) * rng.uniform(0.2, 0.9))
        : Infinity
      const p: DemoPerson = {
        key: `req-${ti + 1}-${String(i + 1).padStart(3, '0')}`,
        name: n.name,
        email: `${n.latin}@${tenant.domain}`,
        role: 'requester',
        tenantIndex: ti,
        createdAt,
        activeUntil,
        weight: rng.logNormal(1, 0.7),
      }
      list.push(p)
      all.push(p)
    }
    return list
  })
  return { all, engineers, managers, requestersByTenant }
}

/** The cast as rows for upsertPeople (last_active_at is filled in after the SRs are written). */
export function castRows(cast: DemoCast): PersonInput[] {
  return cast.all.map((p) => ({
    source: DEMO_SOURCE,
    sourceId: p.key,
    name: p.name,
    email: p.email,
    role: p.role,
    tenant: p.tenantIndex === null ? null : (DEMO_TENANTS[p.tenantIndex]?.name ?? null),
    createdAt: p.createdAt,
  }))
}

/** A person from `pool` active at `at`, drawn by weight; null when nobody is. */
export function pickActive(
  pool: readonly DemoPerson[],
  at: number,
  rng: Rng,
  exclude?: DemoPerson,
): DemoPerson | null {
  let total = 0
  for (const p of pool) if (p !== exclude && p.createdAt <= at && p.activeUntil > at) total += p.weight
  if (total <= 0) return null
  let r = rng.next() * total
  let last: DemoPerson | null = null
  for (const p of pool) {
    if (p === exclude || p.createdAt > at || p.activeUntil <= at) continue
    last = p
    r -= p.weight
    if (r < 0) return p
  }
  return last
}
