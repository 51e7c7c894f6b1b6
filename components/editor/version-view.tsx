'use client'
// A read-only canvas of one saved version, or of a comparison: the later version with added
// and changed steps highlighted and removed steps shown faded where they were.
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react'
import { useMemo, useState } from 'react'
import { minimapColor } from './canvas'
import { diffWorkflows } from './diff-workflows'
import type { FlowEdge, StepNode, WorkflowDoc } from './editor-types'
import { documentToEdges, documentToNodes, prepareDocument } from './flow-document'
import { IssueStore, IssueStoreContext } from './issue-store'
import { nodeTypes } from './nodes/node-types'

export type VersionView =
  | { kind: 'version'; version: number; doc: WorkflowDoc }
  | { kind: 'compare'; before: number; after: number; beforeDoc: WorkflowDoc; afterDoc: WorkflowDoc }

const NONE = new Set<string>()
const NO_SIZES = new Map()

function viewGraph(view: VersionView): { nodes: StepNode[]; edges: FlowEdge[]; summary?: string } {
  if (view.kind === 'version') {
    const doc = prepareDocument(view.doc)
    return { nodes: documentToNodes(doc.steps, NONE, NO_SIZES, new Map()), edges: documentToEdges(doc.steps, NONE, new Map()) }
  }
  const before = prepareDocument(view.beforeDoc)
  const after = prepareDocument(view.afterDoc)
  const diff = diffWorkflows(before, after)
  const removed = before.steps.filter((s) => diff.steps.get(s.id) === 'removed')
  const nodes = documentToNodes([...after.steps, ...removed], NONE, NO_SIZES, new Map()).map((n) => ({
    ...n,
    className: `diff-${diff.steps.get(n.id) ?? 'unchanged'}`,
  }))
  const summary = [
    `${diff.added.length} added${diff.added.length ? ` (${diff.added.join(', ')})` : ''}`,
    `${diff.changed.length} changed${diff.changed.length ? ` (${diff.changed.join(', ')})` : ''}`,
    `${diff.removed.length} removed${diff.removed.length ? ` (${diff.removed.join(', ')})` : ''}`,
  ].join(' · ')
  return { nodes, edges: documentToEdges(after.steps, NONE, new Map()), summary }
}

export function VersionCanvas({ view }: { view: VersionView }) {
  const [store] = useState(() => new IssueStore())
  const { nodes, edges, summary } = useMemo(() => viewGraph(view), [view])
  return (
    <IssueStoreContext.Provider value={store}>
      {summary ? (
        <p className="diff-summary" aria-label="Changes">
          <span className="diff-key diff-added">added</span> <span className="diff-key diff-changed">changed</span>{' '}
          <span className="diff-key diff-removed">removed</span> — {summary}
        </p>
      ) : null}
      <div className="editor-canvas is-readonly">
        <ReactFlowProvider>
          <ReactFlow<StepNode, FlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            fitView
            fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
            minZoom={0.1}
            proOptions={{ hideAttribution: true }}
            aria-label="Version canvas (read-only)"
          >
            <Background gap={16} />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable nodeColor={minimapColor} />
          </ReactFlow>
        </ReactFlowProvider>
      </div>
    </IssueStoreContext.Provider>
  )
}
