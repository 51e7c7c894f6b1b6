// Requests Node's HTTP parser refuses before any handler runs (a request line or headers over the
// 16 KiB limit, malformed HTTP) get a short plain-text reason instead of an empty reply.
import type { Server } from 'node:http'

const REASONS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request line or headers are over 16 KiB; send large inputs in a POST body.'],
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy()
    const [status, title, reason] = REASONS[error.code ?? ''] ?? [400, 'Bad Request', 'The request is not valid HTTP.']
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(reason)}\r\nconnection: close\r\n\r\n${reason}`,
    )
  })
}
