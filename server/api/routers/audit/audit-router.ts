// The audit log, read-only: `audit.list`. Entries are written by the tRPC middleware and login.
import { router } from '../../trpc'
import { listAuditEventsProcedure } from './list-audit-events'

export const auditRouter = router({ list: listAuditEventsProcedure })
