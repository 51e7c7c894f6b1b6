import { SetupForm } from '@/components/auth/setup-form'

export const metadata = { title: 'Set up · Relayflow' }

export default function SetupPage() {
  return <SetupForm />
}
