// docs/servicenow.md is what ServiceNow admins read to see what Ops Console asks of their instance
// (the requests to allow, the tables and fields the integration user must read): the requests it
// names must be the ones the connector sends.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { createServiceNowConnector } from '../../../src/main/core/sources/servicenow/connector'

const DOC = readFileSync(join(__dirname, '../../../docs/servicenow.md'), 'utf8')

/** The text of the `## heading` section, up to the next `##`. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`no section "${heading}"`)
  const end = DOC.indexOf('\n## ', start + 1)
  return DOC.slice(start, end < 0 ? undefined : end)
}

const sortedQuery = (url: URL): [string, string][] => [...url.searchParams.entries()].sort()

describe('docs/servicenow.md against the connector', () => {
  it('"Who am I" names every request the connection test sends, in order and with their parameters', async () => {
    const table = 'sc_req_item'
    const documented = [...section('Who am I').matchAll(/`GET (\/api\/now\/table\/[^`\s]+)`/g)].map(
      (m) => new URL((m[1] ?? '').replace('{table}', table), 'https://acme.service-now.com'),
    )
    const asked: URL[] = []
    const deps = defaultHttpDeps({
      fetch: (input) => {
        const url = new URL(input)
        asked.push(url)
        const result = url.pathname.endsWith('/sys_user')
          ? [{ user_name: 'integration', name: '연동 계정', roles: 'itil' }]
          : [{ sys_id: 'a1' }]
        return Promise.resolve(new Response(JSON.stringify({ result }), { status: 200 }))
      },
    })
    const connector = createServiceNowConnector(
      {
        name: 'doc',
        url: 'https://acme.service-now.com',
        table,
        auth: { kind: 'basic', user: 'integration', password: 'secret' },
      },
      deps,
    )
    expect(await connector.whoAmI(new AbortController().signal)).toEqual({ name: '연동 계정', role: null })
    expect(asked.map((u) => u.pathname)).toEqual(documented.map((u) => u.pathname))
    expect(asked.map(sortedQuery)).toEqual(documented.map(sortedQuery))
  })

  it('lists every key the cursor holds, also while a 404 "No Record found" is confirmed', async () => {
    const text = DOC.replace(/\s+/g, ' ')
    const listed = /The cursor is opaque JSON `(\{[^`]+\})`/.exec(text)?.[1] ?? ''
    const keys = new Set([...listed.matchAll(/"(\w+)"\??:/g)].map((m) => m[1]))
    expect(keys.size).toBeGreaterThan(0)
    // An instance that answers a window without rows 404 "No Record found", with no count: the run
    // asks the same place again with a wider window, which its cursor says.
    const deps = defaultHttpDeps({
      fetch: () =>
        Promise.resolve(
          new Response(
            JSON.stringify({ error: { message: 'No Record found', detail: 'Records not found' } }),
            {
              status: 404,
              headers: { date: 'Tue, 04 Mar 2025 00:31:07 GMT' },
            },
          ),
        ),
    })
    const connector = createServiceNowConnector(
      { name: 'doc', url: 'https://acme.service-now.com', auth: { kind: 'bearer', token: 't' } },
      deps,
    )
    const page = await connector.fetchPage('srs', null, {
      signal: new AbortController().signal,
      pageSize: 100,
    })
    expect(page.hasMore).toBe(true)
    const cursor = JSON.parse(page.cursor ?? '{}') as Record<string, unknown>
    expect(cursor['wide']).toBe(true)
    for (const key of Object.keys(cursor)) expect(keys, key).toContain(key)
  })
})
