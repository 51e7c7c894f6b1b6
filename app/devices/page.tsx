import { FleetPage } from '@/components/fleet/fleet-page'

export const metadata = { title: 'Devices · Relayflow' }

export default function DevicesPage() {
  return <FleetPage />
}
