// The Connections form refuses what the core would refuse (so the mistake is said under its field,
// in the UI's language) and lets through what the core takes.
import { describe, expect, it } from 'vitest'
import { syncChannels } from '../../../src/shared/ipc/channels/sync'
import {
  checkCodeMaps,
  checkConnectionDraft,
  pageAddress,
  storedAddress,
  type ConnectionDraft,
} from '../../../src/renderer/src/features/connections/validate'
import { connectionsMessages } from '../../../src/renderer/src/features/connections/messages'

const draft: ConnectionDraft = {
  kind: 'itsm',
  name: 'prod-itsm',
  url: 'https://itsm.example.go.kr',
  table: 'incident',
  basic: true,
  user: 'integration',
  secret: 'tok-123',
  proxy: '',
  proxyUser: '',
  margin: '',
}
const addSchema = syncChannels['sources:add'].request

describe('Connections form checks', () => {
  it('takes a well-formed connection of either kind', () => {
    expect(checkConnectionDraft(draft)).toEqual({})
    expect(
      checkConnectionDraft({ ...draft, kind: 'servicenow', proxy: 'http://proxy.example.go.kr:8080' }),
    ).toEqual({})
  })

  it.each([
    ['name', 'Prod ITSM'],
    ['name', '-prod'],
    ['name', 'a'.repeat(41)],
    ['url', 'ftp://itsm.example.go.kr'],
    ['url', 'itsm.example.go.kr'],
    ['url', 'https://user:pw@itsm.example.go.kr'],
    ['secret', 'abc def'],
    ['secret', 'line\nbreak'],
    ['secret', '토큰'],
  ] as const)('refuses %s %j, as the core does', (field, value) => {
    const d = { ...draft, [field]: value }
    expect(checkConnectionDraft(d)[field]).toBeDefined()
    const request = { kind: 'itsm', name: d.name, url: d.url, token: d.secret }
    const core = addSchema.safeParse(request)
    // The contract refuses most; a login in the URL is refused by the source's config schema.
    if (field !== 'url' || !value.includes('@')) expect(core.success).toBe(false)
  })

  it('words a missing or malformed address with an example of the kind being added', () => {
    const sn = { ...draft, kind: 'servicenow' as const }
    expect(checkConnectionDraft({ ...sn, url: '' }).url).toBe('urlServiceNow')
    expect(checkConnectionDraft({ ...sn, url: 'acme.service-now.com' }).url).toBe('urlServiceNow')
    expect(checkConnectionDraft({ ...draft, url: 'itsm.example.go.kr' }).url).toBe('url')
    const { ko, en } = connectionsMessages
    expect(ko.invalid.urlServiceNow).toContain('https://example.service-now.com')
    expect(en.invalid.urlServiceNow).toContain('https://example.service-now.com')
    expect(ko.invalid.urlServiceNow).not.toContain('itsm.example.go.kr')
  })

  it("says a credential in the address's query, and any query on an ITSM address, under the URL field", () => {
    expect(checkConnectionDraft({ ...draft, url: 'https://itsm.example.go.kr/?access_token=abc' }).url).toBe(
      'urlSecret',
    )
    expect(checkConnectionDraft({ ...draft, url: 'https://itsm.example.go.kr/?tenant=seoul' }).url).toBe(
      'urlQuery',
    )
    expect(checkConnectionDraft({ ...draft, url: 'https://itsm.example.go.kr/#top' }).url).toBe('urlQuery')
    const sn = { ...draft, kind: 'servicenow' as const }
    expect(checkConnectionDraft({ ...sn, url: 'https://dev1.service-now.com/?sysparm_ck=0f1e2d' }).url).toBe(
      'urlSecret',
    )
    // Pasted from the REST API Explorer: its query is dropped with the API path.
    expect(
      checkConnectionDraft({
        ...sn,
        url: 'https://dev1.service-now.com/api/now/table/incident?sysparm_limit=10',
      }).url,
    ).toBeUndefined()
  })

  it("checks a ServiceNow browser address as the instance's address the core stores in its place", () => {
    const sn = { ...draft, kind: 'servicenow' as const }
    const list = 'https://acme.service-now.com/incident_list.do?sysparm_query=active=true&sysparm_ck=0f1e2d'
    expect(pageAddress('servicenow', list)).toEqual({
      base: 'https://acme.service-now.com',
      table: 'incident',
    })
    // Its query is not stored: a sysparm_ck in it is no secret kept on disk, and nothing else is refused.
    expect(checkConnectionDraft({ ...sn, url: list })).toEqual({})
    // A page showing another table than the Table field's is taken: the Table field's is read (said as a hint).
    expect(checkConnectionDraft({ ...sn, url: 'https://acme.service-now.com/problem_list.do' })).toEqual({})
    // Not for ITSM REST, and not with a login in it (refused as it is).
    expect(pageAddress('itsm', list)).toBeNull()
    expect(
      checkConnectionDraft({ ...draft, url: 'https://itsm.example.go.kr/incident_list.do?a=1' }).url,
    ).toBe('urlQuery')
    expect(
      checkConnectionDraft({ ...sn, url: 'https://ops:pw@acme.service-now.com/incident_list.do' }).url,
    ).toBe('urlLogin')
    expect(pageAddress('servicenow', 'https://acme.service-now.com')).toBeNull()
  })

  it('takes a ServiceNow re-read margin the core takes (empty: the default minute), refuses the rest', () => {
    const sn = { ...draft, kind: 'servicenow' as const }
    const core = (resumeMarginSeconds: number) =>
      addSchema.safeParse({ kind: 'servicenow', name: 'sn', url: sn.url, token: 't', resumeMarginSeconds })
        .success
    for (const [typed, seconds] of [
      ['60', 60],
      [' 600 ', 600],
      ['86400', 86_400],
    ] as const) {
      expect(checkConnectionDraft({ ...sn, margin: typed }).margin).toBeUndefined()
      expect(core(seconds)).toBe(true)
    }
    expect(checkConnectionDraft({ ...sn, margin: '' }).margin).toBeUndefined()
    for (const [typed, seconds] of [
      ['59', 59],
      ['86401', 86_401],
      ['90.5', 90.5],
      ['-60', -60],
    ] as const) {
      expect(checkConnectionDraft({ ...sn, margin: typed }).margin).toBe('margin')
      expect(core(seconds)).toBe(false)
    }
    expect(checkConnectionDraft({ ...sn, margin: '10분' }).margin).toBe('margin')
    // An ITSM REST connection has no such field: whatever is left in it is not checked.
    expect(checkConnectionDraft({ ...draft, margin: 'x' }).margin).toBeUndefined()
  })

  it('refuses a ServiceNow table name or bearer token the core refuses, takes a password with spaces', () => {
    const sn = { ...draft, kind: 'servicenow' as const }
    expect(checkConnectionDraft({ ...sn, table: 'Incident' }).table).toBeDefined()
    expect(
      addSchema.safeParse({ kind: 'servicenow', name: 'sn', url: sn.url, table: 'Incident', token: 't' })
        .success,
    ).toBe(false)
    expect(checkConnectionDraft({ ...sn, basic: false, secret: 'a b' }).secret).toBe('token')
    // A password is not a header value: spaces are fine in it, for the form and the core alike.
    expect(checkConnectionDraft({ ...sn, basic: true, secret: 'pass word 한글' }).secret).toBeUndefined()
    expect(
      addSchema.safeParse({
        kind: 'servicenow',
        name: 'sn',
        url: sn.url,
        user: 'u',
        password: 'pass word 한글',
      }).success,
    ).toBe(true)
  })

  it.each([
    'proxy.example.go.kr:8080',
    'socks5://proxy.example.go.kr:1080',
    'http://user:pw@proxy.example.go.kr:8080',
    'http://proxy.example.go.kr:8080/path',
  ])('refuses the proxy %j (the core takes only http(s)://host:port, no login, no path)', (proxy) => {
    expect(checkConnectionDraft({ ...draft, proxy }).proxy).toBeDefined()
  })

  it('refuses a URL on a port fetch refuses, as the core does when it is saved (sources/network-detail.test.ts)', () => {
    for (const url of ['http://itsm.example.go.kr:6000', 'https://itsm.example.go.kr:10080/api'])
      expect(checkConnectionDraft({ ...draft, url }), url).toEqual({ url: 'urlPort' })
    for (const url of [
      'http://itsm.example.go.kr:8080',
      'https://itsm.example.go.kr:8443',
      'http://a:60000',
    ]) {
      expect(checkConnectionDraft({ ...draft, url }), url).toEqual({})
    }
  })

  it('takes a ServiceNow address pasted with its API path for the same table, refuses one naming another', () => {
    const sn = { ...draft, kind: 'servicenow' as const }
    for (const url of [
      'https://example.service-now.com/api/now/table/incident',
      'https://example.service-now.com/api/now/v2/table/incident?sysparm_limit=10',
      'https://example.service-now.com/api/now/table/INCIDENT',
      'https://example.service-now.com/api/now/',
    ])
      expect(checkConnectionDraft({ ...sn, url }), url).toEqual({})
    expect(
      checkConnectionDraft({ ...sn, url: 'https://example.service-now.com/api/now/table/sc_req_item' }),
    ).toEqual({ url: 'urlTable' })
    expect(
      checkConnectionDraft({
        ...sn,
        table: 'sc_req_item',
        url: 'https://example.service-now.com/api/now/table/sc_req_item',
      }),
    ).toEqual({})
    // An ITSM REST address has no table: such a path is its own business.
    expect(
      checkConnectionDraft({ ...draft, url: 'https://itsm.example.go.kr/api/now/table/sc_req_item' }),
    ).toEqual({})
  })

  it('refuses a proxy user with ":" (it would split the Basic login)', () => {
    const d = { ...draft, proxy: 'http://proxy.example.go.kr:8080', proxyUser: 'dom:user' }
    expect(checkConnectionDraft(d).proxyUser).toBe('proxyUser')
    expect(checkConnectionDraft({ ...d, proxyUser: 'ops-sync' })).toEqual({})
  })

  it('reads the ServiceNow priority codes the core takes, refuses the rest with a problem the form words', () => {
    const core = (priorityMap: unknown) =>
      addSchema.safeParse({ kind: 'servicenow', name: 'sn', url: draft.url, token: 't', priorityMap }).success
    const none = { stateMap: '', priorityMap: '' }
    expect(checkCodeMaps('servicenow', none)).toEqual({
      ok: true,
      maps: { stateMap: null, priorityMap: null },
    })
    const typed = checkCodeMaps('servicenow', { stateMap: '4=pending', priorityMap: ' 0=p1, 6=P4 ' })
    expect(typed).toEqual({
      ok: true,
      maps: { stateMap: { '4': 'PENDING' }, priorityMap: { '0': 'P1', '6': 'P4' } },
    })
    expect(typed.ok && core(typed.maps.priorityMap)).toBe(true)

    for (const [text, code, sent] of [
      ['6=P5', 'bad_value', { '6': 'P5' }],
      ['0=Emergency', 'bad_value', { '0': 'Emergency' }],
      ['high=P1', 'bad_code', { high: 'P1' }],
      ['1.5=P2', 'bad_code', { '1.5': 'P2' }],
      ['0 P1', 'not_pair', null],
      ['0=P1, 0=P2', 'twice', null],
    ] as const) {
      const checked = checkCodeMaps('servicenow', { ...none, priorityMap: text })
      expect(checked.ok ? null : checked.problems.priorityMap?.problem.code, text).toBe(code)
      // Only the field at fault is named: the state codes are fine.
      expect(checked.ok ? null : Object.keys(checked.problems), text).toEqual(['priorityMap'])
      if (sent) expect(core(sent), text).toBe(false)
    }
    // Each problem is worded under the field in both languages, with its params.
    for (const messages of [connectionsMessages.ko, connectionsMessages.en])
      expect(Object.keys(messages.priorityMapProblems).sort()).toEqual(
        ['bad_code', 'bad_value', 'empty', 'not_pair', 'too_many', 'twice'].sort(),
      )
    const wrong = checkCodeMaps('servicenow', { stateMap: '4=WAITING', priorityMap: '6=P5' })
    expect(wrong.ok ? null : wrong.problems).toEqual({
      stateMap: expect.objectContaining({ problem: expect.objectContaining({ code: 'bad_value' }) }),
      priorityMap: {
        error: '"6=P5": "P5" is not a priority; use one of P1, P2, P3, P4',
        problem: { code: 'bad_value', params: { entry: '6=P5', value: 'P5', values: 'P1, P2, P3, P4' } },
      },
    })
    // An ITSM REST connection has no such fields: whatever is left in them is not read.
    expect(checkCodeMaps('itsm', { stateMap: 'x', priorityMap: 'y' })).toEqual({
      ok: true,
      maps: { stateMap: null, priorityMap: null },
    })
  })

  it('leaves an empty secret alone (an edit keeps the stored one) and checks no name on an edit', () => {
    expect(checkConnectionDraft({ ...draft, secret: '', name: null })).toEqual({})
  })

  it('asks for a secret or proxy password only where none is kept, naming the kind of secret', () => {
    // A new connection (or one whose secret cannot be read) needs its token or password.
    expect(checkConnectionDraft({ ...draft, secret: '', secretNeeded: true })).toEqual({
      secret: 'tokenMissing',
    })
    const sn = { ...draft, kind: 'servicenow' as const, secret: '', secretNeeded: true }
    expect(checkConnectionDraft(sn)).toEqual({ secret: 'passwordMissing' })
    expect(checkConnectionDraft({ ...sn, user: ' ' })).toEqual({
      user: 'userMissing',
      secret: 'passwordMissing',
    })
    expect(checkConnectionDraft({ ...sn, basic: false })).toEqual({ secret: 'tokenMissing' })
    expect(checkConnectionDraft({ ...sn, secret: 'pw' })).toEqual({})
    // A proxy user without a password kept needs one; none when there is no proxy user or no proxy.
    const proxied = {
      ...draft,
      proxy: 'http://proxy.example.go.kr:8080',
      proxyUser: 'ops',
      proxyPasswordNeeded: true,
    }
    expect(checkConnectionDraft(proxied)).toEqual({ proxyPassword: 'proxyPasswordMissing' })
    expect(checkConnectionDraft({ ...proxied, proxyPassword: 'pw' })).toEqual({})
    expect(checkConnectionDraft({ ...proxied, proxyPasswordNeeded: false })).toEqual({})
    expect(checkConnectionDraft({ ...proxied, proxyUser: '' })).toEqual({})
    expect(checkConnectionDraft({ ...proxied, proxy: '' })).toEqual({})
    // Each problem is worded in both languages.
    for (const problem of [
      'userMissing',
      'tokenMissing',
      'passwordMissing',
      'proxyPasswordMissing',
      'nameTaken',
    ] as const) {
      expect(connectionsMessages.ko.invalid[problem], problem).toMatch(/[가-힣]/)
      expect(connectionsMessages.en.invalid[problem], problem).toMatch(/^[A-Z]/)
    }
  })
})

