// The device protocol on socket.io namespace `/devices`: every message's zod schema and the typed
// events contract shared by the gateway and the agent. docs/device-protocol.md is its prose twin.
// Imports only zod and pure engine modules by relative path, so the agent can load it without the
// server's path aliases.
import { z } from 'zod'
import { ACTION_NAME_MAX_LENGTH, ACTION_NAME_RULE, ACTION_PATTERN } from './action-name'
import { findJsonProblems } from './json-guard'

export const DEVICE_NAMESPACE = '/devices'
export const PROTOCOL_VERSION = 1

/** Bounds on everything an agent may send; anything larger is refused with `invalid_message`. */
export const PROTOCOL_LIMITS = {
  tokenMaxLength: 256,
  nameMaxLength: 100,
  tagMaxLength: 64,
  maxTags: 32,
  maxActions: 256,
  actionNameMaxLength: ACTION_NAME_MAX_LENGTH,
  paramsSchemaMaxBytes: 16_384,
  maxConcurrency: 256,
  commandIdMaxLength: 200,
  maxReportedCommands: 1024,
  maxLoad: 100_000,
  logLineMaxLength: 8192,
  maxLogLinesPerMessage: 200,
  progressMessageMaxLength: 1000,
  errorCodeMaxLength: 64,
  errorMessageMaxLength: 4000,
  /** A whole socket.io message, output included (the server's maxHttpBufferSize). */
  messageMaxBytes: 1_048_576,
} as const

const L = PROTOCOL_LIMITS

export const ZCommandId = z
  .string()
  .min(1)
  .max(L.commandIdMaxLength)
  .refine((id) => !id.includes('\0'), 'must not contain a NUL character (U+0000)')
/** The workflow `action` rule (contracts/action-name.ts): an action a device offers can be targeted. */
export const ZActionName = z.string().max(L.actionNameMaxLength).regex(ACTION_PATTERN, ACTION_NAME_RULE)
export const ZTag = z
  .string()
  .max(L.tagMaxLength)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/,
    'must use letters, digits, _ . : - and start with a letter or digit',
  )

const ZJsonObject = z.record(z.string(), z.unknown())

export const ZActionDescriptor = z.strictObject({
  name: ZActionName,
  description: z.string().max(500).optional(),
  /** JSON Schema of the action's params (draft 2020-12), shown in the fleet page and the editor. */
  paramsSchema: ZJsonObject.refine((s) => JSON.stringify(s).length <= L.paramsSchemaMaxBytes, {
    message: `must be at most ${L.paramsSchemaMaxBytes} bytes of JSON`,
  }).optional(),
})
export type TActionDescriptor = z.infer<typeof ZActionDescriptor>

/** socket.io handshake `auth` payload. */
export const ZDeviceAuth = z.object({ token: z.string().min(1).max(L.tokenMaxLength) })

export const ZHello = z.strictObject({
  protocol: z.literal(PROTOCOL_VERSION),
  agentVersion: z.string().min(1).max(50),
  name: z.string().trim().min(1).max(L.nameMaxLength).optional(),
  tags: z.array(ZTag).max(L.maxTags).default([]),
  actions: z
    .array(ZActionDescriptor)
    .min(1)
    .max(L.maxActions)
    .refine((a) => new Set(a.map((x) => x.name)).size === a.length, {
      message: 'action names must be unique',
    }),
  maxConcurrency: z.number().int().min(1).max(L.maxConcurrency),
  /** Commands still executing on the agent (after a reconnect). */
  running: z.array(ZCommandId).max(L.maxReportedCommands).default([]),
  /** Commands the agent finished while disconnected; it sends their `command:result` right after the hello ack. */
  finished: z.array(ZCommandId).max(L.maxReportedCommands).default([]),
  host: z
    .strictObject({
      hostname: z.string().max(255).optional(),
      platform: z.string().max(50).optional(),
      arch: z.string().max(50).optional(),
    })
    .optional(),
}).superRefine((hello, ctx) => {
  // PostgreSQL text cannot hold U+0000 or lone surrogates: refuse them here, naming the field,
  // rather than failing the write.
  for (const found of findJsonProblems(hello))
    ctx.addIssue({ code: 'custom', path: found.path, message: found.message })
})
export type THello = z.input<typeof ZHello>

