// The ITSM REST connector against answers a server may legitimately give under
// docs/itsm-rest-protocol.md but the simulator never does: a null `total`, a /me without a role,
// instants with microseconds. Each answer is served by a stub fetch, in the order requested.
import { describe, expect, it } from 'vitest'
import { defaultHttpDeps, type HttpDeps, type RetryPolicy } from '../../../src/main/core/sources/http'
import { createItsmConnector } from '../../../src/main/core/sources/itsm-rest/connector'
import type { Connector, Page } from '../../../src/main/core/sources/types'

const POLICY: RetryPolicy = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 10, timeoutMs: 5_000 }
const signal = new AbortController().signal

/** A connector whose requests are answered by `answer(url)` (200, JSON); the URLs asked are kept. */
function stubbed(answer: (url: URL) => unknown): { connector: Connector; urls: URL[] } {
  const urls: URL[] = []
  const deps: HttpDeps = defaultHttpDeps({
    fetch: (input) => {
      const url = new URL(input)
      urls.push(url)
      const body = JSON.stringify(answer(url))
      return Promise.resolve(
        new Response(body, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }),
      )
    },
    sleep: () => Promise.resolve(),
  })
  const connector = createItsmConnector(
    { name: 'agency', url: 'https://itsm.example.go.kr', token: 't0ken', retry: POLICY },
    deps,
  )
  return { connector, urls }
}

const category = (id: string, updatedAt: string): Record<string, string> => ({
  id,
  name: `분류 ${id}`,
  updated_at: updatedAt,
})

