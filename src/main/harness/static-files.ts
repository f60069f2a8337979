// Serves the built web renderer (out/web) read-only, refusing anything outside its folder.
import { createReadStream, statSync, type Stats } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Resolves a URL path inside `root`, or null when it escapes it (../, encoded or not) or is malformed.
 * "/" is index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '')
  const base = resolve(root)
  const full = resolve(base, relative)
  if (full !== base && !full.startsWith(base + sep)) return null
  return full
}

/** Answers with the file, or 404. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, headOnly: boolean): void {
  let target = resolveStaticPath(root, urlPath)
  let targetStat = target ? statOrNull(target) : null
  if (target && targetStat?.isDirectory()) {
    target = join(target, 'index.html')
    targetStat = statOrNull(target)
  }
  if (!target || !targetStat?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('Not found')
    return
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
    'content-length': targetStat.size,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  if (headOnly) {
    res.end()
    return
  }
  createReadStream(target).pipe(res)
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: true })
  } catch {
    return null
  }
}
