// `bi <widget>`: every BI widget of SPEC §4 and the drill-down behind its numbers, honouring the
// global --as-of --tz --from --to --period --tenant --lang; `--json` prints exactly the IPC response.
import { Command } from 'commander'
import {
  BI_WIDGETS,
  DRILL_ORDERS,
  DRILL_SERIES,
  DRILL_SORTS,
  MAX_DRILL_PAGE_SIZE,
  type DrillDownRequest,
} from '../../shared/ipc/channels/bi'
import type { BiFilter } from '../../shared/ipc/contract'
import { SR_STATUSES, type SrStatus } from '../../shared/domain'
import type {
  BiMeta,
  CategoryPieResponse,
  DrillDownResponse,
  EngineerLoadResponse,
  MttrTrendResponse,
  ResolutionFunnelResponse,
  SlaHeatmapResponse,
  SrTrendResponse,
} from '../../shared/ipc/types-bi'
import { UsageError, type CliContext, type GlobalOptions } from './context'
import { biFilter, call, type WithContext } from './invoke'
import { wholeNumber } from './options'
import { overviewText, print } from './output'

type BiLocal = {
  months?: number
  series?: string
  bucket?: string
  category?: string
  uncategorised?: boolean
  assignee?: string
  stage?: string
  sort?: string
  order?: string
  page?: number
  pageSize?: number
}

const num = (v: string): string => v
const n = (v: number): string => v.toLocaleString('en-US')
const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - [...s].length))

function header(m: BiMeta): string {
  const tenants = m.tenants ? ` — tenants: ${m.tenants.join(', ')}` : ''
  return `as of ${m.as_of} (${m.time_zone}), ${m.range.from} … ${m.range.to}${tenants}`
}

function table(rows: string[][], right: number[] = []): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length))) ?? []
  return rows
    .map(
      (r) =>
        '  ' +
        r
          .map((c, i) =>
            right.includes(i)
              ? ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...c].length)) + c
              : pad(c, widths[i] ?? 0),
          )
          .join('  ')
          .trimEnd(),
    )
    .join('\n')
}

