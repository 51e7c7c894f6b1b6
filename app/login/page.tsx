import { LoginForm } from '@/components/auth/login-form'

export const metadata = { title: 'Sign in · Relayflow' }

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const next = (await searchParams).next
  return <LoginForm next={typeof next === 'string' ? next : undefined} />
}
