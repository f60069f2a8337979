// Reading a connection's CA file as admins have it (PEM, a bundle, DER .cer, base64 DER from the
// Settings window) and refusing what cannot work, with the reason: a private key, an expired or
// not-yet-valid certificate, garbage, an empty or oversized file.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { describeCaCertificates, readCaCertificates } from '../../../src/main/core/sources/trust'
import { derOf, TLS_FIXTURES } from '../../helpers/tls-fixtures'

const TLS = TLS_FIXTURES
const internalCa = readFileSync(`${TLS}/internal-ca.crt`, 'utf8')
const selfSigned = readFileSync(`${TLS}/self-signed.crt`, 'utf8')
const serverKey = readFileSync(`${TLS}/internal-server.key`, 'utf8')
// The internal CA is valid from 2020-01-01 to 2120-01-01, the self-signed one from 2026-11-22 to 2126-10-29.
const NOW = Date.parse('2027-01-01T00:00:00Z')

const reasonOf = (input: Buffer | string, now = NOW): string => {
  try {
    readCaCertificates(input, now)
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
  throw new Error('expected a refusal')
}

describe('readCaCertificates', () => {
  it('reads one PEM certificate and says what it is', () => {
    const { pem, certificates } = readCaCertificates(internalCa, NOW)
    expect(certificates).toHaveLength(1)
    expect(certificates[0]).toMatchObject({
      subject: 'CN=Ops Console Test Internal CA, O=Ops Console test',
      issuer: 'CN=Ops Console Test Internal CA, O=Ops Console test',
      isAuthority: true,
    })
    expect(new Date(certificates[0]?.validFrom ?? 0).toISOString()).toBe('2020-01-01T00:00:00.000Z')
    expect(new Date(certificates[0]?.validTo ?? 0).toISOString()).toBe('2120-01-01T00:00:00.000Z')
    // SHA-256 of the DER bytes, colon-separated upper-case hex.
    const hex = createHash('sha256').update(derOf(internalCa)).digest('hex').toUpperCase()
    expect(certificates[0]?.fingerprint).toBe(hex.match(/../g)?.join(':'))
    expect(derOf(pem)).toEqual(derOf(internalCa))
  })

  it('reads a bundle of several certificates, with CRLF line ends and text around them', () => {
    const bundle = `Internal root\r\n${internalCa.replace(/\n/g, '\r\n')}\r\nsecond:\r\n${selfSigned}`
    const { pem, certificates } = readCaCertificates(bundle, NOW)
    expect(certificates.map((c) => c.subject)).toEqual([
      'CN=Ops Console Test Internal CA, O=Ops Console test',
      'CN=127.0.0.1, O=Ops Console test',
    ])
    // The kept bundle is plain PEM: two blocks, nothing else.
    expect(pem.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2)
    expect(pem).not.toContain('Internal root')
    expect(pem).not.toContain('\r')
    expect(describeCaCertificates(pem).map((c) => c.fingerprint)).toEqual(
      certificates.map((c) => c.fingerprint),
    )
  })

  it('reads a binary DER .cer file, and its bytes in base64 (as the Settings window sends it)', () => {
    const der = derOf(selfSigned)
    const fromFile = readCaCertificates(der, NOW)
    expect(fromFile.certificates[0]?.subject).toBe('CN=127.0.0.1, O=Ops Console test')
    expect(fromFile.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/)
    const fromBase64 = readCaCertificates(der.toString('base64'), NOW)
    expect(fromBase64.pem).toBe(fromFile.pem)
    // A PEM file read as bytes is the same as its text.
    expect(readCaCertificates(Buffer.from(internalCa), NOW).pem).toBe(readCaCertificates(internalCa, NOW).pem)
  })

  it('refuses a private key without keeping or echoing it, even next to a certificate', () => {
    for (const input of [serverKey, `${internalCa}\n${serverKey}`]) {
      const reason = reasonOf(input)
      expect(reason).toMatch(/private key/)
      const keyBody = serverKey.split('\n')[1] ?? ''
      expect(keyBody.length).toBeGreaterThan(20)
      expect(reason).not.toContain(keyBody)
    }
  })

  it('refuses a certificate that expired or is not valid yet, naming the date', () => {
    expect(reasonOf(internalCa, Date.parse('2120-01-02T00:00:00Z'))).toBe(
      'CN=Ops Console Test Internal CA, O=Ops Console test expired on 2120-01-01; it cannot verify any server. Ask for the current one',
    )
    expect(reasonOf(internalCa, Date.parse('2019-12-31T00:00:00Z'))).toBe(
      'CN=Ops Console Test Internal CA, O=Ops Console test is not valid before 2020-01-01',
    )
    // In a bundle, which one is said.
    expect(reasonOf(`${selfSigned}${internalCa}`, Date.parse('2127-01-01T00:00:00Z'))).toMatch(
      /^Certificate 1 of 2 \(CN=127\.0\.0\.1, O=Ops Console test\) expired on 2126-10-29/,
    )
  })

  it('refuses garbage, an empty file, other PEM contents, a damaged certificate and an oversized file', () => {
    expect(reasonOf('')).toBe('The CA certificate file is empty')
    expect(reasonOf(Buffer.alloc(0))).toBe('The CA certificate file is empty')
    expect(reasonOf('hello, this is not a certificate')).toMatch(
      /^This is not a certificate: give a PEM file/,
    )
    expect(reasonOf(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x05]))).toMatch(
      /^The certificate could not be read/,
    )
    expect(reasonOf('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n')).toBe(
      'The file holds CERTIFICATE REQUEST but no CERTIFICATE; give the CA certificate',
    )
    const damaged = internalCa.replace(/\n[A-Za-z0-9+/]{20}/, '\n' + 'A'.repeat(20))
    expect(reasonOf(`${selfSigned}${damaged}`)).toMatch(/^Certificate 2 of 2 could not be read/)
    expect(reasonOf('A'.repeat(65 * 1024))).toBe(
      'The CA certificate file is 65 KiB; a CA bundle is at most 64 KiB',
    )
  })
})
