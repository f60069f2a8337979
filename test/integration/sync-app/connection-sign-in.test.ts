// A ServiceNow connection switched between user/password and a bearer token in Settings: saved only
// with the secret its new way of signing in needs, never left unable to sync.
import { afterEach, describe, expect, it } from 'vitest'
import { appContext, type AppContext } from './app-context'

let app: AppContext | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

describe('ServiceNow sign-in changed on an edit', () => {
  it('needs the token when switched to a token, and the password when switched to a user without one', async () => {
    app = appContext()
    const url = 'https://dev.example.service-now.com'
    await app.ok('sources:add', {
      kind: 'servicenow',
      name: 'sn',
      url,
      user: 'integration',
      password: 'pw-1',
    })

    const noToken = await app.invoke('sources:update', { name: 'sn', url, user: null })
    expect(noToken).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(noToken.ok ? '' : noToken.error.message).toContain('needs the token')
    // Refused whole: still the user and password it had.
    expect((await app.ok('sources:list', {}))[0]).toMatchObject({ user: 'integration', secret: 'stored' })

    const switched = await app.ok('sources:update', { name: 'sn', url, user: null, token: 'tok-2' })
    expect(switched).toMatchObject({ user: null, secret: 'stored' })
  })

  it('needs a password for a connection that had only a token', async () => {
    app = appContext()
    const url = 'https://dev.example.service-now.com'
    await app.ok('sources:add', { kind: 'servicenow', name: 'sn', url, token: 'tok-1' })
    const noPassword = await app.invoke('sources:update', { name: 'sn', url, user: 'integration' })
    expect(noPassword).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(noPassword.ok ? '' : noPassword.error.message).toContain('"integration" needs its password')
    const view = await app.ok('sources:update', { name: 'sn', url, user: 'integration', password: 'pw' })
    expect(view).toMatchObject({ user: 'integration', secret: 'stored' })
    // Another user with the stored password is a change of name only: taken.
    expect(await app.ok('sources:update', { name: 'sn', url, user: 'other' })).toMatchObject({
      user: 'other',
      secret: 'stored',
    })
  })
})

describe('the secret of the way a ServiceNow connection no longer signs in', () => {
  const url = 'https://dev.example.service-now.com'
  const kinds = (a: AppContext): string[] =>
    [...a.secrets.values.keys()].map((key) => key.split(':').at(-1) ?? '').sort()
  const values = (a: AppContext): string[] => [...a.secrets.values.values()].sort()
  /** An app with a ServiceNow connection signing in as "integration" with the password pw-1. */
  const withPassword = async (): Promise<AppContext> => {
    const a = appContext()
    await a.ok('sources:add', { kind: 'servicenow', name: 'sn', url, user: 'integration', password: 'pw-1' })
    return a
  }

  it('is forgotten when a user and password are switched to a token, and asked for when switched back', async () => {
    app = await withPassword()
    expect(values(app)).toEqual(['pw-1'])

    await app.ok('sources:update', { name: 'sn', url, user: null, token: 'tok-2' })
    // Only the token stays: the old password is no longer in the keychain.
    expect(kinds(app)).toEqual(['token'])
    expect(values(app)).toEqual(['tok-2'])

    // Back to the user: the password it had is not there to be taken silently.
    const back = await app.invoke('sources:update', { name: 'sn', url, user: 'integration' })
    expect(back.ok ? '' : back.error.message).toContain('"integration" needs its password')
    expect(values(app)).toEqual(['tok-2'])
    await app.ok('sources:update', { name: 'sn', url, user: 'integration', password: 'pw-3' })
    expect(kinds(app)).toEqual(['password'])
    expect(values(app)).toEqual(['pw-3'])
  })

  it('stays when the edit leaves the way of signing in as it was', async () => {
    app = await withPassword()
    // Another user name (a typo fixed) and another table: the password is the account's, kept.
    await app.ok('sources:update', { name: 'sn', url, user: 'integration2', table: 'sc_req_item' })
    expect(values(app)).toEqual(['pw-1'])
  })

  it('stays as it was when the switch is refused', async () => {
    app = await withPassword()
    const refused = await app.invoke('sources:update', { name: 'sn', url, user: null })
    expect(refused.ok).toBe(false)
    expect(values(app)).toEqual(['pw-1'])
  })
})