describe('the address a ServiceNow connection is saved under', () => {
  it("is the instance for a Service Portal page or a workspace's record, with the table it shows", () => {
    expect(
      storedAddress('servicenow', 'https://acme.service-now.com/esc?id=ticket&table=sc_req_item&sys_id=9d38'),
    ).toEqual({ base: 'https://acme.service-now.com', table: 'sc_req_item', api: false })
    expect(storedAddress('servicenow', 'https://gw.example.go.kr/sn/sp?id=list&table=problem')).toEqual({
      base: 'https://gw.example.go.kr/sn',
      table: 'problem',
      api: false,
    })
    expect(storedAddress('servicenow', 'https://acme.service-now.com/now/sow/record/incident/9d38')).toEqual({
      base: 'https://acme.service-now.com',
      table: 'incident',
      api: false,
    })
    // Its query is not stored: a sysparm_ck in a portal's address is no secret kept on disk.
    const sn = { ...draft, kind: 'servicenow' as const, table: 'incident' }
    expect(
      checkConnectionDraft({
        ...sn,
        url: 'https://acme.service-now.com/sp?id=form&table=incident&sysparm_ck=0f1e',
      }),
    ).toEqual({})
  })

  it('is the instance for a Table API address, with the table its path names', () => {
    expect(
      storedAddress('servicenow', 'https://acme.service-now.com/api/now/table/sc_req_item?sysparm_limit=5'),
    ).toEqual({
      base: 'https://acme.service-now.com',
      table: 'sc_req_item',
      api: true,
    })
    expect(storedAddress('servicenow', 'https://gw.example.go.kr/sn/api/now/v2/table/Problem')).toEqual({
      base: 'https://gw.example.go.kr/sn',
      table: 'problem',
      api: true,
    })
    expect(storedAddress('servicenow', 'https://acme.service-now.com/api/now')).toEqual({
      base: 'https://acme.service-now.com',
      table: null,
      api: true,
    })
  })

  it("is the page's instance for a browser's address, and nothing for a plain instance, ITSM or a login", () => {
    expect(storedAddress('servicenow', 'https://acme.service-now.com/incident_list.do')).toEqual({
      base: 'https://acme.service-now.com',
      table: 'incident',
      api: false,
    })
    expect(storedAddress('servicenow', 'https://acme.service-now.com')).toBeNull()
    expect(storedAddress('servicenow', 'https://acme.service-now.com/?id=ticket&table=incident')).toBeNull()
    expect(storedAddress('itsm', 'https://itsm.example.go.kr/api/now/table/incident')).toBeNull()
    expect(storedAddress('servicenow', 'https://u:p@acme.service-now.com/api/now/table/incident')).toBeNull()
  })
})
