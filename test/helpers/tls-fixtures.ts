// The TLS test fixtures (test/fixtures/tls/README.md) in the forms the tests use.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const TLS_FIXTURES = resolve(import.meta.dirname, '../fixtures/tls')

const read = (name: string): Buffer => readFileSync(join(TLS_FIXTURES, name))

/** Certificate and key of the server the internal CA issued for 127.0.0.1 (a simulator's `tls`). */
export const internalServerTls = (): { cert: Buffer; key: Buffer } => ({
  cert: read('internal-server.crt'),
  key: read('internal-server.key'),
})

/** The internal CA's certificate, PEM text. */
export const internalCaPem = (): string => read('internal-ca.crt').toString('utf8')

/** The DER bytes inside a PEM certificate, as a Windows .cer holds them (decoded here, not by the product). */
export const derOf = (pem: string): Buffer =>
  Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''), 'base64')
