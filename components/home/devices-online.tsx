'use client'
// How many devices are connected now (online, busy or draining) and the first few of them.
import Link from 'next/link'
import { StatusBadge } from '@/components/fleet/status-badge'
import type { ZListDevicesOutput } from '@/server/api/routers/devices/list-devices.types'
import type { z } from 'zod'
import { HomePanel } from './home-panel'
import styles from './home.module.css'

type Device = z.infer<typeof ZListDevicesOutput>['items'][number]

const SHOWN = 5
/** devices.list returns at most this many, connected ones first. */
const LIST_CAP = 1000

export function DevicesOnline({ devices }: { devices: Device[] | undefined }) {
  const connected = (devices ?? []).filter((d) => d.status !== 'offline')
  const count = connected.length >= LIST_CAP ? `${LIST_CAP}+` : String(connected.length)
  return (
    <HomePanel
      id="home-devices"
      title="Devices online"
      aside={
        <span className={styles.count} data-testid="devices-online-count">
          {devices ? count : '…'}
        </span>
      }
    >
      {devices && connected.length === 0 ? (
        <p className="muted">No device is connected. Start an agent with a token from the Devices page.</p>
      ) : null}
      <ul className={styles.list} aria-label="Devices online">
        {connected.slice(0, SHOWN).map((d) => (
          <li key={d.id}>
            <span className={styles.grow} title={d.name}>
              {d.name}
            </span>
            <StatusBadge status={d.status} />
            <span className="muted">
              {d.running}/{d.maxConcurrency}
            </span>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/devices">{connected.length > SHOWN ? `All ${count} devices →` : 'Fleet →'}</Link>
      </p>
    </HomePanel>
  )
}
