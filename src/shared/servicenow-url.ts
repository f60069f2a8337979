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
  const path = url.pathname
  const m = API_PATH.exec(path)
  const prefix = (m ? path.slice(0, m.index) : path).replace(/\/+$/, '')
  const table = m?.[1] ? decodeURIComponent(m[1]).toLowerCase() : null
  return { base: `${url.origin}${prefix}`, pastedTable: table === '' ? null : table }
}
