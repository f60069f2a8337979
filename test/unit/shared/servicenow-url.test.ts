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
