// Core handlers for the admin role (SPEC §9): each one a few lines over the module that does the work.
import type { authChannels } from '../../../shared/ipc/channels/auth'
import type { AuthStatus } from '../../../shared/ipc/types-auth'
import type { CoreContext, HandlersFor } from '../api'
import { CoreError } from '../errors'
import type { AuthSession } from './session'

/** The handler table for this area's core channels. */
export function createAuthHandlers(ctx: CoreContext): HandlersFor<typeof authChannels> {
  const session = (): AuthSession => {
    if (!ctx.auth) throw new CoreError('UNAVAILABLE', 'The role is fixed here (no admin session)')
    return ctx.auth
  }
  // Without a session (the CLI) the role is whatever the context says, granted by nothing to unlock.
  const fixedStatus = (): AuthStatus => ({
    role: ctx.role(),
    grantedBy: 'fixed',
    roleFromItsm: false,
    passphraseSet: false,
    itsmAccount: null,
    lockedUntil: null,
  })
  return {
    'auth:status': () => (ctx.auth ? ctx.auth.status() : fixedStatus()),
    'auth:set-passphrase': (req) => session().setPassphrase(req.passphrase, req.current),
    'auth:unlock': (req) => session().unlock(req.passphrase),
    'auth:lock': () => session().lock(),
  }
}
