// A browser's address of a ServiceNow page, pasted as a connection's URL, is read for the instance's
// address and the table the page shows (servicenow-url.ts browserAddress); other addresses are not.
// An address pasted with the Table API's path gives the instance's and the table it names (apiAddress).
import { describe, expect, it } from 'vitest'
import { apiAddress, browserAddress } from '../../../src/shared/servicenow-url'

const read = (url: string) => browserAddress(new URL(url))

describe('browserAddress', () => {
  it.each([
    [
      'https://acme.service-now.com/now/nav/ui/classic/params/target/incident_list.do%3Fsysparm_query%3Dactive%253Dtrue',
      'incident',
    ],
    ['https://acme.service-now.com/incident_list.do?sysparm_query=active=true', 'incident'],
    ['https://acme.service-now.com/nav_to.do?uri=incident_list.do', 'incident'],
    ['https://acme.service-now.com/nav_to.do?uri=%2Fproblem.do%3Fsys_id%3D9d385017', 'problem'],
    ['https://acme.service-now.com/sc_req_item.do?sys_id=9d385017#top', 'sc_req_item'],
    ['https://acme.service-now.com/Problem_LIST.do', 'problem'],
    ['https://acme.service-now.com/now/nav/ui/classic/params/target/u_ops_ticket.do', 'u_ops_ticket'],
  ])('%s is the instance https://acme.service-now.com, showing the table %s', (url, table) => {
    expect(read(url)).toEqual({ base: 'https://acme.service-now.com', table })
  })

  it.each([
    'https://acme.service-now.com/now/nav/ui/home',
    'https://acme.service-now.com/now/workspace/agent/home',
    'https://acme.service-now.com/navpage.do',
    'https://acme.service-now.com/nav_to.do',
    'https://acme.service-now.com/nav_to.do?uri=%24pa_dashboard.do',
    'https://acme.service-now.com/com.glideapp.servicecatalog_cat_item_view.do?v=1',
  ])('%s is the instance, showing no table', (url) => {
    expect(read(url)).toEqual({ base: 'https://acme.service-now.com', table: null })
  })

  const SYS_ID = '9d385017c611228701d22104cc95c371'
  it.each([
    [`https://acme.service-now.com/sp?id=ticket&table=incident&sys_id=${SYS_ID}`, 'incident'],
    [`https://acme.service-now.com/esc?id=ticket&table=sc_req_item&sys_id=${SYS_ID}`, 'sc_req_item'],
    [`https://acme.service-now.com/csm?id=form&table=Problem&sys_id=${SYS_ID}`, 'problem'],
    ['https://acme.service-now.com/sp?id=list&table=incident', 'incident'],
    // A portal's URL suffix is the instance's own choice.
    ['https://acme.service-now.com/it-help/?id=list&table=u_ops_ticket', 'u_ops_ticket'],
    ['https://acme.service-now.com/$sp.do?id=ticket&table=incident', 'incident'],
  ])('the Service Portal page %s is the instance, showing the table %s', (url, table) => {
    expect(read(url)).toEqual({ base: 'https://acme.service-now.com', table })
  })

  it.each([
    `https://acme.service-now.com/sp?id=sc_cat_item&sys_id=${SYS_ID}`,
    'https://acme.service-now.com/esc?id=kb_home',
    'https://acme.service-now.com/sp?id=form&table=incident%3Bdrop',
    'https://acme.service-now.com/sp?id=list&table=',
  ])('the Service Portal page %s is the instance, showing no table it names', (url) => {
    expect(read(url)).toEqual({ base: 'https://acme.service-now.com', table: null })
  })

  it('keeps the path prefix an instance sits behind before its portal', () => {
    expect(read('https://gw.example.go.kr:8443/servicenow/esc?id=ticket&table=sc_req_item')).toEqual({
      base: 'https://gw.example.go.kr:8443/servicenow',
      table: 'sc_req_item',
    })
  })

  it.each([
    [`https://acme.service-now.com/now/sow/record/incident/${SYS_ID}`, 'incident'],
    [`https://acme.service-now.com/now/workspace/agent/record/incident/${SYS_ID}`, 'incident'],
    [
      `https://acme.service-now.com/now/cwf/agent/record/sn_customerservice_case/${SYS_ID}`,
      'sn_customerservice_case',
    ],
    [`https://acme.service-now.com/now/sow/record/Problem/${SYS_ID}/params/selected-tab-index/1`, 'problem'],
    // A sub-record open in the record's tab: the record's table.
    [
      `https://acme.service-now.com/now/cwf/agent/record/incident/${SYS_ID}/sub/record/task_sla/${SYS_ID}`,
      'incident',
    ],
    ['https://acme.service-now.com/now/sow/list/params/list-id/f3b4a6/table/incident', 'incident'],
    [
      'https://acme.service-now.com/now/workspace/agent/list/params/list-id/f3b4a6/table/sc_req_item',
      'sc_req_item',
    ],
  ])('the workspace page %s is the instance, showing the table %s', (url, table) => {
    expect(read(url)).toEqual({ base: 'https://acme.service-now.com', table })
  })

  it.each([
    'https://acme.service-now.com/now/sow/record/',
    'https://acme.service-now.com/now/sow/list/params/list-id/f3b4a6/tiny-id/9a8b7c',
    // A list whose id happens to be "table" names no table: parameters come in name and value pairs.
    'https://acme.service-now.com/now/sow/list/params/list-id/table/tiny-id/incident',
    `https://acme.service-now.com/now/sow/record/inc%20ident/${SYS_ID}`,
  ])('the workspace page %s is the instance, showing no table', (url) => {
    expect(read(url)).toEqual({ base: 'https://acme.service-now.com', table: null })
  })

  it('keeps a gateway path prefix and a port before the page', () => {
    expect(read('https://gw.example.go.kr:8443/servicenow/incident_list.do?sysparm_view=ess')).toEqual({
      base: 'https://gw.example.go.kr:8443/servicenow',
      table: 'incident',
    })
  })

  it.each([
    'https://acme.service-now.com',
    'https://acme.service-now.com/',
    'https://gw.example.go.kr/servicenow',
    'https://acme.service-now.com/nowhere',
    'https://acme.service-now.com/api/now/table/incident?sysparm_limit=10',
    'https://acme.service-now.com/api/now',
    // A harmless query on the instance's address is no portal page, behind a path prefix or not.
    'https://acme.service-now.com/?id=ticket&table=incident',
    'https://acme.service-now.com?sysparm_limit=10',
    'https://gw.example.go.kr/servicenow?sysparm_limit=10&table=incident',
    'https://gw.example.go.kr/servicenow/?sysparm_limit=10',
    // No portal page id: a portal's home, or an id no page has.
    'https://acme.service-now.com/sp',
    'https://acme.service-now.com/sp?id=',
    'https://acme.service-now.com/sp?id=42&table=incident',
    'https://acme.service-now.com/sp?table=incident',
    'https://acme.service-now.com/sp/more?table=incident',
  ])('%s is no page: it stays as it is', (url) => {
    expect(read(url)).toBeNull()
  })
})

