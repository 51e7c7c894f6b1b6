import '@xyflow/react/dist/style.css'
import { WorkflowEditorPage } from '@/components/editor/workflow-editor-page'

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <WorkflowEditorPage id={id} />
}
