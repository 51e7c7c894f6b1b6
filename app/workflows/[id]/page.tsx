import '@xyflow/react/dist/style.css'
import { WorkflowEditorRoute } from '@/components/workflows/workflow-editor-route'

type SearchParams = Record<string, string | string[] | undefined>

export default async function WorkflowPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<SearchParams>
}) {
  const { id } = await params
  // `?version=N` (a run's header links to the version it ran) opens that version read-only.
  const version = Number((await searchParams).version)
  return <WorkflowEditorRoute id={id} openVersion={Number.isInteger(version) && version > 0 ? version : undefined} />
}
