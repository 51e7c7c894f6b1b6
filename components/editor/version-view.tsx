'use client'
// A read-only canvas of one saved version, or a comparison of two: on one canvas (overlay), or
// side by side, old | new, with added, changed and removed steps marked on both.
import { MiniMap } from '@xyflow/react'
import { useMemo, useState } from 'react'
import type { CanvasNode, FlowEdge, WorkflowDoc } from '@/components/canvas/canvas-types'
import { minimapColor } from '@/components/canvas/canvas-settings'
import { ReadOnlyCanvas } from '@/components/canvas/read-only-canvas'
import { versionGraph, type ReadOnlyGraph } from '@/components/canvas/read-only-graph'
import { IssueStore, IssueStoreContext } from './issue-store'
import { nodeTypes } from './nodes/node-types'
import { compareVersions } from './version-graphs'

export type VersionView =
  | { kind: 'version'; version: number; doc: WorkflowDoc }
  | { kind: 'compare'; before: number; after: number; beforeDoc: WorkflowDoc; afterDoc: WorkflowDoc }

function ReadOnlyFlow({ graph, label, minimap }: { graph: ReadOnlyGraph; label: string; minimap?: boolean }) {
  return (
    <ReadOnlyCanvas<CanvasNode, FlowEdge>
      nodes={graph.nodes}
      edges={graph.edges}
      nodeTypes={nodeTypes}
      elementsSelectable={false}
      aria-label={label}
    >
      {minimap ? <MiniMap pannable zoomable nodeColor={minimapColor} /> : null}
    </ReadOnlyCanvas>
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
