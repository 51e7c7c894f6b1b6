'use client'
// A read-only canvas of one saved version, or a comparison of two: on one canvas (overlay), or
// side by side, old | new, with added, changed and removed steps marked on both.
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react'
import { useMemo, useState } from 'react'
import { minimapColor } from './canvas'
import type { CanvasNode, FlowEdge, WorkflowDoc } from './editor-types'
import { IssueStore, IssueStoreContext } from './issue-store'
import { nodeTypes } from './nodes/node-types'
import { compareVersions, versionGraph, type ReadOnlyGraph } from './version-graphs'

export type VersionView =
  | { kind: 'version'; version: number; doc: WorkflowDoc }
  | { kind: 'compare'; before: number; after: number; beforeDoc: WorkflowDoc; afterDoc: WorkflowDoc }

const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.2 }
const PRO_OPTIONS = { hideAttribution: true }

function ReadOnlyFlow({ graph, label, minimap }: { graph: ReadOnlyGraph; label: string; minimap?: boolean }) {
  return (
    <div className="editor-canvas is-readonly">
      <ReactFlowProvider>
        <ReactFlow<CanvasNode, FlowEdge>
          nodes={graph.nodes}
          edges={graph.edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={FIT_VIEW_OPTIONS}
          minZoom={0.1}
          proOptions={PRO_OPTIONS}
          aria-label={label}
        >
          <Background gap={16} />
          <Controls showInteractive={false} />
          {minimap ? <MiniMap pannable zoomable nodeColor={minimapColor} /> : null}
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  )
}

function CompareView({ view }: { view: Extract<VersionView, { kind: 'compare' }> }) {
  const [layout, setLayout] = useState<'overlay' | 'side-by-side'>('overlay')
  const comparison = useMemo(() => compareVersions(view.beforeDoc, view.afterDoc), [view])
  return (
    <>
      <div className="diff-bar">
        <p className="diff-summary" aria-label="Changes">
          <span className="diff-key diff-added">added</span>{' '}
          <span className="diff-key diff-changed">changed</span>{' '}
          <span className="diff-key diff-removed">removed</span> — {comparison.summary}
        </p>
        <div className="button-group" role="group" aria-label="Compare layout">
          <button type="button" aria-pressed={layout === 'overlay'} onClick={() => setLayout('overlay')}>
            One canvas
          </button>
          <button
            type="button"
            aria-pressed={layout === 'side-by-side'}
            onClick={() => setLayout('side-by-side')}
          >
            Side by side
          </button>
        </div>
      </div>
      {layout === 'overlay' ? (
        <ReadOnlyFlow graph={comparison.overlay} label="Version canvas (read-only)" minimap />
      ) : (
        <div className="compare-sides">
          <section aria-label={`v${view.before} (before)`}>
            <h3>v{view.before} · before</h3>
            <ReadOnlyFlow graph={comparison.before} label={`v${view.before} canvas (read-only)`} />
          </section>
          <section aria-label={`v${view.after} (after)`}>
            <h3>v{view.after} · after</h3>
            <ReadOnlyFlow graph={comparison.after} label={`v${view.after} canvas (read-only)`} />
          </section>
        </div>
      )}
    </>
  )
}

function SingleVersion({ doc }: { doc: WorkflowDoc }) {
  const graph = useMemo(() => versionGraph(doc), [doc])
  return <ReadOnlyFlow graph={graph} label="Version canvas (read-only)" minimap />
}

export function VersionCanvas({ view }: { view: VersionView }) {
  const [store] = useState(() => new IssueStore())
  return (
    <IssueStoreContext.Provider value={store}>
      {view.kind === 'compare' ? <CompareView view={view} /> : <SingleVersion doc={view.doc} />}
    </IssueStoreContext.Provider>
  )
}
