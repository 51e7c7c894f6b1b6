// Structured JSON logs (pino). Services receive a logger; nothing logs through console.
import pino from 'pino'

export type Logger = pino.Logger

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'relayflow' } })
}
