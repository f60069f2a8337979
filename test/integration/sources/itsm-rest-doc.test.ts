// docs/itsm-rest-protocol.md is what server implementers build from, without our code: its examples
// must be answers the real connector accepts, and its field tables must list the wire schemas' fields.
// Each `http` code block (a request line) and the `json` block after it (the answer) are played
// through the connector with a stub fetch that also checks the connector asks exactly that request.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultHttpDeps, errorDetail } from '../../../src/main/core/sources/http'
import { createItsmConnector, encodeCursor } from '../../../src/main/core/sources/itsm-rest/connector'
import { API_PREFIX, ENTITY_PATHS, WIRE_SCHEMAS } from '../../../src/main/core/sources/itsm-rest/wire'
import { SYNC_ENTITIES, type SyncEntity } from '../../../src/main/core/sources/types'

const DOC = readFileSync(join(__dirname, '../../../docs/itsm-rest-protocol.md'), 'utf8')

type Block = { lang: string; text: string }
type Section = { heading: string; blocks: Block[]; body: string }

/** The doc cut at its `##` and `###` headings, with each section's fenced code blocks. */
function sections(markdown: string): Section[] {
  const out: Section[] = []
  let current: Section = { heading: '', blocks: [], body: '' }
  let fence: Block | null = null
  for (const line of markdown.split('\n')) {
    if (fence) {
      if (line.startsWith('```')) {
        current.blocks.push(fence)
        fence = null
      } else fence.text += `${line}\n`
      continue
    }
    const open = /^```(\w*)/.exec(line)
    if (open) fence = { lang: open[1] ?? '', text: '' }
    else if (/^#{2,3} /.test(line)) {
      out.push(current)
      current = { heading: line.replace(/^#+ /, ''), blocks: [], body: '' }
    } else current.body += `${line}\n`
  }
  out.push(current)
  return out
}

const SECTIONS = sections(DOC)
const PATH_TO_ENTITY = new Map<string, SyncEntity>(
  SYNC_ENTITIES.map((e) => [`${API_PREFIX}${ENTITY_PATHS[e]}`, e] as const),
)

type Example = { section: string; request: URL; response: unknown }

/** Every request block of the doc with the JSON answer that follows it. */
const EXAMPLES: Example[] = SECTIONS.flatMap((section) => {
  const pairs: Example[] = []
  section.blocks.forEach((block, i) => {
    if (block.lang !== 'http') return
    const line = /^GET (\S+)$/.exec(block.text.trim())
    const answer = section.blocks[i + 1]
    if (!line?.[1] || answer?.lang !== 'json') throw new Error(`"${section.heading}": a GET line, then JSON`)
    pairs.push({
      section: section.heading,
      request: new URL(line[1], 'https://itsm.example.go.kr'),
      response: JSON.parse(answer.text) as unknown,
    })
  })
  return pairs
})

/** The field names listed in the first column of the section's table (`name` in back-quotes). */
function tableFields(section: Section): string[] {
  return [...section.body.matchAll(/^\| `([a-z_]+)` +\|/gm)].map((m) => m[1] ?? '')
}

/** A connector whose every request is answered `200` with `body`; the URLs asked are kept. */
function connectorAnswering(body: unknown): ReturnType<typeof createItsmConnector> & { asked: URL[] } {
  const asked: URL[] = []
  const deps = defaultHttpDeps({
    fetch: (input) => {
      asked.push(new URL(input))
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }))
    },
  })
  const connector = createItsmConnector({ name: 'doc', url: 'https://itsm.example.go.kr', token: 't' }, deps)
  return Object.assign(connector, { asked })
}

const sortedQuery = (url: URL): [string, string][] => [...url.searchParams.entries()].sort()
const signal = new AbortController().signal

type WireRow = { id: string; updated_at: string }
const before = (a: { at: string; id: string }, b: { at: string; id: string }): boolean => {
  const d = Date.parse(a.at) - Date.parse(b.at)
  return d < 0 || (d === 0 && a.id < b.id)
}

describe('docs/itsm-rest-protocol.md against the connector', () => {
  it('has a request and an answer for /me and for every collection', () => {
    const paths = new Set(EXAMPLES.map((e) => e.request.pathname))
    expect([...paths].sort()).toEqual(
      [`${API_PREFIX}/me`, ...SYNC_ENTITIES.map((e) => `${API_PREFIX}${ENTITY_PATHS[e]}`)].sort(),
    )
  })

  for (const example of EXAMPLES) {
    const entity = PATH_TO_ENTITY.get(example.request.pathname)
    if (!entity) continue
    it(`"${example.section}": ${example.request.pathname}${example.request.search} is what the connector asks and its answer is accepted`, async () => {
      const query = example.request.searchParams
      const after = query.get('updated_after')
      const afterId = query.get('after_id')
      const from = after !== null && afterId !== null ? { updated_after: after, after_id: afterId } : null
      const body = example.response as {
        items: WireRow[]
        next: { updated_after: string; after_id: string } | null
      }
      const connector = connectorAnswering(body)
      const page = await connector.fetchPage(entity, from && encodeCursor(from), {
        signal,
        pageSize: Number(query.get('limit')),
      })
      // The connector asked for exactly the documented request.
      expect(connector.asked).toHaveLength(1)
      expect(connector.asked[0]?.pathname).toBe(example.request.pathname)
      expect(sortedQuery(connector.asked[0] as URL)).toEqual(sortedQuery(example.request))

      expect(page.rows).toHaveLength(body.items.length)
      expect(page.hasMore).toBe(body.next !== null)
      // Every item shows exactly the fields of its schema (nothing left out, nothing extra).
      const fields = Object.keys(WIRE_SCHEMAS[entity].shape).sort()
      for (const item of body.items) expect(Object.keys(item).sort()).toEqual(fields)
      // Items are in protocol order and strictly after the request's position.
      const positions = body.items.map((r) => ({ at: r.updated_at, id: r.id }))
      const start = from && { at: from.updated_after, id: from.after_id }
      positions.forEach((p, i) => {
        const previous = i === 0 ? start : positions[i - 1]
        if (previous) expect(before(previous, p), `${p.id} after ${previous.id}`).toBe(true)
      })
      // The cursor kept: the server's next, or at the end the greatest row received.
      const last = positions[positions.length - 1]
      const end = body.next ?? (last ? { updated_after: last.at, after_id: last.id } : from)
      expect(page.cursor).toBe(end && encodeCursor(end))
    })
  }

  it('answers /me as documented', async () => {
    const me = EXAMPLES.filter((e) => e.request.pathname === `${API_PREFIX}/me`)
    expect(me.length).toBeGreaterThan(0)
    for (const example of me) {
      const body = example.response as { name: string; role: string }
      expect(await connectorAnswering(body).whoAmI(signal)).toEqual({ name: body.name, role: body.role })
    }
  })

  it('lists in each entity table exactly the fields of the wire schema, in order', () => {
    for (const entity of SYNC_ENTITIES) {
      const section = SECTIONS.find((s) => s.heading.includes(`GET ${API_PREFIX}${ENTITY_PATHS[entity]}`))
      expect(section, entity).toBeDefined()
      expect(tableFields(section as Section), entity).toEqual(Object.keys(WIRE_SCHEMAS[entity].shape))
    }
    const me = SECTIONS.find((s) => s.heading.includes(`GET ${API_PREFIX}/me`))
    expect(tableFields(me as Section)).toEqual(['name', 'role'])
  })

  it("accepts the generic page of §3's Response as a categories page", async () => {
    const section = SECTIONS.find((s) => s.heading === 'Response')
    const block = section?.blocks.find((b) => b.lang === 'json')
    const page = await connectorAnswering(JSON.parse(block?.text ?? 'null')).fetchPage('categories', null, {
      signal,
      pageSize: 1000,
    })
    expect(page.rows.length).toBeGreaterThan(0)
  })

  it("rejects a row over a length limit with §3's example message, word for word", async () => {
    const text = DOC.replace(/\s+/g, ' ')
    const quoted = /e\.g\. `(Service requests row [^`]+)`/.exec(text)?.[1]
    expect(quoted).toBeDefined()
    // The first SR of §4's example as item 42 of a page: 41 good rows, then one whose assignee is too long.
    const srs = EXAMPLES.find((e) => e.request.pathname === `${API_PREFIX}${ENTITY_PATHS.srs}`)
    const sr = (srs?.response as { items: Record<string, unknown>[] }).items[0]
    const items: Record<string, unknown>[] = Array.from({ length: 41 }, (_, i) => ({
      ...sr,
      id: `SR-OK-${i}`,
    }))
    items.push({ ...sr, id: 'SR-0000042', assignee: '가'.repeat(1204) })
    const error = await connectorAnswering({ items, next: null })
      .fetchPage('srs', null, { signal, pageSize: 1000 })
      .catch((e: unknown) => e)
    expect((error as Error).message).toBe(quoted)
  })

  it("ends a sync asked to wait over 2 minutes with §6's words, the time in the workspace's zone", async () => {
    const text = DOC.replace(/\s+/g, ' ')
    const quoted = /ends the sync at once with "([^"]+)"/.exec(text)?.[1]
    expect(quoted).toBeDefined()
    // "… asks to wait N minutes (Retry-After), until T (Asia/Seoul) …": N and T stand for values.
    const pattern = new RegExp(
      (quoted ?? '')
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(' N ', ' \\d+ ')
        .replace('until T ', 'until .+ ')
        .replace(/\s*…\s*/g, '.*'),
    )
    const deps = defaultHttpDeps({
      timeZone: 'Asia/Seoul',
      fetch: () => Promise.resolve(new Response('{}', { status: 429, headers: { 'retry-after': '3600' } })),
    })
    const connector = createItsmConnector(
      { name: 'doc', url: 'https://itsm.example.go.kr', token: 't' },
      deps,
    )
    const error = await connector.fetchPage('srs', null, { signal, pageSize: 1000 }).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(pattern)
  })

  it("quotes the documented error body's message", () => {
    const section = SECTIONS.find((s) => s.heading.endsWith('Errors'))
    const block = section?.blocks.find((b) => b.lang === 'json')
    const body = JSON.parse(block?.text ?? 'null') as { error: { message: string } }
    expect(errorDetail(block?.text ?? '', 'application/json; charset=utf-8')).toBe(body.error.message)
  })
})
