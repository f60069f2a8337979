// Who is admin right now (SPEC §9): "the role comes from the connected ITSM account when the source
// reports it; otherwise a local admin passphrase unlocks admin sections". So while an ITSM account with
// a role is recorded, that role decides (`admin` grants, anything else is operator) and the passphrase
// does not apply: an ITSM operator cannot make themselves admin on this PC. Without one (ServiceNow,
// files only, or /me without a role) the passphrase unlocks for the session. The way out of a read-only
// token is an ITSM admin's token, or the CLI, which runs as the local admin (`source remove|add`).
import type { Role } from '../../../shared/domain'
import type { AuthStatus } from '../../../shared/ipc/types-auth'
import { getMeta, setMeta } from '../db/meta'
import type { Store } from '../db/open-database'
import { CoreError } from '../errors'
import { requireAdmin } from './require-admin'
import {
  MIN_PASSPHRASE_LENGTH,
  hashPassphrase,
  storePassphraseHash,
  storedPassphraseHash,
  verifyPassphrase,
} from './passphrase'

const ITSM_ACCOUNT_KEY = 'itsm_account'
/** Wrong attempts allowed before unlocking pauses; each later failure doubles the pause. */
export const FREE_ATTEMPTS = 5
export const FIRST_PAUSE_MS = 30_000
const MAX_PAUSE_MS = 15 * 60_000

export type ItsmAccount = NonNullable<AuthStatus['itsmAccount']>

export type AuthSession = {
  role(): Role
  status(): AuthStatus
  setPassphrase(passphrase: string, current?: string): Promise<AuthStatus>
  unlock(passphrase: string): Promise<AuthStatus>
  lock(): AuthStatus
  /** Records what an ITSM source's `/me` reported (null forgets the source's account). */
  recordItsmAccount(source: string, account: { name: string; role: string | null } | null): void
}

export type AuthSessionOptions = {
  store: Store
  now: () => number
  /** Told whenever the role or status changes (the app pushes `auth:changed`). */
  onChange?: (status: AuthStatus) => void
  /** Start unlocked without a passphrase (the browser harness: a loopback developer tool). */
  startUnlocked?: boolean
}

/**
 * Records what an ITSM source's `/me` reported in the workspace (null forgets that source's account).
 * The session's recordItsmAccount calls this; without a session (the CLI, which runs as the local
 * admin) the handlers call it directly, so `source remove` there also frees the role it recorded.
 */
export function storeItsmAccount(
  store: Store,
  source: string,
  account: { name: string; role: string | null } | null,
  now: number,
): void {
  if (account === null) {
    const before = readItsmAccount(store)
    if (before?.source === source) setMeta(store, ITSM_ACCOUNT_KEY, '')
    return
  }
  const next: ItsmAccount = { source, name: account.name, role: account.role, checkedAt: now }
  setMeta(store, ITSM_ACCOUNT_KEY, JSON.stringify(next))
}

function readItsmAccount(store: Store): ItsmAccount | null {
  const text = getMeta(store, ITSM_ACCOUNT_KEY)
  if (!text) return null
  try {
    return JSON.parse(text) as ItsmAccount
  } catch {
    return null
  }
}

/** Creates the admin session over the workspace's stored passphrase hash and ITSM account. */
export function createAuthSession(opts: AuthSessionOptions): AuthSession {
  const { store, now } = opts
  let grant: 'passphrase' | 'fixed' | null = opts.startUnlocked ? 'fixed' : null
  let failures = 0
  let lockedUntil: number | null = null

  const itsmAccount = (): ItsmAccount | null => readItsmAccount(store)
  /** The recorded account when it reports a role (which then decides). */
  const roleAccount = (): ItsmAccount | null => {
    const account = itsmAccount()
    return account && typeof account.role === 'string' && account.role !== '' ? account : null
  }
  const status = (): AuthStatus => {
    const account = itsmAccount()
    const ruling = roleAccount()
    const grantedBy = grant === 'fixed' ? 'fixed' : ruling ? (ruling.role === 'admin' ? 'itsm' : null) : grant
    return {
      role: grantedBy ? 'admin' : 'operator',
      grantedBy,
      roleFromItsm: grant !== 'fixed' && ruling !== null,
      passphraseSet: storedPassphraseHash(store) !== null,
      itsmAccount: account,
      lockedUntil: lockedUntil !== null && lockedUntil > now() ? lockedUntil : null,
    }
  }
  const changed = (): AuthStatus => {
    const s = status()
    opts.onChange?.(s)
    return s
  }
  const role = (): Role => status().role
  /** Refuses passphrase use while an ITSM account's non-admin role decides. */
  const passphraseApplies = (action: string): void => {
    const ruling = roleAccount()
    if (grant === 'fixed' || !ruling || ruling.role === 'admin') return
    throw new CoreError(
      'FORBIDDEN',
      `Cannot ${action}: the role comes from the ITSM account "${ruling.name}" of connection "${ruling.source}" ` +
        `(${ruling.role}), and the local passphrase does not apply while it is connected. ` +
        'Use an ITSM admin account for that connection, or the command line (npm run cli -- source …).',
    )
  }

  return {
    role,
    status,
    async setPassphrase(passphrase, current) {
      if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
        throw new CoreError(
          'BAD_REQUEST',
          `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`,
        )
      passphraseApplies('set the admin passphrase')
      const stored = storedPassphraseHash(store)
      if (stored !== null) {
        requireAdmin(role, 'change the admin passphrase')
        // An admin by ITSM account may reset it; a passphrase session proves it knows the old one.
        if (status().grantedBy !== 'itsm') {
          if (!current || !(await verifyPassphrase(current, stored)))
            throw new CoreError(
              'FORBIDDEN',
              'The current passphrase is wrong; the passphrase was not changed',
            )
        }
      }
      storePassphraseHash(store, await hashPassphrase(passphrase))
      grant = 'passphrase'
      failures = 0
      lockedUntil = null
      return changed()
    },
    async unlock(passphrase) {
      const stored = storedPassphraseHash(store)
      passphraseApplies('unlock with the passphrase')
      if (stored === null) throw new CoreError('BAD_REQUEST', 'No admin passphrase is set yet: set one first')
      const t = now()
      if (lockedUntil !== null && lockedUntil > t) {
        const seconds = Math.ceil((lockedUntil - t) / 1000)
        throw new CoreError('FORBIDDEN', `Too many wrong passphrases. Try again in ${seconds} seconds.`)
      }
      if (await verifyPassphrase(passphrase, stored)) {
        grant = 'passphrase'
        failures = 0
        lockedUntil = null
        return changed()
      }
      failures += 1
      if (failures >= FREE_ATTEMPTS) {
        const pause = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (failures - FREE_ATTEMPTS))
        lockedUntil = t + pause
        changed()
        throw new CoreError(
          'FORBIDDEN',
          `Wrong passphrase. Too many wrong attempts: try again in ${Math.ceil(pause / 1000)} seconds.`,
        )
      }
      const left = FREE_ATTEMPTS - failures
      throw new CoreError(
        'FORBIDDEN',
        `Wrong passphrase (${left} more attempt${left === 1 ? '' : 's'} before a pause)`,
      )
    },
    lock() {
      grant = null
      return changed()
    },
    recordItsmAccount(source, account) {
      storeItsmAccount(store, source, account, now())
      // From now on the account's role decides: an earlier passphrase unlock ends with it.
      if (roleAccount() !== null && grant === 'passphrase') grant = null
      changed()
    },
  }
}
