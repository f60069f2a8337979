// The local admin passphrase (SPEC §9): only a salted scrypt hash is stored (workspace_meta), never
// the passphrase. scrypt is memory-hard, so a copied workspace file does not make guessing cheap.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import type { Store } from '../db/open-database'
import { getMeta, setMeta } from '../db/meta'

const META_KEY = 'admin_passphrase'
export const MIN_PASSPHRASE_LENGTH = 8
// N=2^14, r=8 needs 16 MiB and ~50 ms: slow for a guesser, unnoticeable for a person.
const PARAMS = { N: 16_384, r: 8, p: 1 } as const
const KEY_LENGTH = 32

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

/** Hashes `passphrase` with a fresh salt: `scrypt:N:r:p:salt:hash` (base64 parts). */
export async function hashPassphrase(passphrase: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(passphrase.normalize('NFC'), salt, KEY_LENGTH, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join(':')
}

/** True when `passphrase` matches `stored`; false for a malformed record (never throws on bad input). */
export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split(':')
  if (scheme !== 'scrypt' || !saltText || !keyText) return false
  const N = Number(n)
  const R = Number(r)
  const P = Number(p)
  if (![N, R, P].every((x) => Number.isInteger(x) && x > 0)) return false
  const expected = Buffer.from(keyText, 'base64')
  const key = await scrypt(passphrase.normalize('NFC'), Buffer.from(saltText, 'base64'), expected.length, {
    N,
    r: R,
    p: P,
    maxmem: 256 * N * R,
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** The stored hash record, or null when no passphrase was set. */
export function storedPassphraseHash(store: Store): string | null {
  return getMeta(store, META_KEY)
}

/** Stores the hash record of a new passphrase. */
export function storePassphraseHash(store: Store, record: string): void {
  setMeta(store, META_KEY, record)
}
