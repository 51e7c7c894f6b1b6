import { ApiTokensSettings } from '@/components/settings/api-tokens-settings'

export const metadata = { title: 'API tokens · Relayflow' }

export default function Page() {
  return <ApiTokensSettings />
}
