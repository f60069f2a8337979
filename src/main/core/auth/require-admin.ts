// The one gate for admin-only core operations (SPEC §6, §9): handlers call it before changing
// KPI definitions, SLA policy, connections or schedules.
import type { Role } from '../../../shared/domain'
import { CoreError } from '../errors'

/** Throws FORBIDDEN unless the current role is admin. */
export function requireAdmin(role: () => Role, action: string): void {
  if (role() !== 'admin') {
    throw new CoreError(
      'FORBIDDEN',
      `Only an admin can ${action}. Unlock the admin sections in Settings first.`,
    )
  }
}
