import { UsersSettings } from '@/components/settings/users-settings'

export const metadata = { title: 'Users · Relayflow' }

export default function Page() {
  return <UsersSettings />
}
