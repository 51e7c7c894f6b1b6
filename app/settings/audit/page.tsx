import { AuditLogView } from '@/components/settings/audit-log-view'

export const metadata = { title: 'Audit log · Relayflow' }

export default function Page() {
  return <AuditLogView />
}
