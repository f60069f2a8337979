// `cohort <name>`: the cohort tables and the tenant benchmark of SPEC §5 as text tables, or with
// --json exactly the IPC response. Global --as-of/--tz/--from/--to/--tenant/--lang apply.
import { Command, Option } from 'commander'
import type {
  BenchmarkResponse,
  CohortMeta,
  FeatureAdoptionResponse,
  SrResolutionResponse,
  TenantGrowthResponse,
  UserRetentionResponse,
} from '../../shared/ipc/types-cohorts'
import { UsageError } from './context'
import { biFilter, call, type WithContext } from './invoke'
import { print } from './output'

const NAMES = ['tenant-growth', 'user-retention', 'sr-resolution', 'feature-adoption', 'benchmark'] as const
type CohortName = (typeof NAMES)[number]

type SrOptions = { fastBelow?: number; slowFrom?: number; basis?: 'mean' | 'median' | 'p90' }

/** Adds `cohort <name>` to `program`. */
export function addCohortCommands(program: Command, withContext: WithContext): void {
  program
    .command('cohort')
    .description(`cohorts and the tenant benchmark: ${NAMES.join(' | ')}`)
    .argument('<name>', 'which cohort')
    .option('--fast-below <hours>', 'sr-resolution: fast below this many hours (default 4)', hoursArg)
    .option('--slow-from <hours>', 'sr-resolution: slow from this many hours (default 8)', hoursArg)
    .addOption(
      new Option('--basis <stat>', 'sr-resolution: statistic labelled').choices(['mean', 'median', 'p90']),
    )
    .action(async (name: string, local: SrOptions, cmd: Command) => {
      if (!(NAMES as readonly string[]).includes(name)) {
        throw new UsageError(`Unknown cohort "${name}". Known: ${NAMES.join(', ')}`)
      }
      await withContext(cmd, async (ctx, opts) => {
        const filter = biFilter(ctx, opts)
        switch (name as CohortName) {
          case 'tenant-growth':
            return print(await call(ctx, 'cohort:tenant-growth', filter), opts.json, tenantGrowthText)
          case 'user-retention':
            return print(await call(ctx, 'cohort:user-retention', filter), opts.json, userRetentionText)
          case 'sr-resolution': {
            const request = {
              ...filter,
              ...(local.fastBelow !== undefined ? { fastBelowHours: local.fastBelow } : {}),
              ...(local.slowFrom !== undefined ? { slowFromHours: local.slowFrom } : {}),
              ...(local.basis !== undefined ? { basis: local.basis } : {}),
            }
            return print(await call(ctx, 'cohort:sr-resolution', request), opts.json, srResolutionText)
          }
          case 'feature-adoption':
            return print(await call(ctx, 'cohort:feature-adoption', filter), opts.json, featureAdoptionText)
          case 'benchmark':
            return print(await call(ctx, 'cohort:benchmark', filter), opts.json, benchmarkText)
        }
      })
    })
}

function hoursArg(value: string): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(`Expected hours ≥ 0, got "${value}"`)
  return n
}

/** Display width: Hangul and other wide characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1
  return w
}

/** Aligned columns: text left, numbers right. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(c)))
        return i === 0 || /^[^\d—-]/.test(c) ? c + pad : pad + c
      })
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

const num = (v: number | null, suffix = '') => (v === null ? '—' : `${v.toLocaleString('en-US')}${suffix}`)

function heading(title: string, meta: CohortMeta): string {
  const scope = [
    meta.tenants ? `tenants: ${meta.tenants.join(', ')}` : null,
    meta.range ? `${meta.range.from} … ${meta.range.to}` : null,
    meta.partial_month ? `* = ${meta.partial_month} so far (partial)` : null,
  ].filter((s) => s !== null)
  return `${title} — as of ${meta.as_of} (${meta.time_zone})${scope.length ? `\n${scope.join('; ')}` : ''}\n`
}

const monthHeader = (n: number) => Array.from({ length: n }, (_, k) => `M${k}`)
const mark = (cell: string, k: number, partial: number | null) =>
  k === partial && cell !== '—' ? `${cell}*` : cell

/** Tenant growth as a triangle: one row per onboarding month. */
export function tenantGrowthText(r: TenantGrowthResponse): string {
  if (r.data.length === 0) return `${heading(r.metric, r)}no tenants with SRs yet`
  const rows = r.data.map((d) => [
    d.cohort,
    String(d.tenant_count),
    ...d.monthly_sr.map((v, k) => mark(num(v), k, d.partial_index)),
    d.members.join(', '),
  ])
  return heading(r.metric, r) + table(['cohort', 'tenants', ...monthHeader(r.cohort_months), 'members'], rows)
}

