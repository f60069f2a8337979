// The secret store the core depends on now lives in core (core/secrets.ts); the shell backs it with
// safeStorage. Re-exported here so shell modules keep one import path.
export type { SecretStore } from '../core/secrets'
