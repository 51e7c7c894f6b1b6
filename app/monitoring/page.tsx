import { MonitoringPage } from '@/components/monitoring/monitoring-page'

export const metadata = { title: 'Monitoring · Relayflow' }

export default function MonitoringRoute() {
  return <MonitoringPage />
}
