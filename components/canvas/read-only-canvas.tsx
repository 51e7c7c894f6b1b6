'use client'
// A read-only canvas: nothing dragged or connected, fitted to the graph, zoom controls without
// the lock. Callers add node and edge types, selection handling and overlays as children.
import { Background, Controls, ReactFlow, ReactFlowProvider, type Edge, type Node, type ReactFlowProps } from '@xyflow/react'
import { FIT_VIEW_OPTIONS, GRID, MIN_ZOOM, PRO_OPTIONS } from './canvas-settings'

export function ReadOnlyCanvas<N extends Node, E extends Edge>({
  className,
  children,
  ...flow
}: ReactFlowProps<N, E> & { className?: string }) {
  return (
    <div className={`editor-canvas is-readonly${className ? ` ${className}` : ''}`}>
      <ReactFlowProvider>
        <ReactFlow<N, E>
          nodesDraggable={false}
          nodesConnectable={false}
          fitView
          fitViewOptions={FIT_VIEW_OPTIONS}
          minZoom={MIN_ZOOM}
          proOptions={PRO_OPTIONS}
          {...flow}
        >
          <Background gap={GRID} />
          <Controls showInteractive={false} />
          {children}
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  )
}