export const ZHelloReply = z.object({
  deviceId: z.string(),
  name: z.string(),
  heartbeatMs: z.number().int(),
  draining: z.boolean(),
})
export type THelloReply = z.infer<typeof ZHelloReply>

export const ZHeartbeat = z.strictObject({ load: z.number().int().min(0).max(L.maxLoad) })
export type THeartbeat = z.infer<typeof ZHeartbeat>

export const ZCommandRun = z.object({
  commandId: ZCommandId,
  action: z.string(),
  params: ZJsonObject,
  /** Milliseconds the step allows; the agent may stop the action after it. Null: no limit given. */
  timeoutMs: z.number().int().positive().nullable(),
})
export type TCommandRun = z.infer<typeof ZCommandRun>

export const ZCommandCancel = z.object({ commandId: ZCommandId, reason: z.string() })
export type TCommandCancel = z.infer<typeof ZCommandCancel>

export const ZCommandRef = z.strictObject({ commandId: ZCommandId })

export const ZCommandProgress = z.strictObject({
  commandId: ZCommandId,
  percent: z.number().min(0).max(100).optional(),
  message: z.string().max(L.progressMessageMaxLength).optional(),
})
export type TCommandProgress = z.infer<typeof ZCommandProgress>

export const LOG_STREAMS = ['stdout', 'stderr', 'info'] as const
export const ZCommandLog = z.strictObject({
  commandId: ZCommandId,
  stream: z.enum(LOG_STREAMS),
  lines: z.array(z.string().max(L.logLineMaxLength)).min(1).max(L.maxLogLinesPerMessage),
})
export type TCommandLog = z.infer<typeof ZCommandLog>

export const ZStepError = z.strictObject({
  code: z.string().min(1).max(L.errorCodeMaxLength),
  message: z.string().max(L.errorMessageMaxLength),
  retryable: z.boolean(),
})

export const ZCommandResult = z.discriminatedUnion('ok', [
  z.strictObject({ commandId: ZCommandId, ok: z.literal(true), output: z.unknown() }),
  z.strictObject({ commandId: ZCommandId, ok: z.literal(false), error: ZStepError }),
])
export type TCommandResult = z.infer<typeof ZCommandResult>

/** Error codes in `{ error }` acks and `device:error` events. */
export const PROTOCOL_ERROR_CODES = [
  'invalid_message',
  'hello_required',
  'unknown_command',
  'unknown_action',
  'invalid_params',
  'revoked',
  'replaced',
  'invalid_output',
  'internal_error',
] as const
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number]
export type ProtocolError = { code: ProtocolErrorCode | (string & {}); message: string }

/** Every ack is `{ data }` or `{ error }`. */
export type Ack<T> = { data: T } | { error: ProtocolError }
export type AckCallback<T> = (reply: Ack<T>) => void

/** Connection refusals arrive as `connect_error` with `err.message` = code and `err.data` = ProtocolError. */
export const CONNECT_ERROR_CODES = ['missing_token', 'invalid_token'] as const

export interface DeviceServerToClientEvents {
  'command:run': (command: TCommandRun, ack: AckCallback<{ accepted: true; duplicate?: boolean }>) => void
  'command:cancel': (cancel: TCommandCancel, ack: AckCallback<{ cancelled: boolean }>) => void
  'device:drain': (state: { draining: boolean }) => void
  'device:error': (error: ProtocolError) => void
}

export interface DeviceClientToServerEvents {
  'device:hello': (hello: THello, ack: AckCallback<THelloReply>) => void
  'device:heartbeat': (beat: THeartbeat, ack?: AckCallback<{ draining: boolean }>) => void
  'command:started': (ref: { commandId: string }, ack?: AckCallback<{ recorded: boolean }>) => void
  'command:progress': (progress: TCommandProgress, ack?: AckCallback<{ recorded: boolean }>) => void
  'command:log': (log: TCommandLog, ack?: AckCallback<{ recorded: boolean }>) => void
  'command:result': (
    result: TCommandResult,
    ack: AckCallback<{ applied: boolean; duplicate?: boolean }>,
  ) => void
}

/** A zod error as one line naming each field, for error acks. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'message'}: ${i.message}`)
    .join('; ')
}
