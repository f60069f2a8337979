// The collections an ITSM REST connection does not read (its `skip`), as the registry checks and
// stores them: never the SRs, only collections there are, in the order a sync reads them; a
// ServiceNow connection has none. Refusals carry a reason the app words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CoreError } from '../../../src/main/core/errors'
import { addSource, connectorFor, getSource } from '../../../src/main/core/sources/registry'
import { defaultHttpDeps } from '../../../src/main/core/sources/http'
import { updateSourceWithSecret } from '../../../src/main/core/sync/sources-admin'
import { tempWorkspace, type TempWorkspace } from '../../helpers/workspace'

let ws: TempWorkspace
beforeEach(() => {
  ws = tempWorkspace('ops-itsm-skip-config-')
})
afterEach(() => ws.dispose())

const URL_ = 'https://itsm.example.go.kr'
const CHOICES = 'tenants, categories, people, sr_events, deployments, feature_usage'

/** The refusal `fn` throws. */
function refusal(fn: () => unknown): CoreError {
  try {
    fn()
  } catch (err) {
    if (err instanceof CoreError) return err
    throw err
  }
  throw new Error('not refused')
}

async function refusalOf(promise: Promise<unknown>): Promise<CoreError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (err instanceof CoreError) return err
  throw new Error(`not refused: ${String(err)}`)
}

describe('an ITSM REST connection’s collections not read', () => {
  it('are stored in the order a sync reads them, each once; none given or [] is every collection', () => {
    const a = addSource(
      ws.store,
      { name: 'a', kind: 'itsm', config: { url: URL_, skip: ['feature_usage', 'people', 'people'] } },
      1,
    )
    expect(a.config).toEqual({ url: URL_, skip: ['people', 'feature_usage'] })
    expect(getSource(ws.store, 'a')?.config).toEqual({ url: URL_, skip: ['people', 'feature_usage'] })
    expect(
      addSource(ws.store, { name: 'b', kind: 'itsm', config: { url: URL_, skip: [] } }, 1).config,
    ).toEqual({
      url: URL_,
    })
    expect(addSource(ws.store, { name: 'c', kind: 'itsm', config: { url: URL_ } }, 1).config).toEqual({
      url: URL_,
    })
  })

  it('never the SRs: refused with the collections that may be skipped, and nothing is added', () => {
    const err = refusal(() =>
      addSource(ws.store, { name: 'a', kind: 'itsm', config: { url: URL_, skip: ['people', 'srs'] } }, 1),
    )
    expect(err.code).toBe('BAD_REQUEST')
    expect(err.reason).toEqual({ code: 'skip_srs', params: { choices: CHOICES } })
    expect(err.message).toBe(
      `skip: The service requests (srs) are always read: they are what a sync is for. Only these collections can be skipped: ${CHOICES}`,
    )
    expect(getSource(ws.store, 'a')).toBeNull()
  })

  it('an unknown name is refused naming it and the valid ones', () => {
    const err = refusal(() =>
      addSource(
        ws.store,
        { name: 'a', kind: 'itsm', config: { url: URL_, skip: ['peple', 'deployments', 'x'] } },
        1,
      ),
    )
    expect(err.reason).toEqual({ code: 'skip_unknown', params: { names: 'peple, x', choices: CHOICES } })
    expect(err.message).toBe(`skip: "peple", "x" are no collections a connection can skip: use ${CHOICES}`)
  })

  it('a ServiceNow connection has none: refused when added and when changed', async () => {
    expect(
      refusal(() =>
        addSource(ws.store, { name: 'sn', kind: 'servicenow', config: { url: URL_, skip: ['people'] } }, 1),
      ).code,
    ).toBe('BAD_REQUEST')
    addSource(ws.store, { name: 'sn', kind: 'servicenow', config: { url: 'https://x.service-now.com' } }, 1)
    const err = await refusalOf(
      updateSourceWithSecret(ws.store, undefined, { name: 'sn', skip: ['people'] }, 2),
    )
    expect(err.reason).toEqual({ code: 'servicenow_no_skip', params: { name: 'sn' } })
    expect(getSource(ws.store, 'sn')?.config).not.toHaveProperty('skip')
  })

  it('a change is checked the same way, and a refused one leaves the connection as it was', async () => {
    addSource(ws.store, { name: 'a', kind: 'itsm', config: { url: URL_, skip: ['people'] } }, 1)
    const srs = await refusalOf(updateSourceWithSecret(ws.store, undefined, { name: 'a', skip: ['srs'] }, 2))
    expect(srs.reason?.code).toBe('skip_srs')
    const unknown = await refusalOf(
      updateSourceWithSecret(ws.store, undefined, { name: 'a', skip: ['deployment'] }, 2),
    )
    expect(unknown.reason).toEqual({
      code: 'skip_unknown',
      params: { names: 'deployment', choices: CHOICES },
    })
    expect(getSource(ws.store, 'a')?.config).toEqual({ url: URL_, skip: ['people'] })
    // A change of the URL alone keeps the list; a new list replaces it; [] reads everything again.
    await updateSourceWithSecret(ws.store, undefined, { name: 'a', url: 'https://itsm2.example.go.kr' }, 3)
    expect(getSource(ws.store, 'a')?.config).toMatchObject({ skip: ['people'] })
    await updateSourceWithSecret(ws.store, undefined, { name: 'a', skip: ['deployments', 'sr_events'] }, 4)
    expect(getSource(ws.store, 'a')?.config).toMatchObject({ skip: ['sr_events', 'deployments'] })
    await updateSourceWithSecret(ws.store, undefined, { name: 'a', skip: [] }, 5)
    expect(getSource(ws.store, 'a')?.config).toEqual({ url: 'https://itsm2.example.go.kr' })
  })

  it('the connector built for it offers every collection but those', async () => {
    const record = addSource(
      ws.store,
      { name: 'a', kind: 'itsm', config: { url: URL_, skip: ['deployments', 'people'] } },
      1,
    )
    const connector = await connectorFor(record, async () => 'token', defaultHttpDeps())
    expect(connector.entities).toEqual(['tenants', 'categories', 'srs', 'sr_events', 'feature_usage'])
    expect(connector.skipped).toEqual(['people', 'deployments'])
  })
})
