// `kpi templates|apply|list|calc|set|history` (SPEC §11): the KPI engine from the command line,
// through the same channels as the app (--json prints exactly their responses).
import type { Command } from 'commander'
import type { KpiPeriod, KpiPoint, KpiStatus } from '../../shared/ipc/types-kpi'
import { UsageError, type CliContext, type GlobalOptions } from './context'
import { call, type WithContext } from './invoke'
import { padCols, print } from './output'

const STATUS_TEXT: Record<KpiStatus, string> = {
  GREEN: '● GREEN',
  YELLOW: '▲ YELLOW',
  RED: '■ RED',
  NO_DATA: '○ NO_DATA',
}

const when = (ctx: CliContext, opts: GlobalOptions) => ({
  ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
  timeZone: ctx.zone,
})
const periodOf = (opts: GlobalOptions): KpiPeriod | undefined =>
  opts.period === undefined ? undefined : (opts.period.toUpperCase() as Uppercase<typeof opts.period>)
const ref = (text: string): number | string => (/^\d+$/.test(text) ? Number(text) : text)
/** What list and calc print when no KPI matched. */
const noKpis = (opts: GlobalOptions): string => {
  const tenants = opts.tenant ?? []
  const period = periodOf(opts)
  if (tenants.length === 0 && !period) return '  no KPIs yet: npm run cli -- kpi apply'
  const what = [
    ...(tenants.length > 0 ? [`narrowed to ${tenants.join(', ')}`] : []),
    ...(period ? [`with period ${period}`] : []),
  ].join(' and ')
  const apply = [
    ...(tenants[0] !== undefined ? [`--tenant ${tenants[0]}`] : []),
    ...(period ? [`--period ${period.toLowerCase()}`] : []),
  ].join(' ')
  return `  no KPIs ${what}: npm run cli -- kpi apply ${apply}`
}
/** A KPI named by its template with --tenant (MTTR --tenant X) is the tenant's KPI, MTTR@X. */
function tenantRef(name: string, tenants: string[] | undefined): number | string {
  if (!tenants || tenants.length === 0) return ref(name)
  if (tenants.length > 1) throw new UsageError('one --tenant at a time here')
  if (/^\d+$/.test(name) || name.includes('@'))
    throw new UsageError(`give the template name with --tenant, not "${name}"`)
  return `${name}@${tenants[0]}`
}
const num = (v: string | null | undefined): string => (v === null || v === undefined ? '—' : v)
const fmt = (v: number | null): string =>
  v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 2 })

