// The socket.io server shared by every namespace (`/live` for browsers, `/devices` for
// agents). Namespaces attach themselves to it as their issues land.
import type { Server as HttpServer } from 'node:http'
import { Server } from 'socket.io'

export const MAX_SOCKET_MESSAGE_BYTES = 1_048_576

export function createSocketServer(httpServer: HttpServer): Server {
  return new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    cors: { origin: false },
  })
}
