// `simulate … --fault NAME=VALUE` as the simulators take it: numbers, a share, and on/off switches
// such as no-record-404 (ServiceNow's 404 "No Record found" for an empty answer, before Helsinki).
import { describe, expect, it } from 'vitest'
import { parseFaults } from '../../../src/main/cli/simulate-command'

describe('simulate --fault', () => {
  it('turns no-record-404=1 on and =0 off, beside the numeric faults', () => {
    expect(parseFaults('servicenow', ['no-record-404=1', 'acl-hidden=0.5', 'rate-limit=3'])).toEqual({
      noRecord404: true,
      aclHiddenShare: 0.5,
      rateLimitEvery: 3,
    })
    expect(parseFaults('servicenow', ['no-record-404=0'])).toEqual({ noRecord404: false })
  })

  it('refuses another value for a switch, and the switch for the ITSM simulator', () => {
    expect(() => parseFaults('servicenow', ['no-record-404=2'])).toThrow(
      '--fault no-record-404=2: 1 (on) or 0 (off)',
    )
    expect(() => parseFaults('itsm', ['no-record-404=1'])).toThrow('Unknown fault "no-record-404=1" for itsm')
  })

  it("gives the ITSM simulator an answer broken off mid-body (cut-body), which ServiceNow's does not have", () => {
    expect(parseFaults('itsm', ['cut-body=3', 'truncated=5'])).toEqual({ cutBody: 3, truncatedJson: 5 })
    expect(() => parseFaults('servicenow', ['cut-body=3'])).toThrow(
      'Unknown fault "cut-body=3" for servicenow',
    )
  })

  it('gives the ITSM simulator collections the account may not read (forbidden=…), by their URL names', () => {
    expect(parseFaults('itsm', ['forbidden=people,feature-usage', 'forbidden=sr-events,people'])).toEqual({
      forbidden: ['people', 'feature_usage', 'sr_events'],
    })
    expect(() => parseFaults('itsm', ['forbidden=persons'])).toThrow(
      '--fault forbidden=persons: "persons" is no collection; the collections: tenants, categories, people, srs, sr-events, deployments, feature-usage',
    )
    expect(() => parseFaults('servicenow', ['forbidden=people'])).toThrow(
      'Unknown fault "forbidden=people" for servicenow',
    )
  })

  it('gives the ITSM simulator pages slower than the client waits above a size (slow-page-rows, slow-page-ms)', () => {
    expect(parseFaults('itsm', ['slow-page-rows=200', 'slow-page-ms=45000'])).toEqual({
      slowPageRows: 200,
      slowPageMs: 45_000,
    })
    expect(() => parseFaults('itsm', ['slow-page-rows=1.5'])).toThrow(
      '--fault slow-page-rows=1.5: a whole number',
    )
    expect(() => parseFaults('servicenow', ['slow-page-rows=200'])).toThrow(
      'Unknown fault "slow-page-rows=200" for servicenow',
    )
  })
})
