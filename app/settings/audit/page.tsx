import { RequirePermission } from '@/components/auth/require-permission'
import { AuditLogView } from '@/components/settings/audit-log-view'

export const metadata = { title: 'Audit log · Relayflow' }

export default function Page() {
  return (
    <RequirePermission path="audit.list" reason="Only admins read the audit log.">
      <AuditLogView />
    </RequirePermission>
  )
}
