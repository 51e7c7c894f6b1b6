'use client'
// Run-view nodes: the editor's own step nodes, read-only, with a live status frame and badge
// laid over them. The wrapper is memoized and its props never change with the run's progress.
import type { NodeProps, NodeTypes } from '@xyflow/react'
import { memo, type ComponentType } from 'react'
import { nodeTypes as editorNodeTypes } from '@/components/editor/nodes/node-types'
import { ChildRunLink } from './child-run-link'
import { LiveStepBadge, LiveStepFrame } from './live-step-badge'
import styles from './run-canvas.module.css'

/** `fallback`: what a step shows before its first event; null shows nothing (a step the run lacks). */
function withLiveStatus(Inner: ComponentType<NodeProps>, fallback: 'pending' | null) {
  return memo(function RunStepNode(props: NodeProps) {
    return (
      <div className={styles.node} data-step-id={props.id}>
        <LiveStepFrame stepId={props.id} fallback={fallback} />
        <Inner {...props} />
        <div className={styles.badgeSlot}>
          <LiveStepBadge stepId={props.id} fallback={fallback} />
        </div>
        <ChildRunLink stepId={props.id} />
      </div>
    )
  })
}

export const runNodeTypes: NodeTypes = Object.fromEntries(
  Object.entries(editorNodeTypes)
    .filter(([type]) => type !== 'note')
    .map(([type, component]) => [type, withLiveStatus(component as ComponentType<NodeProps>, 'pending')]),
)

/** The editor's node types with the last run's statuses laid over steps; notes stay as they are. */
export const overlayNodeTypes: NodeTypes = Object.fromEntries(
  Object.entries(editorNodeTypes).map(([type, component]) => [
    type,
    type === 'note' ? component : withLiveStatus(component as ComponentType<NodeProps>, null),
  ]),
)
