import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { UserMenu } from '@/components/auth/user-menu'
import { AlertBell } from '@/components/monitoring/alert-bell'
import { ApiProvider } from '@/components/trpc-provider'
import './globals.css'

export const metadata: Metadata = {
  title: 'Relayflow',
  description: 'Visual workflows with a durable runner for fleets of devices',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ApiProvider>
          <header className="topbar">
            <Link href="/" className="brand">
              Relayflow
            </Link>
            <nav aria-label="Main">
              <Link href="/workflows">Workflows</Link>
              <Link href="/templates">Templates</Link>
              <Link href="/runs">Runs</Link>
              <Link href="/devices">Devices</Link>
              <Link href="/monitoring">Monitoring</Link>
              <Link href="/analytics">Analytics</Link>
            </nav>
            <AlertBell />
            <UserMenu />
          </header>
          <main className="page">{children}</main>
        </ApiProvider>
      </body>
    </html>
  )
}