describe('apiAddress', () => {
  const api = (url: string) => apiAddress(new URL(url))

  it.each([
    ['https://acme.service-now.com/api/now/table/sc_req_item', 'https://acme.service-now.com', 'sc_req_item'],
    [
      'https://acme.service-now.com/api/now/v2/table/Problem?sysparm_limit=1',
      'https://acme.service-now.com',
      'problem',
    ],
    [
      'https://gw.example.go.kr:8443/sn/api/now/table/incident/',
      'https://gw.example.go.kr:8443/sn',
      'incident',
    ],
    ['https://acme.service-now.com/api/now', 'https://acme.service-now.com', null],
    ['https://acme.service-now.com/api/now/table/', 'https://acme.service-now.com', null],
  ])('%s: the instance %s and the table %s', (url, base, pastedTable) => {
    expect(api(url)).toEqual({ base, pastedTable })
  })

  it('reads a table name with a broken escape as it is, instead of throwing', () => {
    expect(api('https://acme.service-now.com/api/now/table/inc%E0')).toEqual({
      base: 'https://acme.service-now.com',
      pastedTable: 'inc%e0',
    })
  })

  it.each([
    'https://acme.service-now.com',
    'https://acme.service-now.com/incident_list.do',
    'https://acme.service-now.com/api/x/table/incident',
  ])('%s has no API path: null', (url) => {
    expect(api(url)).toBeNull()
  })
})
