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
