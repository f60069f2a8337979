// Domain vocabulary shared by every process. Pure TypeScript: no Node, no Electron.

export const SR_STATUSES = ['OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'DONE', 'CANCELLED'] as const
export type SrStatus = (typeof SR_STATUSES)[number]

export const OPEN_LIKE: readonly SrStatus[] = ['OPEN', 'IN_PROGRESS', 'PENDING']
export const RESOLVED_LIKE: readonly SrStatus[] = ['RESOLVED', 'DONE']

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const
export type Priority = (typeof PRIORITIES)[number]

export const DEPLOYMENT_STATUSES = ['DEPLOYED', 'FAILED', 'ROLLED_BACK', 'RUNNING'] as const
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number]

export const LANGUAGES = ['ko', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

export const DEFAULT_TIME_ZONE = 'Asia/Seoul'

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return zone.length > 0
  } catch {
    return false
  }
}

/**
 * Who is at the keyboard (SPEC §9): admins may change KPI targets, SLA policy, connections and
 * schedules. The role comes from the connected ITSM account when it reports one, else a local admin
 * passphrase unlocks it.
 */
export const ROLES = ['admin', 'operator'] as const
export type Role = (typeof ROLES)[number]
