import { WorkflowList } from '@/components/workflows/workflow-list'

export const metadata = { title: 'Workflows · Relayflow' }

export default function WorkflowsPage() {
  return <WorkflowList />
}