/** User retention as a triangle of percentages. */
export function userRetentionText(r: UserRetentionResponse): string {
  if (r.data.length === 0) return `${heading(r.metric, r)}no people in these cohorts`
  const rows = r.data.map((d) => [
    d.cohort,
    String(d.new_users),
    ...d.retention_by_month.map((v, k) => mark(v === null ? '—' : `${v.toFixed(1)}%`, k, d.partial_index)),
  ])
  return heading(r.metric, r) + table(['cohort', 'users', ...monthHeader(r.cohort_months)], rows)
}

/** SR resolution per creation month with its label. */
export function srResolutionText(r: SrResolutionResponse): string {
  const h = (v: number | null) => (v === null ? '—' : v.toFixed(1))
  const rows = r.data.map((d) => [
    d.partial ? `${d.cohort}*` : d.cohort,
    num(d.sr_count),
    num(d.resolved_count),
    h(d.avg_resolution_hours),
    h(d.median_resolution_hours),
    h(d.p90_resolution_hours),
    d.benchmark ?? '—',
  ])
  const note = `label by ${r.basis}: fast < ${r.thresholds.fast_below_hours} h ≤ normal < ${r.thresholds.slow_from_hours} h ≤ slow; clock: ${r.clock ?? '—'}; p90 = nearest rank\n`
  return (
    heading(r.metric, r) +
    note +
    table(['cohort', 'SRs', 'resolved', 'mean h', 'median h', 'p90 h', 'label'], rows)
  )
}

/** Feature adoption: tenants using each feature per month, with totals. */
export function featureAdoptionText(r: FeatureAdoptionResponse): string {
  if (r.feature_adoption.length === 0) return `${heading(r.metric, r)}no feature usage recorded`
  const rows = r.feature_adoption.map((f) => [
    f.feature,
    `${f.tenants_using}/${r.tenant_total}`,
    num(f.usage_count),
    ...f.by_month.map((m) => String(m.tenants)),
  ])
  return (
    heading(r.metric, r) +
    'per month: tenants using the feature\n' +
    table(['feature', 'tenants', 'usage', ...r.months.map((m) => m.slice(2))], rows)
  )
}

/** The benchmark: the tenant's value and rank against the anonymous quartiles. */
export function benchmarkText(r: BenchmarkResponse): string {
  const who = r.tenant ?? 'all tenants (no tenant chosen: --tenant NAME)'
  const head = `${who} — ${r.period.start} … ${r.period.end}; backlog at ${r.backlog_at}; ${r.tenant_count} tenants compared, anonymously\n`
  const rows = r.metrics.map((m) => {
    const d = m.distribution
    const dash = m.suppressed ? `(fewer than ${r.min_group})` : '—'
    return [
      `${m.label} (${m.unit})`,
      num(m.value),
      m.rank === null ? '—' : `${m.rank} of ${m.n}`,
      d ? num(d.min) : dash,
      d ? num(d.q1) : '',
      d ? num(d.median) : '',
      d ? num(d.q3) : '',
      d ? num(d.max) : '',
      m.direction === 'HIGHER_BETTER' ? '↑ better' : '↓ better',
    ]
  })
  return head + table(['metric', 'value', 'rank', 'min', 'Q1', 'median', 'Q3', 'max', ''], rows)
}
