// A loopback HTTP proxy that tunnels CONNECT requests, as corporate proxies do for HTTPS, recording
// each tunnel's target; or refuses every tunnel with a status (403 blocked, 407 login required).
import { createServer } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export type ConnectProxy = {
  url: string
  /** `host:port` of every tunnel asked for, in order. */
  tunnels: string[]
  close(): Promise<void>
}

export async function startConnectProxy(opts: { refuse?: 403 | 407 } = {}): Promise<ConnectProxy> {
  const tunnels: string[] = []
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
    client.on('error', () => client.destroy())
    if (opts.refuse) {
      const reason = opts.refuse === 407 ? 'Proxy Authentication Required' : 'Forbidden'
      const extra = opts.refuse === 407 ? 'Proxy-Authenticate: Basic realm="proxy"\r\n' : ''
      client.end(`HTTP/1.1 ${opts.refuse} ${reason}\r\n${extra}Content-Length: 0\r\n\r\n`)
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
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise((done) => server.close(done))
    },
  }
}