describe('ITSM REST connector: answers the protocol allows', () => {
  it('takes a page whose total is null (unknown) as a page without total', async () => {
    const { connector } = stubbed(() => ({
      items: [category('C01', '2025-03-04T09:30:00.000+09:00')],
      next: null,
      total: null,
    }))
    const page = await connector.fetchPage('categories', null, { signal, pageSize: 100 })
    expect(page.rows).toEqual([{ name: '분류 C01', source: 'itsm:agency', sourceId: 'C01' }])
    expect(page.hasMore).toBe(false)
    expect(page).not.toHaveProperty('total')
  })

  it('reads a total sent as a string of digits ("1234") as that number', async () => {
    for (const [total, expected] of [
      ['1234', 1234],
      ['0', 0],
      [1234, 1234],
    ] as const) {
      const { connector } = stubbed(() => ({
        items: [category('C01', '2025-03-04T09:30:00.000+09:00')],
        next: null,
        total,
      }))
      const page = await connector.fetchPage('categories', null, { signal, pageSize: 100 })
      expect(page.rows, String(total)).toEqual([{ name: '분류 C01', source: 'itsm:agency', sourceId: 'C01' }])
      expect(page.total, String(total)).toBe(expected)
    }
  })

  it('takes a page whose total is unusable as a page without total, its rows stored as usual', async () => {
    // undefined: omitted (JSON.stringify drops it)
    for (const total of [undefined, -5, 12.5, '12 rows', '', '-3', '1e3', ' 12', { value: 12 }, [12], true]) {
      const { connector } = stubbed(() => ({
        items: [category('C01', '2025-03-04T09:30:00.000+09:00')],
        next: null,
        total,
      }))
      const page = await connector.fetchPage('categories', null, { signal, pageSize: 100 })
      expect(page.rows, JSON.stringify(total)).toEqual([
        { name: '분류 C01', source: 'itsm:agency', sourceId: 'C01' },
      ])
      expect(page.hasMore).toBe(false)
      expect(page, JSON.stringify(total)).not.toHaveProperty('total')
    }
  })

  it('takes a /me whose role is null or absent as an account without a known role', async () => {
    for (const me of [
      { name: '감사 계정', role: null },
      { name: '감사 계정' },
      { name: '감사 계정', role: 3 },
    ]) {
      const { connector } = stubbed(() => me)
      expect(await connector.whoAmI(signal)).toEqual({ name: '감사 계정', role: null })
    }
  })

  it('follows a server that sends and sorts microseconds, whatever the ids in one millisecond', async () => {
    // PostgreSQL order: (…000.100µs, "C09") before (…000.200µs, "C01"): the same millisecond, the
    // second id smaller. One row per page, as a server with `limit=1` serves them.
    const rows = [
      category('C09', '2025-03-04T00:30:00.000100Z'),
      category('C01', '2025-03-04T00:30:00.000200Z'),
      category('C05', '2025-03-04T00:30:00.000200Z'),
      category('C02', '2025-03-04T00:30:01.000000Z'),
    ]
    const cursorOf = (r: Record<string, string> | undefined): unknown =>
      r ? { updated_after: r['updated_at'], after_id: r['id'] } : null
    const { connector, urls } = stubbed((url) => {
      const afterId = url.searchParams.get('after_id')
      const at = afterId === null ? 0 : rows.findIndex((r) => r['id'] === afterId) + 1
      const row = rows[at]
      return { items: row ? [row] : [], next: at + 1 < rows.length ? cursorOf(row) : null }
    })
    const names: string[] = []
    let cursor: string | null = null
    for (let pages = 0; pages < 10; pages++) {
      const page: Page<'categories'> = await connector.fetchPage('categories', cursor, {
        signal,
        pageSize: 1,
      })
      names.push(...page.rows.map((c) => (typeof c === 'string' ? c : c.name)))
      cursor = page.cursor
      if (!page.hasMore) break
    }
    expect(names).toEqual(rows.map((r) => r['name']))
    // Each cursor went back to the server exactly as it sent it, microseconds included.
    expect(urls[1]?.searchParams.get('updated_after')).toBe('2025-03-04T00:30:00.000100Z')
  })

  it('sends a space in an id as %20, so a server that does not read "+" as a space (§3) pages on', async () => {
    // Ids with a space, all stamped in the same instant (a bulk load), one row per page: the page
    // boundary falls between equal instants, where only after_id tells the rows apart.
    const t = '2025-03-04T00:30:00.000Z'
    const rows = [category('SR 1', t), category('SR 2', t), category('SR 3', t)]
    /** The query read as §3 asks: percent-decoded as UTF-8, "+" kept as "+". */
    const queryOf = (url: URL): Map<string, string> =>
      new Map(
        url.search
          .slice(1)
          .split('&')
          .filter(Boolean)
          .map((pair) => pair.split('=').map(decodeURIComponent) as [string, string]),
      )
    const { connector, urls } = stubbed((url) => {
      const q = queryOf(url)
      const afterId = q.get('after_id')
      // updated_at = t for every row, so the filter is `id > after_id` (UTF-16 code-unit order).
      const after = afterId === undefined ? rows : rows.filter((r) => (r['id'] as string) > afterId)
      const row = after[0]
      return {
        items: row ? [row] : [],
        next: row && after.length > 1 ? { updated_after: t, after_id: row['id'] } : null,
      }
    })
    const names: string[] = []
    let cursor: string | null = null
    for (let pages = 0; pages < 10; pages++) {
      const page: Page<'categories'> = await connector.fetchPage('categories', cursor, {
        signal,
        pageSize: 1,
      })
      names.push(...page.rows.map((c) => (typeof c === 'string' ? c : c.name)))
      cursor = page.cursor
      if (!page.hasMore) break
    }
    // "SR+1" (a "+" read as itself) sorts after "SR 2" and "SR 3": they were never served.
    expect(names).toEqual(['분류 SR 1', '분류 SR 2', '분류 SR 3'])
    expect(urls[1]?.search).toContain('after_id=SR%201')
    expect(urls.every((u) => !u.search.includes('+'))).toBe(true)
  })

  it('still refuses a next that repeats the request position, at any precision', async () => {
    const at = { updated_after: '2025-03-04T00:30:00.000200Z', after_id: 'C01' }
    const { connector } = stubbed(() => ({ items: [], next: at }))
    const cursor = JSON.stringify(at)
    await expect(connector.fetchPage('categories', cursor, { signal, pageSize: 1 })).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringMatching(/does not move forward/) as unknown,
    })
    const before = { updated_after: '2025-03-04T00:30:00.000100Z', after_id: 'C00' }
    const back = stubbed(() => ({ items: [], next: before }))
    await expect(
      back.connector.fetchPage('categories', cursor, { signal, pageSize: 1 }),
    ).rejects.toMatchObject({
      kind: 'malformed',
    })
  })
})

