// A loopback HTTP proxy that tunnels CONNECT requests, as corporate proxies do for HTTPS, recording
// each tunnel's target; or refuses every tunnel with a status (403 blocked, 407 login required); or
// asks for a Basic login (407 until the right one comes).
import { createServer } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export type ConnectProxy = {
  url: string
  /** `host:port` of every tunnel asked for, in order. */
  tunnels: string[]
  /** The `Proxy-Authorization` header of every tunnel request, decoded (`user:password`), or null. */
  logins: (string | null)[]
  close(): Promise<void>
}

export async function startConnectProxy(
  opts: { refuse?: 403 | 407; login?: { user: string; password: string } } = {},
): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const logins: (string | null)[] = []
  const sockets = new Set<Socket>()
  const track = (socket: Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }
  // Only tunnels: a plain request to the proxy is not what a client of it should send.
  const server = createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' })
    res.end('CONNECT only')
  })
  server.on('connect', (req, client: Socket, head: Buffer) => {
    track(client)
    const target = req.url ?? ''
    tunnels.push(target)
    const basic = /^Basic (.+)$/i.exec(req.headers['proxy-authorization'] ?? '')
    const login = basic?.[1] ? Buffer.from(basic[1], 'base64').toString('utf8') : null
    logins.push(login)
    client.on('error', () => client.destroy())
    const wanted = opts.login ? `${opts.login.user}:${opts.login.password}` : null
    const refuse = opts.refuse ?? (wanted !== null && login !== wanted ? 407 : undefined)
    if (refuse) {
      const reason = refuse === 407 ? 'Proxy Authentication Required' : 'Forbidden'
      const extra = refuse === 407 ? 'Proxy-Authenticate: Basic realm="proxy"\r\n' : ''
      client.end(`HTTP/1.1 ${refuse} ${reason}\r\n${extra}Content-Length: 0\r\n\r\n`)
      return
    }
    const [host, port] = target.split(':')
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    track(upstream)
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    logins,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((done) => server.close(done))
    },
  }
}
