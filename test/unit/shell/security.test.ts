import { describe, expect, it, vi } from 'vitest'
import {
  DEFAULT_EXTERNAL_ALLOWLIST,
  SECURE_WEB_PREFERENCES,
  buildCsp,
  hardenSession,
  hardenWebContents,
  isAllowedExternalUrl,
  isSamePageNavigation,
} from '../../../src/main/shell/security'

const allow = DEFAULT_EXTERNAL_ALLOWLIST

describe('isAllowedExternalUrl', () => {
  it('allows https pages of allowlisted hosts and their subdomains', () => {
    expect(isAllowedExternalUrl('https://docs.servicenow.com/bundle/table-api', allow)).toBe(true)
    expect(isAllowedExternalUrl('https://developers.google.com/youtube/v3?hl=ko#quota', allow)).toBe(true)
    expect(isAllowedExternalUrl('https://DOCS.ServiceNow.com/', allow)).toBe(true)
    expect(isAllowedExternalUrl('https://ko.docs.servicenow.com/', allow)).toBe(true)
    expect(isAllowedExternalUrl('https://docs.servicenow.com:443/', allow)).toBe(true)
  })

  it('refuses other schemes', () => {
    expect(isAllowedExternalUrl('javascript:alert(1)//https://docs.servicenow.com', allow)).toBe(false)
    expect(isAllowedExternalUrl('file:///etc/passwd', allow)).toBe(false)
    expect(isAllowedExternalUrl('http://docs.servicenow.com/', allow)).toBe(false)
    expect(isAllowedExternalUrl('data:text/html,hi', allow)).toBe(false)
    expect(isAllowedExternalUrl('smb://docs.servicenow.com/share', allow)).toBe(false)
    expect(isAllowedExternalUrl('ms-msdt:/id PCWDiagnostic', allow)).toBe(false)
  })

  it('refuses credentials and odd ports', () => {
    expect(isAllowedExternalUrl('https://user:pw@docs.servicenow.com/', allow)).toBe(false)
    expect(isAllowedExternalUrl('https://docs.servicenow.com@evil.io/', allow)).toBe(false)
    expect(isAllowedExternalUrl('https://docs.servicenow.com:8443/', allow)).toBe(false)
  })

  it('refuses lookalike hosts', () => {
    expect(isAllowedExternalUrl('https://docs.servicenow.com.evil.io/', allow)).toBe(false)
    expect(isAllowedExternalUrl('https://evildocs.servicenow.com/', allow)).toBe(false)
    expect(isAllowedExternalUrl('https://evil-docs.servicenow.co/', allow)).toBe(false)
    expect(isAllowedExternalUrl('https://xdocs.servicenow.com/', ['docs.servicenow.com'])).toBe(false)
    expect(isAllowedExternalUrl('https://servicenow.com/', allow)).toBe(false)
    expect(isAllowedExternalUrl('https://docs.servicenow.com./', allow)).toBe(false)
  })

  it('refuses punycode (IDN) hosts, including homoglyphs of allowlisted ones', () => {
    // Cyrillic 'і' in servіcenow
    expect(isAllowedExternalUrl('https://docs.serv\u0456cenow.com/', allow)).toBe(false)
    expect(isAllowedExternalUrl('https://docs.xn--servcenow-3ug.com/', allow)).toBe(false)
    expect(isAllowedExternalUrl('https://xn--80ak6aa92e.docs.servicenow.com/', allow)).toBe(false)
  })

  it('refuses garbage and an empty allowlist', () => {
    expect(isAllowedExternalUrl('', allow)).toBe(false)
    expect(isAllowedExternalUrl('docs.servicenow.com', allow)).toBe(false)
    expect(isAllowedExternalUrl('https://docs.servicenow.com/', [])).toBe(false)
  })
})

