// The four roles, ordered: each one can do everything the roles below it can.
import { z } from 'zod'

export const ROLES = ['viewer', 'operator', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const ZRole = z.enum(ROLES)

const RANK: Record<Role, number> = { viewer: 0, operator: 1, editor: 2, admin: 3 }

/** True when `role` includes everything `required` may do. */
export function isRoleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required]
}

/** The weaker of two roles: a token never acts above its owner's current role. */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
