import { RequirePermission } from '@/components/auth/require-permission'
import { UsersSettings } from '@/components/settings/users-settings'

export const metadata = { title: 'Users · Relayflow' }

export default function Page() {
  return (
    <RequirePermission path="users.list" reason="Only admins manage users.">
      <UsersSettings />
    </RequirePermission>
  )
}