const TEXT = {
  'sr-trend': (r: SrTrendResponse) =>
    `${header(r)}\n${table(
      [
        ['bucket', r.datasets[0].label, r.datasets[1].label, ''],
        ...r.buckets.map((b, i) => [
          b.key,
          n(r.datasets[0].data[i] ?? 0),
          n(r.datasets[1].data[i] ?? 0),
          b.partial ? '(partial)' : '',
        ]),
      ],
      [1, 2],
    )}`,
  'sla-heatmap': (r: SlaHeatmapResponse) =>
    `${header(r)}\n${table(
      [
        ['week', 'category', 'total', 'on_time', 'compliance %'],
        ...r.data.map((c) => [c.week, c.category, n(c.total), n(c.on_time), c.compliance_pct.toFixed(1)]),
      ],
      [2, 3, 4],
    )}\n  all: ${n(r.summary.total)} resolved, ${n(r.summary.on_time)} on time (${r.summary.compliance_pct ?? '—'} %)`,
  'engineer-load': (r: EngineerLoadResponse) =>
    `${header(r)}\n${table(
      [
        ['engineer', 'id', 'total', 'resolved', 'open'],
        ...r.data.map((d) => [
          d.engineer,
          d.assignee_id === null ? '-' : String(d.assignee_id),
          n(d.total),
          n(d.resolved),
          n(d.open),
        ]),
      ],
      [2, 3, 4],
    )}\n  ${r.engineer_count} assignees in the range (top 20 shown)`,
  'category-pie': (r: CategoryPieResponse) =>
    `${header(r)}\n${table(
      [['category', 'count', '%'], ...r.data.map((d) => [d.category, n(d.count), d.pct.toFixed(1)])],
      [1, 2],
    )}\n  total ${n(r.total)}`,
  'resolution-funnel': (r: ResolutionFunnelResponse) =>
    `${header(r)}\n${table(
      [
        ['stage', 'label', 'count', '%'],
        ...r.funnel.map((f) => [f.stage, f.label, n(f.count), f.pct.toFixed(1)]),
      ],
      [2, 3],
    )}\n  total ${n(r.total_created)} (CANCELLED apart: ${n(r.cancelled)})`,
  'mttr-trend': (r: MttrTrendResponse) =>
    `${header(r)}\n${table(
      [
        ['month', 'MTTR h', 'count', ''],
        ...r.raw.map((m) => [
          m.month,
          m.mttr_hours === null ? '—' : m.mttr_hours.toFixed(1),
          n(m.count),
          m.partial ? '(partial)' : '',
        ]),
      ],
      [1, 2],
    )}`,
  'drill-down': (r: DrillDownResponse) =>
    `${header(r)}\n  ${r.widget}: ${r.title} — ${n(r.total)} SRs (page ${r.page}, ${r.page_size} per page, by ${r.sort} ${r.order})\n${table(
      [
        [
          'number',
          'tenant',
          'priority',
          'status',
          'category',
          'assignee',
          'created',
          'resolved',
          'MTTR h',
          'SLA',
          'SLA h / target',
          'over h',
          'title',
        ],
        ...r.rows.map((s) => [
          s.number ?? `#${s.id}`,
          s.tenant,
          s.priority,
          s.status,
          s.category ?? '—',
          s.assignee ?? '—',
          s.created_at.slice(0, 16),
          s.resolved_at?.slice(0, 16) ?? '—',
          s.mttr_hours === null ? '—' : s.mttr_hours.toFixed(1),
          s.sla_met === null ? '—' : s.sla_met ? 'met' : 'late',
          s.sla_elapsed_hours === null
            ? `— / ${s.sla_target_hours.toFixed(1)}`
            : `${s.sla_elapsed_hours.toFixed(1)} / ${s.sla_target_hours.toFixed(1)}`,
          s.over_target_hours === null ? '—' : s.over_target_hours.toFixed(1),
          s.title,
        ]),
      ],
      [8, 10, 11],
    )}`,
} as const

function drillRequest(
  target: string | undefined,
  local: BiLocal,
  opts: GlobalOptions,
  filter: BiFilter,
): DrillDownRequest {
  const widget = (BI_WIDGETS as readonly string[]).includes(target ?? '')
    ? (target as DrillDownRequest['widget'])
    : null
  if (!widget) throw new UsageError(`bi drill-down <widget>: one of ${BI_WIDGETS.join(', ')}`)
  if (local.category !== undefined && local.uncategorised)
    throw new UsageError('Give --category or --uncategorised, not both')
  let assignee: number | null | undefined
  if (local.assignee !== undefined) {
    // Digits only: parseInt took "5x" for person 5.
    assignee = local.assignee === 'none' ? null : /^\d+$/.test(local.assignee) ? Number(local.assignee) : 0
    if (assignee !== null && !(assignee > 0))
      throw new UsageError('--assignee is a person id (from bi engineer-load) or none')
  }
  if (local.stage !== undefined && !(SR_STATUSES as readonly string[]).includes(local.stage)) {
    throw new UsageError(`--stage is one of ${SR_STATUSES.join(', ')}`)
  }
  const sort = DRILL_SORTS.find((x) => x === local.sort)
  if (local.sort !== undefined && !sort) throw new UsageError(`--sort is one of ${DRILL_SORTS.join(', ')}`)
  const order = DRILL_ORDERS.find((x) => x === local.order)
  if (local.order !== undefined && !order)
    throw new UsageError(`--order is one of ${DRILL_ORDERS.join(', ')}`)
  return {
    ...filter,
    widget,
    ...(local.series !== undefined ? { series: local.series } : {}),
    ...(local.bucket !== undefined ? { bucket: local.bucket } : {}),
    ...(opts.period !== undefined ? { period: opts.period } : {}),
    ...(local.category !== undefined ? { category: local.category } : {}),
    ...(local.uncategorised ? { category: null } : {}),
    ...(assignee !== undefined ? { assignee } : {}),
    ...(local.stage !== undefined ? { stage: local.stage as SrStatus } : {}),
    ...(local.months !== undefined ? { months: local.months } : {}),
    ...(sort ? { sort } : {}),
    ...(order ? { order } : {}),
    ...(local.page !== undefined ? { page: local.page } : {}),
    ...(local.pageSize !== undefined ? { pageSize: local.pageSize } : {}),
  }
}

async function runWidget(
  ctx: CliContext,
  opts: GlobalOptions,
  widget: string,
  target: string | undefined,
  local: BiLocal,
) {
  const filter = biFilter(ctx, opts)
  const months = local.months !== undefined ? { months: local.months } : {}
  switch (widget) {
    case 'overview':
      return print(await call(ctx, 'bi:overview', filter), opts.json, overviewText)
    case 'sr-trend':
      return print(
        await call(ctx, 'bi:sr-trend', { ...filter, ...(opts.period ? { period: opts.period } : {}) }),
        opts.json,
        TEXT['sr-trend'],
      )
    case 'sla-heatmap':
      return print(await call(ctx, 'bi:sla-heatmap', filter), opts.json, TEXT['sla-heatmap'])
    case 'engineer-load':
      return print(await call(ctx, 'bi:engineer-load', filter), opts.json, TEXT['engineer-load'])
    case 'category-pie':
      return print(await call(ctx, 'bi:category-pie', filter), opts.json, TEXT['category-pie'])
    case 'resolution-funnel':
      return print(await call(ctx, 'bi:resolution-funnel', filter), opts.json, TEXT['resolution-funnel'])
    case 'mttr-trend':
      return print(await call(ctx, 'bi:mttr-trend', { ...filter, ...months }), opts.json, TEXT['mttr-trend'])
    case 'drill-down':
      return print(
        await call(ctx, 'bi:drill-down', drillRequest(target, local, opts, filter)),
        opts.json,
        TEXT['drill-down'],
      )
    default:
      throw new UsageError(`Unknown widget "${widget}". Known: ${[...BI_WIDGETS, 'drill-down'].join(', ')}`)
  }
}

/** Adds `bi <widget>` (all SPEC §4 widgets and drill-down) to `program`. */
export function addBiCommands(program: Command, withContext: WithContext): void {
  program
    .command('bi')
    .description(`BI widgets: ${[...BI_WIDGETS, 'drill-down'].join(', ')}`)
    .argument('<widget>', 'which widget')
    .argument('[of]', 'drill-down only: the widget whose number to explain')
    .option('--months <n>', 'mttr-trend: months ending with as-of (1 … 36, default 6)', wholeNumber(1, 36))
    .option(
      '--series <key>',
      `drill-down: which number (${Object.entries(DRILL_SERIES)
        .map(([w, s]) => `${w}: ${s.join('|')}`)
        .join('; ')})`,
    )
    .option(
      '--bucket <key>',
      'drill-down: sr-trend bucket, sla-heatmap week (YYYY-Www; none = every week) or mttr-trend month (YYYY-MM)',
    )
    .option('--category <name>', 'drill-down: sla-heatmap row (none = every category) or category-pie slice')
    .option('--uncategorised', 'drill-down: the SRs without a category (미분류 / Uncategorised)')
    .option('--assignee <id|none>', 'drill-down: engineer-load bar (person id, or none = unassigned)', num)
    .option('--stage <status>', 'drill-down: resolution-funnel stage (or CANCELLED)')
    .option(
      '--sort <key>',
      `drill-down: ${DRILL_SORTS.join('|')} (default created; resolved for sla-heatmap; over_target = how late)`,
    )
    .option('--order <dir>', `drill-down: ${DRILL_ORDERS.join('|')} (default desc)`)
    .option('--page <n>', 'drill-down: page (from 1)', wholeNumber(1, 1_000_000))
    .option(
      '--page-size <n>',
      `drill-down: rows per page (1 … ${MAX_DRILL_PAGE_SIZE}, default 50)`,
      wholeNumber(1, MAX_DRILL_PAGE_SIZE),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  bi sr-trend --period weekly --from 2026-01-01 --to 2026-03-31\n  bi drill-down sr-trend --bucket 2026-03-02 --series resolved\n  bi drill-down engineer-load --assignee none --series open\n  bi drill-down sla-heatmap --series late --sort over_target',
    )
    .action(async (widget: string, target: string | undefined, local: BiLocal, cmd: Command) => {
      if (widget !== 'drill-down' && target !== undefined)
        throw new UsageError(`Unexpected argument "${target}"`)
      await withContext(cmd, (ctx, opts) => runWidget(ctx, opts, widget, target, local))
    })
}
