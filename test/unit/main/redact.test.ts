// Redaction of connection secrets from text bound for the sync log, the screens and the CLI: the
// secret in every form a server or a runtime may quote it, and credentials in quoted text whatever
// their value.
import { describe, expect, it } from 'vitest'
import { redactReason, redactSecrets, scrubCredentials } from '../../../src/main/core/redact'
import { urlQueryProblem } from '../../../src/shared/url-query'

const PASSWORD = 'p@ss w0rd/"&<x>'
const TOKEN = 'tok_5f4e3d2c1b0a99887766'

describe('redactSecrets', () => {
  it('redacts a secret as it is and as it is quoted: percent-encoded, JSON- or HTML-escaped, base64', () => {
    const quoted = [
      `said ${PASSWORD}`,
      `GET /login?u=ops&p=${encodeURIComponent(PASSWORD)}`,
      `{"password":${JSON.stringify(PASSWORD)}}`,
      `<title>Login failed for p@ss w0rd/&quot;&amp;&lt;x&gt;</title>`,
      `secret=${Buffer.from(PASSWORD).toString('base64')}`,
    ]
    for (const text of quoted) {
      const out = redactSecrets(text, [PASSWORD])
      expect(out, text).toContain('***')
      expect(out, text).not.toMatch(/w0rd|cEBzcyB3MHJk/)
    }
  })

  it('redacts a secret whose whitespace runs were made one space (an error put on one line)', () => {
    const secret = 'correct  horse\tbattery'
    expect(redactSecrets('login failed: correct horse battery.', [secret])).toBe('login failed: ***.')
  })

  it('redacts the first characters of a secret where a quote was cut short', () => {
    const cut = `the server said: header Authorization: Bearer ${TOKEN.slice(0, 11)}…`
    expect(redactSecrets(cut, [TOKEN])).toBe('the server said: header Authorization: Bearer ***…')
    // Another word before the cut is left alone, and so are fewer than 4 of the secret's characters.
    expect(redactSecrets('the answer was cut short…', [TOKEN])).toBe('the answer was cut short…')
    expect(redactSecrets('a tok…', [TOKEN])).toBe('a tok…')
  })

  it('leaves values too short to be secrets, and text without them, as they are', () => {
    expect(redactSecrets('the server failed (503) at https://x/api', ['abc', null, undefined, ''])).toBe(
      'the server failed (503) at https://x/api',
    )
  })

  it('redacts the params of a reason as its message', () => {
    const why = {
      code: 'http_auth',
      params: { status: 401, said: `unknown token ${encodeURIComponent(PASSWORD)}` },
    }
    expect(redactReason(why, [PASSWORD])).toEqual({
      code: 'http_auth',
      params: { status: 401, said: 'unknown token ***' },
    })
  })
})

describe('scrubCredentials', () => {
  it("removes a URL's password, credential query parameters and an Authorization header's credentials, keeping what they were", () => {
    expect(scrubCredentials('Cannot reach https://ops:hunter2@itsm.example.go.kr/api (refused)')).toBe(
      'Cannot reach https://ops:***@itsm.example.go.kr/api (refused)',
    )
    expect(scrubCredentials('proxy http://svc:p%40ss@10.0.0.1:8080 refused')).toBe(
      'proxy http://svc:***@10.0.0.1:8080 refused',
    )
    expect(
      scrubCredentials(
        'redirected to https://sso.example/cb?access_token=eyJhbGci.x.y&state=7&api_key=K1&sysparm_ck=abc123&token=t9',
      ),
    ).toBe(
      'redirected to https://sso.example/cb?access_token=***&state=7&api_key=***&sysparm_ck=***&token=***',
    )
    expect(
      scrubCredentials('echo: Authorization: Bearer abc.def.ghi; Proxy-Authorization: Basic b3BzOng='),
    ).toBe('echo: Authorization: Bearer ***; Proxy-Authorization: Basic ***')
    expect(scrubCredentials('{"authorization":"Basic b3BzOng="}')).toBe('{"authorization":"Basic ***"}')
  })

  it('leaves ordinary text alone, and a value already marked by an earlier pass', () => {
    const plain =
      'The server refused the credentials (401) at https://x/api/v1/me: check the user, password or token — ' +
      'fetch does not send the Authorization header to another origin; sysparm_query=active=true'
    expect(scrubCredentials(plain)).toBe(plain)
    expect(scrubCredentials('Authorization: Bearer [redacted]')).toBe('Authorization: Bearer [redacted]')
    expect(redactSecrets('Authorization: Bearer [redacted]', [TOKEN])).toBe(
      'Authorization: Bearer [redacted]',
    )
  })

  it('scrubs the credential parameters a connection address is refused for: sig, auth, authorization, signature', () => {
    expect(
      scrubCredentials(
        'redirected to https://cdn.example/f?Expires=1700000000&sig=Zm9vYmFy&X-Amz-Signature=9f86d08&auth=ops:hunter2',
      ),
    ).toBe('redirected to https://cdn.example/f?Expires=1700000000&sig=***&X-Amz-Signature=***&auth=***')
    // A name that holds a part anywhere, not only at its end.
    expect(scrubCredentials('at https://x/cb?token_v2=abc123&client_secret_old=s3cr3t')).toBe(
      'at https://x/cb?token_v2=***&client_secret_old=***',
    )
    // An Authorization header passed in the query keeps its scheme, and its credentials go.
    expect(scrubCredentials('GET /api?authorization=Basic b3BzOng= failed')).toBe(
      'GET /api?authorization=Basic *** failed',
    )
    // A credential inside another parameter's value (a redirect target) is still found.
    expect(scrubCredentials('login at https://sso/?next=https://x/cb?sig=abcdef&x=1')).toBe(
      'login at https://sso/?next=https://x/cb?sig=***&x=1',
    )
  })

  it('leaves parameters that merely contain the letters of sig or auth alone', () => {
    const plain =
      'at https://x/api?design=new&signal=TERM&author=kim&oauth_version=1.0&assigned=true&sigma=2&authority=ca' +
      '; sign=1; Q&A: the auth= and sig= words in prose stay too, as do design=flat and sig_count=3'
    expect(scrubCredentials(plain)).toBe(plain)
    expect(redactSecrets(plain, [TOKEN])).toBe(plain)
  })

  it("scrubs exactly the parameters a connection's address is refused for (one list)", () => {
    const names = [
      ...['access_token', 'client_secret', 'password', 'passwd', 'pwd', 'api_key', 'apikey', 'api-key'],
      ...['sysparm_ck', 'auth', 'AUTHORIZATION', 'sig', 'signature', 'X-Amz-Signature', 'token_type'],
      ...['design', 'signal', 'author', 'oauth_version', 'sysparm_query', 'sysparm_limit', 'state', 'sigma'],
    ]
    for (const name of names) {
      const refused =
        urlQueryProblem(new URL(`https://x.example/?${name}=v4lue9`), 'servicenow') === 'credential'
      const scrubbed = !scrubCredentials(`https://x.example/?${name}=v4lue9`).includes('v4lue9')
      expect(scrubbed, name).toBe(refused)
    }
    // Both sides were asked about credentials and non-credentials.
    expect(names.filter((n) => urlQueryProblem(new URL(`https://x/?${n}=1`), 'servicenow'))).toHaveLength(15)
  })
})
