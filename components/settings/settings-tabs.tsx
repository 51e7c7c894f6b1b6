'use client'
// The settings sub-navigation, showing only the pages the signed-in role can use.
import Link from 'next/link'
import { useCan } from '@/components/auth/use-auth-status'
import styles from './settings.module.css'

export function SettingsTabs() {
  const canAdminister = useCan('users.list')
  const canSeeSecrets = useCan('secrets.list')
  return (
    <nav className={styles.tabs} aria-label="Settings">
      <Link href="/settings/tokens">API tokens</Link>
      {canSeeSecrets ? <Link href="/settings/secrets">Secrets</Link> : null}
      {canAdminister ? <Link href="/settings/users">Users</Link> : null}
      {canAdminister ? <Link href="/settings/audit">Audit log</Link> : null}
    </nav>
  )
}
