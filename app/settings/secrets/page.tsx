import { SecretsSettings } from '@/components/settings/secrets-settings'

export const metadata = { title: 'Secrets · Relayflow' }

export default function Page() {
  return <SecretsSettings />
}