describe('buildCsp', () => {
  it('is strict in production', () => {
    const csp = buildCsp()
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).not.toContain('localhost')
  })

  it('allows only the dev server and its websocket in dev, never unsafe-eval', () => {
    const csp = buildCsp({
      devServerUrl: 'http://localhost:5173/',
      devScriptHashes: ["'sha256-abc='", "'unsafe-inline'"],
    })
    expect(csp).toMatch(/script-src 'self' http:\/\/localhost:5173 'sha256-abc='(;|$)/)
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  })

  it('leaves frame-ancestors out of the <meta> form', () => {
    expect(buildCsp({ forMeta: true })).not.toContain('frame-ancestors')
  })
})

describe('SECURE_WEB_PREFERENCES', () => {
  it('isolates and sandboxes every window', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    })
  })
})

function fakeContents(url: string) {
  const listeners = new Map<string, (event: { preventDefault(): void; url: string }) => void>()
  let openHandler: ((details: { url: string }) => { action: string }) | null = null
  return {
    listeners,
    open: (target: string) => openHandler?.({ url: target }),
    contents: {
      getURL: () => url,
      on: (event: string, listener: (event: { preventDefault(): void; url: string }) => void) => {
        listeners.set(event, listener)
      },
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        openHandler = handler
      },
    },
  }
}

describe('hardenWebContents', () => {
  const setup = () => {
    const fake = fakeContents('file:///app/out/renderer/index.html')
    const openExternal = vi.fn(() => Promise.resolve())
    const log = { warn: vi.fn(), error: vi.fn() }
    // The fake implements only what hardenWebContents calls.
    hardenWebContents(fake.contents as never, { allowlist: allow, openExternal, log })
    return { fake, openExternal, log }
  }

  it('denies navigation and redirects away from the page but allows an in-page hash change', () => {
    const { fake } = setup()
    for (const name of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn(), url: 'https://evil.example/' }
      fake.listeners.get(name)?.(away)
      expect(away.preventDefault).toHaveBeenCalled()
    }
    const hash = { preventDefault: vi.fn(), url: 'file:///app/out/renderer/index.html#/kpi' }
    fake.listeners.get('will-navigate')?.(hash)
    expect(hash.preventDefault).not.toHaveBeenCalled()
  })

  it('denies every new window; an allowlisted https link goes to the OS browser', () => {
    const { fake, openExternal } = setup()
    expect(fake.open('https://docs.servicenow.com/x')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://docs.servicenow.com/x')
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
  })

  it('blocks <webview> attachment', () => {
    const { fake } = setup()
    const event = { preventDefault: vi.fn(), url: '' }
    fake.listeners.get('will-attach-webview')?.(event)
    expect(event.preventDefault).toHaveBeenCalled()
  })
})

describe('hardenSession', () => {
  it('replaces any server CSP with ours and denies all permissions', () => {
    let headersListener: ((details: unknown, cb: (r: unknown) => void) => void) | null = null
    let requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null =
      null
    let checkHandler: ((...args: unknown[]) => boolean) | null = null
    const session = {
      webRequest: { onHeadersReceived: (l: typeof headersListener) => (headersListener = l) },
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
    }
    hardenSession(session as never, "default-src 'self'")
    const callback = vi.fn()
    headersListener!({ responseHeaders: { 'content-security-policy': ['*'], 'X-Other': ['1'] } }, callback)
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': ["default-src 'self'"] },
    })
    const granted = vi.fn()
    requestHandler!({}, 'media', granted)
    requestHandler!({}, 'notifications', granted)
    expect(granted.mock.calls).toEqual([[false], [false]])
    expect(checkHandler!({}, 'geolocation', 'file://', {})).toBe(false)
  })
})

describe('isSamePageNavigation', () => {
  it('treats only hash changes as the same page', () => {
    expect(isSamePageNavigation('file:///a/index.html', 'file:///a/index.html#x')).toBe(true)
    expect(isSamePageNavigation('file:///a/index.html', 'file:///a/settings.html')).toBe(false)
    expect(isSamePageNavigation('file:///a/index.html', 'garbage')).toBe(false)
  })
})