function number(name: string) {
  return (v: string): number => {
    const n = Number(v)
    if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${name} must be a number (got "${v}")`)
    return n
  }
}

function historyText(points: KpiPoint[], unit: string): string {
  if (points.length === 0) return '  (no values yet: run kpi calc)'
  return points
    .map(
      (p) =>
        `  ${p.period_start.slice(0, 10)}  ${fmt(p.value).padStart(10)} ${padCols(unit, 5)} target ${fmt(p.target).padStart(8)}  ${STATUS_TEXT[p.status].padEnd(10)} ${num(p.achievement_pct === null ? null : `${p.achievement_pct}%`).padStart(7)}  v${p.version}${p.partial ? '  (to date)' : ''}`,
    )
    .join('\n')
}

/** Adds the kpi commands to `program`. */
export function addKpiCommands(program: Command, withContext: WithContext): void {
  const kpi = program
    .command('kpi')
    .description('KPI engine: templates, targets, traffic lights and history (SPEC §6)')

  kpi
    .command('templates')
    .description('list the built-in KPI templates')
    .action(async (_l: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx, opts) => {
        const list = await call(ctx, 'kpi:templates', { lang: ctx.lang })
        print(list, opts.json, (ts) =>
          ts
            .map(
              (t) =>
                `${padCols(t.name, 20)} ${t.direction.padEnd(13)} ${String(t.default_target).padStart(6)} ${padCols(t.unit, 5)} ${t.period.padEnd(7)} ${t.display_name}`,
            )
            .join('\n'),
        )
      })
    })

  kpi
    .command('apply')
    .description(
      'create KPIs from templates (all when none named); --tenant narrows them to one tenant, --period overrides the period',
    )
    .argument('[names...]', 'template names, e.g. MTTR FCR')
    .action(async (names: string[], _l: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx, opts) => {
        if ((opts.tenant?.length ?? 0) > 1) throw new UsageError('kpi apply takes one --tenant')
        const templateNames =
          names.length > 0 ? names : (await call(ctx, 'kpi:templates', {})).map((t) => t.name)
        const tenant = opts.tenant?.[0]
        const period = periodOf(opts)
        const result = await call(ctx, 'kpi:apply', {
          template_names: templateNames,
          lang: ctx.lang,
          ...(tenant ? { tenant } : {}),
          ...(period ? { period } : {}),
          ...when(ctx, opts),
        })
        print(result, opts.json, (r) =>
          [
            `created ${r.count}: ${r.created.join(', ') || '—'}`,
            ...(r.skipped.length > 0 ? [`already there: ${r.skipped.join(', ')}`] : []),
          ].join('\n'),
        )
      })
    })

  kpi
    .command('list')
    .description('the KPI board: current period value, target, status, achievement')
    .action(async (_l: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx, opts) => {
        const period = periodOf(opts)
        const board = await call(ctx, 'kpi:list', {
          ...when(ctx, opts),
          ...(opts.tenant && opts.tenant.length > 0 ? { tenants: opts.tenant } : {}),
          ...(period ? { period } : {}),
        })
        print(board, opts.json, (b) =>
          [
            `as of ${b.as_of} (${b.time_zone}) — overall ${STATUS_TEXT[b.overall_status]}  (GREEN ${b.summary.GREEN}, YELLOW ${b.summary.YELLOW}, RED ${b.summary.RED}, NO_DATA ${b.summary.NO_DATA})`,
            ...b.kpis.map(
              (k) =>
                `  ${padCols(k.name, 26)} ${fmt(k.value).padStart(10)} ${padCols(k.unit, 5)} target ${fmt(k.target).padStart(8)}  ${STATUS_TEXT[k.status].padEnd(10)} ${num(k.achievement_pct === null ? null : `${k.achievement_pct}%`).padStart(7)}  ${k.period} from ${k.period_start.slice(0, 10)}`,
            ),
            ...(b.kpis.length === 0 ? [noKpis(opts)] : []),
          ].join('\n'),
        )
      })
    })

  kpi
    .command('calc')
    .description(
      'calculate missing periods and the current one (all KPIs, the one named, or those of --tenant / --period)',
    )
    .argument('[kpi]', 'KPI name or id')
    .option('--full', 'recompute every stored period')
    .action(async (name: string | undefined, local: { full?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx, opts) => {
        const tenants = opts.tenant && opts.tenant.length > 0 ? opts.tenant : undefined
        const period = periodOf(opts)
        if (name !== undefined && (tenants || period))
          throw new UsageError(
            'kpi calc takes a KPI name or --tenant/--period, not both (tenant KPIs are named TEMPLATE@tenant)',
          )
        const result = await call(ctx, 'kpi:calc', {
          ...(name !== undefined ? { kpi: ref(name) } : {}),
          ...(tenants ? { tenants } : {}),
          ...(period ? { period } : {}),
          ...(local.full ? { full: true } : {}),
          ...when(ctx, opts),
        })
        print(result, opts.json, (r) =>
          [
            ...(r.results.length === 0 ? [noKpis(opts)] : []),
            ...r.results.map(
              (k) =>
                `  ${padCols(k.name, 26)} ${fmt(k.value).padStart(10)} ${padCols(k.unit, 5)} ${STATUS_TEXT[k.status].padEnd(10)} ${k.periods_computed} periods computed`,
            ),
            `calculated as of ${r.as_of} in ${r.duration_ms} ms`,
          ].join('\n'),
        )
      })
    })

  kpi
    .command('set')
    .description('edit a KPI (a new version from the current period, or from --effective DATE)')
    .argument('<kpi>', 'KPI name or id')
    .option('--target <n>', 'target value', number('--target'))
    .option('--green <pct>', 'GREEN at or above this achievement % (HIGHER_BETTER)', number('--green'))
    .option('--yellow <pct>', 'YELLOW at or above this achievement % (HIGHER_BETTER)', number('--yellow'))
    .option('--yellow-factor <x>', 'YELLOW up to x × target (LOWER_BETTER)', number('--yellow-factor'))
    .option('--display-name <text>', 'display name')
    .option('--effective <date>', 'local day the change takes effect from (its period included)')
    .action(
      async (
        name: string,
        local: {
          target?: number
          green?: number
          yellow?: number
          yellowFactor?: number
          displayName?: string
          effective?: string
        },
        cmd: Command,
      ) => {
        await withContext(cmd, async (ctx, opts) => {
          const thresholds = {
            ...(local.green !== undefined ? { green: local.green } : {}),
            ...(local.yellow !== undefined ? { yellow: local.yellow } : {}),
            ...(local.yellowFactor !== undefined ? { yellowFactor: local.yellowFactor } : {}),
          }
          const period = periodOf(opts)
          const tenant = opts.tenant?.[0]
          const patch = {
            ...(local.target !== undefined ? { target: local.target } : {}),
            ...(Object.keys(thresholds).length > 0 ? { thresholds } : {}),
            ...(local.displayName !== undefined ? { display_name: local.displayName } : {}),
            ...(period ? { period } : {}),
            ...(tenant ? { filter: { tenant } } : {}),
          }
          if (Object.keys(patch).length === 0)
            throw new UsageError(
              'Nothing to change: give --target, --green, --yellow, --yellow-factor, --display-name, --period or --tenant',
            )
          const def = await call(ctx, 'kpi:update', {
            kpi: ref(name),
            ...patch,
            ...(local.effective !== undefined ? { effective_from: local.effective } : {}),
            ...when(ctx, opts),
          })
          print(
            def,
            opts.json,
            (d) =>
              `${d.name} v${d.version}: target ${d.target} ${d.unit}, thresholds green ${d.thresholds.green} / yellow ${d.thresholds.yellow} / yellowFactor ${d.thresholds.yellowFactor}, ${d.period}`,
          )
        })
      },
    )

  kpi
    .command('history')
    .description('stored values per period (--from/--to local days); with --tenant, MTTR means MTTR@tenant')
    .argument('<kpi>', 'KPI name or id')
    .action(async (name: string, _l: unknown, cmd: Command) => {
      await withContext(cmd, async (ctx, opts) => {
        const h = await call(ctx, 'kpi:history', {
          kpi: tenantRef(name, opts.tenant),
          ...(opts.from !== undefined ? { from: opts.from } : {}),
          ...(opts.to !== undefined ? { to: opts.to } : {}),
          ...when(ctx, opts),
        })
        print(
          h,
          opts.json,
          (x) => `${x.name} — ${x.display_name} (${x.direction})\n${historyText(x.history, x.unit)}`,
        )
      })
    })
}
