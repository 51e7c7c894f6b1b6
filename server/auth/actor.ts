// Who is calling: a signed-in user, an API token, the system itself (tests, internal callers),
// or nobody. Procedures and the audit log read it from the context.
import type { Role } from './roles'

export type Actor =
  | { kind: 'user'; userId: string; email: string; name: string; role: Role; sessionHash: string }
  | { kind: 'token'; tokenId: string; tokenName: string; userId: string; email: string; role: Role }
  | { kind: 'system'; name: string; role: 'admin' }

export const SYSTEM_ACTOR: Actor = { kind: 'system', name: 'system', role: 'admin' }

/** The user an actor acts for, if any (system actors act for nobody). */
export function actorUserId(actor: Actor | undefined): string | undefined {
  return actor && actor.kind !== 'system' ? actor.userId : undefined
}

export function actorLabel(actor: Actor | undefined): string {
  if (!actor) return 'anonymous'
  if (actor.kind === 'user') return actor.email
  if (actor.kind === 'token') return `${actor.email} (token ${actor.tokenName})`
  return actor.name
}
