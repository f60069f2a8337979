// A ServiceNow connection's URL is the instance's address (https://example.service-now.com, maybe
// behind a path prefix). Admins often paste an address copied from the REST API Explorer or a browser
// instead: https://example.service-now.com/api/now/table/incident?sysparm_limit=10. Its /api/now…
// part is dropped (as the ITSM connector drops a pasted /api/v1), and the table it names must be the
// connection's table: the connector, the registry and the Connections form read it the same way.

/** `/api/now/table/NAME` or `/api/now/v2/table/NAME` (a versioned API), or just `/api/now…`. */
const API_PATH = /\/api\/now(?:\/v\d+)?(?:\/table\/([^/?#]*))?(?:\/.*)?$/i

export type ServiceNowAddress = {
  /** The instance's address: origin and any path prefix, without the API path or a trailing slash. */
  base: string
  /** The table named by a pasted /api/now/table/NAME, lower-cased; null when none is named. */
  pastedTable: string | null
}

/** The instance address in `url` (a parsed URL), with the table a pasted API path names. */
export function serviceNowAddress(url: URL): ServiceNowAddress {
  return apiAddress(url) ?? { base: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, pastedTable: null }
}

/**
 * The instance address in `url` when it was pasted with its API path (`/api/now/table/NAME`,
 * `/api/now/v2/…`, `/api/now`), with the table that path names; null when `url` has no API path.
 */
export function apiAddress(url: URL): ServiceNowAddress | null {
  const path = url.pathname
  const m = API_PATH.exec(path)
  if (!m) return null
  const prefix = path.slice(0, m.index).replace(/\/+$/, '')
  const table = m[1] ? decoded(m[1]).toLowerCase() : null
  return { base: `${url.origin}${prefix}`, pastedTable: table === '' ? null : table }
}

// Admins also paste the address their browser shows on a list or a record of the instance:
// https://example.service-now.com/incident_list.do?sysparm_query=active=true (the classic UI),
// …/now/nav/ui/classic/params/target/incident_list.do%3Fsysparm_query%3D… (Next Experience),
// …/nav_to.do?uri=incident_list.do, …/now/workspace/agent/home, a workspace's record
// (…/now/sow/record/incident/<sys_id>) or a Service Portal page (…/sp?id=ticket&table=incident&sys_id=…,
// …/esc?id=…). Each is a web page, so a sync through it failed with "a web page instead of JSON". A
// connection keeps the instance's address instead (browserAddress), and takes the table the page
// shows when none was given.

/** The classic UI's pages whose `.do` name is no table (nav_to.do is read for its `uri`). */
const UI_PAGES = new Set([
  'nav_to',
  'navpage',
  'home',
  'login',
  'logout',
  'welcome',
  'ui_page',
  'side_door',
  'sys_report_template',
  'catalog_home',
  'change_password',
])

const TABLE = /^[a-z0-9_]+$/

/** Next Experience's frame around a classic page: /now/nav/ui/classic/params/target/<page, encoded>. */
const NEXT_TARGET = /\/now\/nav\/ui\/classic\/params\/target\/(.*)$/i
/** Any other page of Next Experience or a workspace (/now/nav/ui/home, /now/workspace/agent/…, /now/sow/…). */
const NEXT_PAGE = /\/now(?:\/.*)?$/i
/** A classic UI page: /<name>.do. */
const CLASSIC_PAGE = /\/([^/]+)\.do$/i
/**
 * A Service Portal page: one path segment, the portal's URL suffix (sp, esc, csm, or whatever an
 * instance named its portal), with the portal page in its query: /sp?id=ticket&table=incident&sys_id=….
 */
const PORTAL_PAGE = /\/([a-z0-9_-]+)\/?$/i
/** A portal page's id (`ticket`, `form`, `list`, `sc_cat_item`): what tells a portal from a path prefix. */
const PORTAL_PAGE_ID = /^[a-z][a-z0-9_-]*$/i

export type BrowserAddress = {
  /** The instance's address: origin and any path prefix before the page, without a trailing slash. */
  base: string
  /** The table the page lists or shows (`incident_list.do`, `incident.do`), lower-cased; null when none. */
  table: string | null
}

/** The table a classic page's name stands for: `incident_list` and `incident` → incident. */
function tableOfPage(name: string): string | null {
  const page = name.toLowerCase()
  if (UI_PAGES.has(page)) return null
  const table = page.endsWith('_list') ? page.slice(0, -'_list'.length) : page
  return TABLE.test(table) ? table : null
}

/** A table name given as it is (a portal's `table` parameter, a workspace path's segment), lower-cased. */
function tableName(text: string | null | undefined): string | null {
  const table = text?.toLowerCase() ?? null
  return table !== null && TABLE.test(table) ? table : null
}

/**
 * The table a Next Experience or workspace page shows, from its path after /now: a record
 * (`/now/sow/record/incident/<sys_id>`, `/now/workspace/agent/record/…`, `/now/cwf/agent/record/…`;
 * the first record when a sub-record is open) or a list whose parameters name it
 * (`/now/sow/list/params/list-id/<id>/table/incident`: after `params`, name and value pairs).
 */
function tableOfNextPage(rest: string): string | null {
  const segments = rest
    .split('/')
    .filter((s) => s !== '')
    .map(decoded)
  const params = segments.findIndex((s) => s.toLowerCase() === 'params')
  const head = params < 0 ? segments : segments.slice(0, params)
  const record = head.findIndex((s) => s.toLowerCase() === 'record')
  if (record >= 0) return tableName(head[record + 1])
  if (params < 0) return null
  for (let i = params + 1; i + 1 < segments.length; i += 2)
    if (segments[i]?.toLowerCase() === 'table') return tableName(segments[i + 1])
  return null
}

/** The table of a page named by a relative address (`incident_list.do?sysparm_query=…`), if any. */
function tableOfTarget(target: string | null): string | null {
  if (!target) return null
  const path = URL.parse(target, 'https://instance.invalid/')?.pathname ?? ''
  const page = CLASSIC_PAGE.exec(path)
  if (!page?.[1]) return null
  return page[1].toLowerCase() === 'nav_to' ? null : tableOfPage(page[1])
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The instance's address in a browser's address of one of its pages, with the table that page
 * lists or shows; null when `url` is no such page (the instance's address itself, an API path).
 */
export function browserAddress(url: URL): BrowserAddress | null {
  const path = url.pathname
  if (API_PATH.test(path)) return null
  const base = (at: number): string => `${url.origin}${path.slice(0, at).replace(/\/+$/, '')}`
  const next = NEXT_TARGET.exec(path)
  if (next) return { base: base(next.index), table: tableOfTarget(decoded(next[1] ?? '')) }
  const page = CLASSIC_PAGE.exec(path)
  if (page?.[1]) {
    const name = page[1].toLowerCase()
    return {
      base: base(page.index),
      // $sp.do is the portal's own page: /$sp.do?id=ticket&table=incident.
      table:
        name === 'nav_to'
          ? tableOfTarget(url.searchParams.get('uri'))
          : name === '$sp'
            ? tableName(url.searchParams.get('table'))
            : tableOfPage(page[1]),
    }
  }
  const now = NEXT_PAGE.exec(path)
  if (now) return { base: base(now.index), table: tableOfNextPage(now[0].slice('/now'.length)) }
  // A portal page: only its `id` tells it from an instance behind a path prefix (/servicenow), whose
  // address may come with a harmless query (?sysparm_limit=10) but never with a portal page's id.
  const portal = PORTAL_PAGE.exec(path)
  const id = url.searchParams.get('id')
  if (portal && id !== null && PORTAL_PAGE_ID.test(id))
    return { base: base(portal.index), table: tableName(url.searchParams.get('table')) }
  return null
}