describe('ITSM REST connector: a rejected row says what is wrong with its field as a code', () => {
  const at = '2025-03-04T09:30:00.000+09:00'
  const person = (over: Record<string, unknown>): Record<string, unknown> => ({
    id: 'U1',
    tenant: null,
    name: '김운영',
    email: null,
    role: 'engineer',
    created_at: at,
    last_active_at: null,
    updated_at: at,
    ...over,
  })
  /** The reason of the page holding `row`, refused. */
  const refusal = async (row: Record<string, unknown>): Promise<unknown> => {
    const { connector } = stubbed(() => ({ items: [row], next: null }))
    const err = await connector.fetchPage('people', null, { signal, pageSize: 10 }).catch((e: unknown) => e)
    return (err as { reason?: unknown }).reason
  }
  const without = (key: string): Record<string, unknown> =>
    Object.fromEntries(Object.entries(person({})).filter(([k]) => k !== key))

  it.each([
    ['a missing field', without('name'), { field: 'name', issue: 'missing' }],
    [
      'a number for text',
      person({ name: 7 }),
      { field: 'name', issue: 'wrong_type', expected: 'string', received: 'number' },
    ],
    [
      'null where null is not allowed',
      person({ name: null }),
      { field: 'name', issue: 'wrong_type', expected: 'string', received: 'null' },
    ],
    [
      'an unknown role',
      person({ role: 'boss' }),
      { field: 'role', issue: 'not_one_of', values: '"engineer", "requester", "manager", "admin"' },
    ],
    [
      'an instant without its offset',
      person({ created_at: '2025-03-04 09:30:00' }),
      { field: 'created_at', issue: 'not_instant' },
    ],
    [
      'a name over its limit',
      person({ name: 'x'.repeat(1001) }),
      { field: 'name', issue: 'too_long', limit: 1000 },
    ],
    ['an empty id', person({ id: '' }), { field: 'id', issue: 'too_short', limit: 1 }],
  ])('%s', async (_what, row, expected) => {
    const reason = (await refusal(row)) as { code: string; params: Record<string, unknown> }
    expect(reason.code).toBe('itsm_row_rejected')
    expect(reason.params).toMatchObject({ entity: 'people', problem: expect.any(String), ...expected })
  })

  it('its English message names the collection as the Sync screen does, once, without the connection', async () => {
    // The engine adds where it happened (`(ITSM REST connection "…", people)`): the connector's own
    // words named the connection a second time and the collection by its key ("ITSM source "x": people row").
    const { connector } = stubbed(() => ({ items: [person({ role: 'boss' })], next: null }))
    const err = (await connector
      .fetchPage('sr_events', null, { signal, pageSize: 10 })
      .catch((e: unknown) => e)) as Error
    expect(err.message).toMatch(/^SR history row "U1" \(item 1 of the page\) was rejected: /)
    const page = stubbed(() => ({ rows: [] }))
    const bad = (await page.connector
      .fetchPage('srs', null, { signal, pageSize: 10 })
      .catch((e: unknown) => e)) as Error
    expect(bad.message).toMatch(/^The service requests page from \S+ is not a protocol page \(/)
  })

  it('a feature-usage month not written YYYY-MM', async () => {
    const usage = { id: 'F1', tenant: '기관', feature: 'report', month: '2026-13', count: 3, updated_at: at }
    const { connector } = stubbed(() => ({ items: [usage], next: null }))
    const err = await connector
      .fetchPage('feature_usage', null, { signal, pageSize: 10 })
      .catch((e: unknown) => e)
    expect((err as { reason?: unknown }).reason).toMatchObject({
      code: 'itsm_row_rejected',
      params: { entity: 'feature_usage', field: 'month', issue: 'not_month', problem: 'expected YYYY-MM' },
    })
  })
})
