import '@xyflow/react/dist/style.css'
import { RunView } from '@/components/runs/run-view'

export const metadata = { title: 'Run · Relayflow' }

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <RunView id={id} />
}
