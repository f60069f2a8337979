// The tenant filter every widget shares, as a SQL fragment with bound parameters (names, never
// spliced into SQL).

/** `AND tenant_id IN (…)` for the given tenant names, or nothing when all tenants are wanted. */
export function tenantClause(
  tenants: readonly string[] | null,
  column = 'tenant_id',
): { sql: string; params: string[] } {
  if (!tenants || tenants.length === 0) return { sql: '', params: [] }
  const marks = tenants.map(() => '?').join(', ')
  return { sql: ` AND ${column} IN (SELECT id FROM tenants WHERE name IN (${marks}))`, params: [...tenants] }
}
