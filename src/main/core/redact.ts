// Removing secrets from text bound for logs, errors and the screen (defence in depth: our own
// messages never hold them, but a runtime's or a server's may). A leaf module: source HTTP uses it
// without pulling in the secret store.

/** Replaces every occurrence of each secret in `text` with `mark`, in the order given. */
export function redactSecrets(
  text: string,
  secrets: readonly (string | null | undefined)[],
  mark = '***',
): string {
  let out = text
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real tokens and passwords are longer.
    if (secret && secret.length >= 4) out = out.split(secret).join(mark)
  }
  return out
}

/** A reason's params with every secret replaced in its text values (they reach the log and screens as the message does). */
export function redactReason<R extends { code: string; params?: Record<string, string | number> }>(
  reason: R,
  secrets: readonly (string | null | undefined)[],
  mark = '***',
): R {
  if (!reason.params) return reason
  let changed = false
  const params: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(reason.params)) {
    const clean = typeof value === 'string' ? redactSecrets(value, secrets, mark) : value
    if (clean !== value) changed = true
    params[key] = clean
  }
  return changed ? { ...reason, params } : reason
}
