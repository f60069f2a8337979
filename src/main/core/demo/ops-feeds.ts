// Demo deployments (a few per tenant per week, ~7% failed, ~2% rolled back, a few still running at
// as-of) and feature usage per tenant × feature × month (adoption spreading and growing over time).
import { DateTime } from 'luxon'
import type { DeploymentInput, FeatureUsageInput } from '../db/repositories/ops-feeds'
import { DEMO_TENANTS, DEPLOY_TARGETS, FEATURES } from './names'
import { DEMO_SOURCE } from './people'
import type { Rng } from './prng'
import { isOffDay, type DemoRange } from './timeline'

const MIN = 60_000
const HOUR = 60 * MIN

/** Deployments of every tenant from its onboarding to as-of. */
export function demoDeployments(
  rng: Rng,
  range: DemoRange,
  onboardedAt: readonly number[],
): DeploymentInput[] {
  const out: DeploymentInput[] = []
  const versions = DEPLOY_TARGETS.map(() => ({ major: 1, minor: 0, patch: 0 }))
  DEMO_TENANTS.forEach((tenant, ti) => {
    const onboard = onboardedAt[ti] ?? range.start
    // ~3 deployments a week for a mid-size tenant, on working days.
    const perWorkday = (0.6 * tenant.size) / 1
    for (const day of range.days) {
      if (day.start < onboard || isOffDay(day)) continue
      const n = rng.poisson(perWorkday)
      for (let k = 0; k < n; k++) {
        const createdAt = Math.floor((day.start + rng.uniform(9.5, 17.5) * HOUR) / 1000) * 1000
        if (createdAt > range.asOf) continue
        const duration = Math.floor(rng.logNormal(25 * MIN, 0.6) / 1000) * 1000
        out.push(deployment(rng, ti, out.length, createdAt, duration, range.asOf, versions))
      }
    }
  })
  // A few deployments in flight right now.
  for (let k = 0; k < 3; k++) {
    const ti = k % DEMO_TENANTS.length
    const createdAt = Math.floor((range.asOf - rng.uniform(5, 90) * MIN) / 1000) * 1000
    out.push(deployment(rng, ti, out.length, createdAt, Infinity, range.asOf, versions))
  }
  return out
}

function deployment(
  rng: Rng,
  ti: number,
  seq: number,
  createdAt: number,
  duration: number,
  asOf: number,
  versions: { major: number; minor: number; patch: number }[],
): DeploymentInput {
  const target = rng.int(0, DEPLOY_TARGETS.length - 1)
  const v = versions[target] ?? { major: 1, minor: 0, patch: 0 }
  if (rng.chance(0.15)) {
    v.minor++
    v.patch = 0
  } else v.patch++
  const finishedAt = createdAt + duration
  const running = finishedAt > asOf
  const roll = rng.next()
  return {
    source: DEMO_SOURCE,
    sourceId: `DEP-${String(seq + 1).padStart(6, '0')}`,
    tenant: DEMO_TENANTS[ti]?.name ?? '',
    name: `${DEPLOY_TARGETS[target] ?? '시스템'} v${v.major}.${v.minor}.${v.patch} 배포`,
    createdAt,
    finishedAt: running ? null : finishedAt,
    status: running ? 'RUNNING' : roll < 0.07 ? 'FAILED' : roll < 0.09 ? 'ROLLED_BACK' : 'DEPLOYED',
  }
}

// Core features are used from the first month; the others are picked up later, or never.
const FEATURE_POPULARITY: Record<
  (typeof FEATURES)[number],
  { lagMonths: number; never: number; volume: number }
> = {
  sr_portal: { lagMonths: 0, never: 0, volume: 900 },
  bi_dashboard: { lagMonths: 0, never: 0, volume: 300 },
  kpi_dashboard: { lagMonths: 1, never: 0.1, volume: 160 },
  report_export: { lagMonths: 1, never: 0.1, volume: 80 },
  report_schedule: { lagMonths: 3, never: 0.3, volume: 20 },
  sla_alerts: { lagMonths: 2, never: 0.2, volume: 120 },
  knowledge_base: { lagMonths: 3, never: 0.25, volume: 200 },
  mobile_app: { lagMonths: 4, never: 0.4, volume: 250 },
  chatbot: { lagMonths: 5, never: 0.5, volume: 400 },
  youtube_analytics: { lagMonths: 6, never: 0.6, volume: 40 },
}

/** Monthly usage counts per tenant and feature, from adoption to the month of as-of (partial). */
export function demoFeatureUsage(
  rng: Rng,
  range: DemoRange,
  onboardedAt: readonly number[],
): FeatureUsageInput[] {
  const out: FeatureUsageInput[] = []
  const asOf = DateTime.fromMillis(range.asOf, { zone: range.zone })
  const lastMonth = asOf.startOf('month')
  const monthFraction =
    (range.asOf - lastMonth.toMillis()) / (lastMonth.plus({ months: 1 }).toMillis() - lastMonth.toMillis())
  DEMO_TENANTS.forEach((tenant, ti) => {
    const onboardMonth = DateTime.fromMillis(onboardedAt[ti] ?? range.start, { zone: range.zone }).startOf(
      'month',
    )
    for (const feature of FEATURES) {
      const p = FEATURE_POPULARITY[feature]
      if (rng.chance(p.never)) continue
      const lag = p.lagMonths === 0 ? 0 : p.lagMonths + rng.int(-1, 3)
      let month = onboardMonth.plus({ months: Math.max(0, lag) })
      for (let age = 0; month <= lastMonth; age++, month = month.plus({ months: 1 })) {
        // Usage ramps up over the first half year after adoption.
        const ramp = Math.min(1, 0.25 + age * 0.15)
        const partial = month.equals(lastMonth) ? monthFraction : 1
        const count = Math.round(p.volume * tenant.size * ramp * partial * rng.uniform(0.8, 1.2))
        if (count > 0)
          out.push({
            source: DEMO_SOURCE,
            tenant: tenant.name,
            feature,
            month: month.toFormat('yyyy-MM'),
            count,
          })
      }
    }
  })
  return out
}
