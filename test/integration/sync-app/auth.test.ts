// The admin role through dispatch: the passphrase is stored as a salted scrypt hash only, wrong
// attempts pause unlocking, the ITSM account's admin role grants admin, locking returns to operator.
import { afterEach, describe, expect, it } from 'vitest'
import { getMeta } from '../../../src/main/core/db/meta'
import { FIRST_PAUSE_MS, FREE_ATTEMPTS } from '../../../src/main/core/auth/session'
import { appContext, type AppContext } from './app-context'

const PASS = '관리자-passphrase-2026'
let app: AppContext | undefined
afterEach(async () => {
  await app?.dispose()
  app = undefined
})

describe('admin role', () => {
  it('stores only a salted hash and unlocks with the passphrase', async () => {
    app = appContext({ role: 'operator' })
    expect(await app.ok('auth:status', {})).toMatchObject({
      role: 'operator',
      passphraseSet: false,
      grantedBy: null,
    })
    const set = await app.ok('auth:set-passphrase', { passphrase: PASS })
    expect(set).toMatchObject({ role: 'admin', grantedBy: 'passphrase', passphraseSet: true })
    const stored = getMeta(app.ws.store, 'admin_passphrase') ?? ''
    expect(stored).toMatch(/^scrypt:16384:8:1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/)
    expect(stored).not.toContain(PASS)
    const dump = JSON.stringify(app.ws.store.sqlite.prepare('SELECT * FROM workspace_meta').all())
    expect(dump).not.toContain(PASS)
    expect(JSON.stringify(set)).not.toContain(PASS)

    expect((await app.ok('auth:lock', {})).role).toBe('operator')
    expect((await app.ok('auth:unlock', { passphrase: PASS })).role).toBe('admin')
  })

  it('salts each hash: the same passphrase set twice gives different records', async () => {
    app = appContext({ role: 'operator' })
    await app.ok('auth:set-passphrase', { passphrase: PASS })
    const first = getMeta(app.ws.store, 'admin_passphrase')
    await app.ok('auth:set-passphrase', { passphrase: PASS, current: PASS })
    expect(getMeta(app.ws.store, 'admin_passphrase')).not.toBe(first)
  })

  it('refuses a wrong passphrase, then pauses after too many', async () => {
    let now = Date.parse('2026-03-18T06:00:00Z')
    app = appContext({ role: 'operator', now: () => now })
    await app.ok('auth:set-passphrase', { passphrase: PASS })
    await app.ok('auth:lock', {})
    const first = await app.invoke('auth:unlock', { passphrase: 'wrong-guess' })
    expect(first).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: `Wrong passphrase (${FREE_ATTEMPTS - 1} more attempts before a pause)`,
      },
    })
    for (let i = 2; i < FREE_ATTEMPTS; i++) await app.invoke('auth:unlock', { passphrase: 'wrong-guess' })
    const last = await app.invoke('auth:unlock', { passphrase: 'wrong-guess' })
    expect(last).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('try again in 30 seconds') },
    })
    // Even the right passphrase waits out the pause.
    const during = await app.invoke('auth:unlock', { passphrase: PASS })
    expect(during).toMatchObject({
      ok: false,
      error: { message: 'Too many wrong passphrases. Try again in 30 seconds.' },
    })
    expect((await app.ok('auth:status', {})).lockedUntil).toBe(now + FIRST_PAUSE_MS)
    now += FIRST_PAUSE_MS
    expect((await app.ok('auth:unlock', { passphrase: PASS })).role).toBe('admin')
  })

  it('lets only an admin change the passphrase, and only with the current one', async () => {
    app = appContext({ role: 'operator' })
    await app.ok('auth:set-passphrase', { passphrase: PASS })
    await app.ok('auth:lock', {})
    const asOperator = await app.invoke('auth:set-passphrase', { passphrase: 'new-passphrase-1' })
    expect(asOperator).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await app.ok('auth:unlock', { passphrase: PASS })
    const noCurrent = await app.invoke('auth:set-passphrase', {
      passphrase: 'new-passphrase-1',
      current: 'nope-nope',
    })
    expect(noCurrent).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const short = await app.invoke('auth:set-passphrase', { passphrase: 'short', current: PASS })
    expect(short).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    await app.ok('auth:set-passphrase', { passphrase: 'new-passphrase-1', current: PASS })
    await app.ok('auth:lock', {})
    expect(await app.invoke('auth:unlock', { passphrase: PASS })).toMatchObject({ ok: false })
    expect((await app.ok('auth:unlock', { passphrase: 'new-passphrase-1' })).role).toBe('admin')
  })

  it('grants admin from an ITSM account reporting admin, and not from one reporting viewer', async () => {
    app = appContext({ role: 'operator' })
    app.auth.recordItsmAccount('prod', { name: '조회 계정', role: 'viewer' })
    expect(await app.ok('auth:status', {})).toMatchObject({ role: 'operator', grantedBy: null })
    expect(await app.invoke('sources:remove', { name: 'prod' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    app.auth.recordItsmAccount('prod', { name: '운영 관리자', role: 'admin' })
    expect(await app.ok('auth:status', {})).toMatchObject({ role: 'admin', grantedBy: 'itsm' })
  })

  it('while an ITSM account reports a non-admin role, that role decides and the passphrase does not apply', async () => {
    app = appContext({ role: 'operator' })
    await app.ok('auth:set-passphrase', { passphrase: PASS })
    expect((await app.ok('auth:status', {})).role).toBe('admin')

    // The connection's /me says operator: the passphrase session ends and cannot be reopened.
    app.auth.recordItsmAccount('prod', { name: '운영 담당', role: 'operator' })
    expect(await app.ok('auth:status', {})).toMatchObject({
      role: 'operator',
      grantedBy: null,
      roleFromItsm: true,
      itsmAccount: { source: 'prod', name: '운영 담당', role: 'operator' },
    })
    const unlock = await app.invoke('auth:unlock', { passphrase: PASS })
    expect(unlock).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(JSON.stringify(unlock)).toMatch(
      /ITSM account \\?"운영 담당\\?" of connection \\?"prod\\?" \(operator\)/,
    )
    expect(await app.invoke('auth:set-passphrase', { passphrase: 'another-passphrase-9' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await app.invoke('kpi:delete', { kpi: 'MTTR' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })

    // A source that reports no role leaves the passphrase in charge, as does forgetting the account.
    app.auth.recordItsmAccount('prod', { name: '동기화', role: null })
    expect((await app.ok('auth:status', {})).roleFromItsm).toBe(false)
    expect((await app.ok('auth:unlock', { passphrase: PASS })).role).toBe('admin')
    app.auth.recordItsmAccount('prod', { name: '운영 담당', role: 'viewer' })
    expect((await app.ok('auth:status', {})).role).toBe('operator')
    app.auth.recordItsmAccount('prod', null)
    expect(await app.ok('auth:status', {})).toMatchObject({ role: 'operator', roleFromItsm: false })
    expect((await app.ok('auth:unlock', { passphrase: PASS })).role).toBe('admin')
  })
})
