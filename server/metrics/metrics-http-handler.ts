// GET /metrics: the Prometheus text exposition of this process' registry.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServiceDeps } from '@/server/platform/deps'
import { createRelayflowMetrics, type MetricsOptions } from './relayflow-metrics'

export function createMetricsHandler(
  context: ServiceDeps,
  options: Omit<MetricsOptions, 'db' | 'clock'> = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const metrics = createRelayflowMetrics({ db: context.db, clock: context.clock, ...options })
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' })
      res.end('Use GET /metrics.')
      return
    }
    try {
      const body = await metrics.render()
      res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' })
      res.end(req.method === 'HEAD' ? undefined : body)
    } catch (error) {
      context.logger.error({ err: error }, 'collecting metrics failed')
      res.writeHead(503, { 'content-type': 'text/plain' })
      res.end('Metrics are unavailable: the database could not be read. See the server log.')
    }
  }
}
