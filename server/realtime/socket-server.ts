// The socket.io server shared by every namespace (`/live` for browsers, `/devices` for
// agents; attached by startDeviceGateway in server/devices/gateway/gateway.ts when the process has the
// gateway role).
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
