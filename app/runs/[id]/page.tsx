import '@xyflow/react/dist/style.css'
import { EditorStepNodeTypes } from '@/components/editor/step-node-types-provider'
import { RunView } from '@/components/runs/run-view'

export const metadata = { title: 'Run · Relayflow' }

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  // The run's canvas draws the editor's step nodes; the page hands them over (see components/canvas).
  return (
    <EditorStepNodeTypes>
      <RunView id={id} />
    </EditorStepNodeTypes>
  )
}
