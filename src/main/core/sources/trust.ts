// A connection's own CA certificates (Settings → Connections, `source add … --ca-file`): for servers
// whose TLS certificate comes from an organisation's internal authority, or a self-signed server.
// They are public (no secret), kept as a PEM bundle in the source's config, and trusted for that
// connection only, on top of the system's authorities (transport.ts).
import { X509Certificate } from 'node:crypto'
import type { CaCertificateView } from '../../../shared/ipc/types-sync'
import type { ApiErrorReason } from '../../../shared/ipc/error-reasons'
import { CoreError, reason } from '../errors'

/**
 * What the Settings window and the CLI show of one trusted certificate (the fingerprint as browsers
 * and `openssl x509 -fingerprint -sha256` show it).
 */
export type CaCertificateInfo = CaCertificateView

/** Longest bundle accepted (an internal root and a few intermediates are a few KiB). */
export const MAX_CA_BYTES = 64 * 1024
const MAX_CERTIFICATES = 20

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g

/**
 * Reads a CA file as admins have it: PEM (one or more certificates, as exported by most tools) or
 * DER (a single binary certificate, as Windows exports `.cer` files); `text` may also be DER in base64.
 * Answers the normalised PEM bundle and what it holds. Refuses, with the reason, anything else: an
 * empty or oversized file, a private key (never kept, never echoed), a certificate that cannot be
 * read, one that has expired or is not valid yet (it could never verify a server).
 */
export function readCaCertificates(
  input: Buffer | string,
  now: number,
): { pem: string; certificates: CaCertificateInfo[] } {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length
  if (bytes === 0) throw bad('The CA certificate file is empty', reason('ca_empty'))
  if (bytes > MAX_CA_BYTES)
    throw bad(
      `The CA certificate file is ${Math.round(bytes / 1024)} KiB; a CA bundle is at most 64 KiB`,
      reason('ca_too_large', { size: Math.round(bytes / 1024), limit: MAX_CA_BYTES / 1024 }),
    )
  const text = typeof input === 'string' ? input : input.toString('latin1')
  const blocks = [...text.matchAll(PEM_BLOCK)]
  if (blocks.some((m) => /PRIVATE KEY/.test(m[1] ?? '')))
    throw bad(
      'This file holds a private key. Give the certificate of the authority that signed the server ' +
        'certificate (it is public); a key is never needed and was not kept',
      reason('ca_private_key'),
    )
  let certs: X509Certificate[]
  if (blocks.length > 0) {
    const pemCerts = blocks.filter((m) => m[1] === 'CERTIFICATE' || m[1] === 'TRUSTED CERTIFICATE')
    if (pemCerts.length === 0) {
      const found = blocks.map((m) => m[1]).join(', ')
      throw bad(
        `The file holds ${found} but no CERTIFICATE; give the CA certificate`,
        reason('ca_no_certificate', { found }),
      )
    }
    if (pemCerts.length > MAX_CERTIFICATES)
      throw bad(
        `The file holds ${pemCerts.length} certificates; at most ${MAX_CERTIFICATES} are kept`,
        reason('ca_too_many', { count: pemCerts.length, limit: MAX_CERTIFICATES }),
      )
    certs = pemCerts.map((m, i) => parse(m[0], i, pemCerts.length))
  } else {
    // No PEM armour: a binary DER certificate, or (from the Settings window) its bytes in base64.
    const base64 = typeof input === 'string' ? input.trim() : ''
    const der =
      typeof input !== 'string'
        ? input
        : base64.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(base64)
          ? Buffer.from(base64, 'base64')
          : null
    // A DER certificate is an ASN.1 SEQUENCE (0x30).
    if (!der || der[0] !== 0x30)
      throw bad(
        'This is not a certificate: give a PEM file (-----BEGIN CERTIFICATE-----) or a DER .cer file',
        reason('ca_not_certificate'),
      )
    certs = [parse(der, 0, 1)]
  }
  const certificates = certs.map(info)
  certificates.forEach((c, i) => {
    const several = certificates.length > 1
    const which = several ? `Certificate ${i + 1} of ${certificates.length} (${c.subject})` : c.subject
    const of = several ? { index: i + 1, count: certificates.length } : {}
    if (c.validTo < now) {
      const day = isoDay(c.validTo)
      throw bad(
        `${which} expired on ${day}; it cannot verify any server. Ask for the current one`,
        reason(several ? 'ca_expired_of' : 'ca_expired', { ...of, subject: c.subject, day }),
      )
    }
    if (c.validFrom > now) {
      const day = isoDay(c.validFrom)
      throw bad(
        `${which} is not valid before ${day}`,
        reason(several ? 'ca_not_yet_valid_of' : 'ca_not_yet_valid', { ...of, subject: c.subject, day }),
      )
    }
  })
  return { pem: certs.map((c) => c.toString().trim()).join('\n') + '\n', certificates }
}

/** What a stored bundle holds (it was checked when it was added; a bundle that no longer reads is empty). */
export function describeCaCertificates(pem: string): CaCertificateInfo[] {
  try {
    return [...pem.matchAll(PEM_BLOCK)].map((m) => info(new X509Certificate(m[0])))
  } catch {
    return []
  }
}

function parse(source: string | Buffer, index: number, count: number): X509Certificate {
  try {
    return new X509Certificate(source)
  } catch (err) {
    const which = count > 1 ? `Certificate ${index + 1} of ${count}` : 'The certificate'
    const detail = err instanceof Error ? err.message : String(err)
    throw bad(
      `${which} could not be read (${detail})`,
      count > 1
        ? reason('ca_unreadable_of', { index: index + 1, count, detail })
        : reason('ca_unreadable', { detail }),
    )
  }
}

function info(c: X509Certificate): CaCertificateInfo {
  return {
    subject: oneLine(c.subject),
    issuer: oneLine(c.issuer),
    validFrom: Date.parse(c.validFrom),
    validTo: Date.parse(c.validTo),
    fingerprint: c.fingerprint256,
    isAuthority: c.ca,
  }
}

/** `CN=Example Root\nO=Example` → `CN=Example Root, O=Example`. */
const oneLine = (dn: string): string => dn.split('\n').filter(Boolean).join(', ')
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const bad = (message: string, why: ApiErrorReason): CoreError => new CoreError('BAD_REQUEST', message, why)
