// The permission matrix: the least role each tRPC procedure needs, keyed by its path. Enforced
// once, by the middleware in server/api/trpc.ts. A path missing here needs admin, so a new
// procedure is closed until someone decides who may call it.
import { isRoleAtLeast, type Role } from './roles'

/** Callable without signing in: first-start setup, login and asking who you are. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  'auth.status',
  'auth.setup',
  'auth.login',
  'auth.logout',
])

/**
 * Account management needs a person signed in to the web app, never an API token, whatever its
 * role: a leaked admin token must not mint accounts (with a known password) or tokens that outlive
 * its own revocation, nor raise anyone's role. Tokens may still revoke tokens and read users.
 */
export const PERSON_ONLY_PATHS: ReadonlySet<string> = new Set([
  'users.create',
  'users.update',
  'users.delete',
  'users.resetPassword',
  'apiTokens.create',
])

const VIEWER: Role = 'viewer'
const OPERATOR: Role = 'operator'
const EDITOR: Role = 'editor'
const ADMIN: Role = 'admin'

export const PERMISSIONS: Readonly<Record<string, Role>> = {
  'workflows.list': VIEWER,
  'workflows.get': VIEWER,
  'workflows.export': VIEWER,
  'workflows.validate': VIEWER,
  'workflows.create': EDITOR,
  'workflows.update': EDITOR,
  'workflows.archive': EDITOR,
  'workflows.delete': EDITOR,
  'workflows.duplicate': EDITOR,
  'workflows.import': EDITOR,

  'versions.list': VIEWER,
  'versions.get': VIEWER,
  'versions.restore': EDITOR,

  'templates.list': VIEWER,
  'templates.get': VIEWER,
  'templates.createFromWorkflow': EDITOR,
  'templates.instantiate': EDITOR,

  'runs.get': VIEWER,
  'runs.list': VIEWER,
  'runs.page': VIEWER,
  'runs.events': VIEWER,
  'runs.statuses': VIEWER,
  'runs.wait': VIEWER,
  'runs.workflowSummary': VIEWER,
  'runs.stepCommands': VIEWER,
  'runs.stepLogs': VIEWER,
  'runs.start': OPERATOR,
  'runs.cancel': OPERATOR,
  'runs.resume': OPERATOR,
  'runs.rerun': OPERATOR,
  'runs.testStep': OPERATOR,

  'triggers.webhooks.get': VIEWER,
  'triggers.webhooks.deliveries': VIEWER,
  'triggers.webhooks.enable': EDITOR,
  'triggers.webhooks.rotate': EDITOR,
  'triggers.webhooks.disable': EDITOR,
  'triggers.schedules.list': VIEWER,
  'triggers.schedules.fires': VIEWER,
  'triggers.schedules.create': EDITOR,
  'triggers.schedules.update': EDITOR,
  'triggers.schedules.delete': EDITOR,

  'devices.list': VIEWER,
  'devices.get': VIEWER,
  'devices.commandLogs': VIEWER,
  'devices.actions': VIEWER,
  'devices.drain': OPERATOR,
  'devices.createToken': ADMIN,
  'devices.revoke': ADMIN,

  'monitoring.snapshot': VIEWER,
  'monitoring.series': VIEWER,
  'monitoring.rules': VIEWER,
  'monitoring.alertHistory': VIEWER,
  'monitoring.anomalies': VIEWER,
  'monitoring.analyzeWorkflow': VIEWER,
  'monitoring.createRule': ADMIN,
  'monitoring.updateRule': ADMIN,
  'monitoring.deleteRule': ADMIN,

  'analytics.*': VIEWER,

  // Everyone manages their own tokens; a token's role never exceeds its creator's.
  'apiTokens.list': VIEWER,
  'apiTokens.create': VIEWER,
  'apiTokens.revoke': VIEWER,

  // Editors see secret names to reference them; only admins create, rotate or delete values.
  'secrets.list': EDITOR,
  'secrets.create': ADMIN,
  'secrets.rotate': ADMIN,
  'secrets.delete': ADMIN,

  'users.*': ADMIN,
  'audit.*': ADMIN,
}

/** The least role a procedure needs: exact path, then `namespace.*`, else admin. */
export function requiredRole(path: string): Role {
  const exact = PERMISSIONS[path]
  if (exact) return exact
  const dot = path.indexOf('.')
  const wildcard = dot > 0 ? PERMISSIONS[`${path.slice(0, dot)}.*`] : undefined
  return wildcard ?? ADMIN
}

export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.has(path)
}

/** True when `role` may call the procedure at `path`. */
export function canCall(role: Role, path: string): boolean {
  return isPublicPath(path) || isRoleAtLeast(role, requiredRole(path))
}
