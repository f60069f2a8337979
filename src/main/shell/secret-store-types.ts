// The secret store the core depends on (connection tokens, passwords). Kept free of electron so the
// core can import it (or it can move to core) while the app backs it with safeStorage.

/** Named secrets; values never leave the main process and are never logged. */
export type SecretStore = {
  get(name: string): Promise<string | null>
  set(name: string, value: string): Promise<void>
  delete(name: string): Promise<void>
}
