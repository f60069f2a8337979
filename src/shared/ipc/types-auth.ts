// Response types of the admin role (SPEC §9). The passphrase never appears in any of them.
import type { Role } from '../domain'

export type AuthStatus = {
  role: Role
  /** What grants the current role: an ITSM account reporting admin, the unlocked passphrase, or nothing. */
  grantedBy: 'itsm' | 'passphrase' | 'fixed' | null
  /**
   * True while a connected ITSM account reports a role: it decides (SPEC §9) and the local passphrase
   * does not apply (unlocking and setting it are refused).
   */
  roleFromItsm: boolean
  /** True once a local admin passphrase was set (its hash is stored, never the passphrase). */
  passphraseSet: boolean
  /** The ITSM account the role was last read from (`/me`), if any source reported one. */
  itsmAccount: { source: string; name: string; role: string | null; checkedAt: number } | null
  /** While wrong attempts are being refused: when unlocking is allowed again (epoch ms). */
  lockedUntil: number | null
}
