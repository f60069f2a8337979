// A connection's address never carries a credential in its query (it would be stored in plain text
// with the connection's settings), and an ITSM REST address takes no query or fragment (the client
// appends /api/v1/… to it). A ServiceNow address pasted from the REST API Explorer keeps working, and
// a connection stored before these checks still lists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CoreError } from '../../../src/main/core/errors'
import { addSource, listSources } from '../../../src/main/core/sources/registry'
import { updateSourceWithSecret } from '../../../src/main/core/sync/sources-admin'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

const NOW = Date.parse('2026-03-18T06:00:00Z')

describe('the query of a connection address', () => {
  let ws: TempWorkspace
  beforeEach(() => {
    ws = tempWorkspace()
  })
  afterEach(() => ws.dispose())

  const add = (kind: 'itsm' | 'servicenow', url: string) =>
    addSource(
      ws.store,
      {
        name: 'x',
        kind,
        config:
          kind === 'itsm' ? { url, tokenEnv: 'ITSM_TOKEN' } : { url, table: 'incident', tokenEnv: 'SN' },
      },
      NOW,
    )
  const refusal = (fn: () => unknown): string => {
    try {
      fn()
    } catch (err) {
      expect(err).toBeInstanceOf(CoreError)
      expect((err as CoreError).code).toBe('BAD_REQUEST')
      return (err as CoreError).message
    }
    throw new Error('not refused')
  }

  it.each([
    ['itsm', 'https://itsm.example.go.kr/?access_token=eyJhbGciOi'],
    ['itsm', 'https://itsm.example.go.kr/api/v1?token=abc123'],
    ['itsm', 'https://itsm.example.go.kr/?API_KEY=k-1'],
    [
      'servicenow',
      'https://dev1.service-now.com/api/now/table/incident?sysparm_limit=10&sysparm_ck=0f1e2d3c',
    ],
    ['servicenow', 'https://dev1.service-now.com/?password=hunter22'],
  ] as const)('refuses a credential in the query of a %s address (%s), storing nothing', (kind, url) => {
    expect(refusal(() => add(kind, url))).toContain('Put credentials in a secret, not in the URL')
    expect(listSources(ws.store)).toEqual([])
  })

  it.each(['https://itsm.example.go.kr/?tenant=seoul', 'https://itsm.example.go.kr/#top'])(
    'refuses any other query or fragment on an ITSM address (%s): it would swallow the request paths',
    (url) => {
      expect(refusal(() => add('itsm', url))).toContain('without a query (?…) or fragment (#…)')
    },
  )

  it('takes the plain addresses, and a ServiceNow address pasted with a harmless query', () => {
    expect(add('itsm', 'https://itsm.example.go.kr/ops/api/v1/').config.url).toBe(
      'https://itsm.example.go.kr/ops/api/v1/',
    )
    ws.store.sqlite.exec('DELETE FROM sources')
    // "tokens" in a path is no query parameter.
    expect(add('itsm', 'https://itsm.example.go.kr/tokens-api').name).toBe('x')
    ws.store.sqlite.exec('DELETE FROM sources')
    expect(
      add('servicenow', 'https://dev1.service-now.com/api/now/table/incident?sysparm_limit=10').name,
    ).toBe('x')
  })

  it('refuses such an address as a new URL of a connection, and still lists one stored before', async () => {
    add('itsm', 'https://itsm.example.go.kr')
    await expect(
      updateSourceWithSecret(
        ws.store,
        undefined,
        { name: 'x', url: 'https://itsm.example.go.kr/?token=t0k3n' },
        NOW,
      ),
    ).rejects.toThrow('Put credentials in a secret, not in the URL')
    expect(listSources(ws.store)[0]?.config.url).toBe('https://itsm.example.go.kr')
    // Stored by an earlier release: it lists (and can be corrected), it is not lost.
    ws.store.sqlite
      .prepare('UPDATE sources SET config = ? WHERE name = ?')
      .run(JSON.stringify({ url: 'https://itsm.example.go.kr/?tenant=seoul', tokenEnv: 'ITSM_TOKEN' }), 'x')
    expect(listSources(ws.store).map((s) => s.config.url)).toEqual([
      'https://itsm.example.go.kr/?tenant=seoul',
    ])
    const fixed = await updateSourceWithSecret(
      ws.store,
      undefined,
      { name: 'x', url: 'https://itsm.example.go.kr' },
      NOW,
    )
    expect(fixed.url).toBe('https://itsm.example.go.kr')
  })
})
