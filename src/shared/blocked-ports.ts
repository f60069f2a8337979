// Ports the Fetch standard forbids: fetch (Node's, undici's, Electron's) refuses to connect to them
// before any request ("bad port"), so a connection whose URL names one can never be reached. The
// list is the standard's "bad port" list, as undici 7 has it
// (https://fetch.spec.whatwg.org/#port-blocking). Shared so that the core refuses such a URL when a
// connection is saved and the Connections form says so under the field.

const BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
])

/** The port of an http(s) `url` that fetch refuses to connect to, or null (none given, or allowed). */
export function blockedPort(url: URL): number | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  const port = url.port === '' ? null : Number(url.port)
  return port !== null && BLOCKED_PORTS.has(port) ? port : null
}
