'use client'
// Step nodes with a live status frame and badge laid over them, for the run view and the
// editor's "last run" overlay. The wrapper is memoized and its props never change with the
// run's progress: statuses come from the RunStoreContext, never from node data.
import type { NodeProps, NodeTypes } from '@xyflow/react'
import { memo, type ComponentType } from 'react'
import { LiveStepBadge, LiveStepFrame } from './live-step-badge'
import { StepNodeExtra } from './step-node-extra'
import styles from './live-status.module.css'

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
        <StepNodeExtra stepId={props.id} />
      </div>
    )
  })
}

/** The run view's node types: every step type of `stepNodeTypes` framed, pending until its first event. */
export function runNodeTypesOf(stepNodeTypes: NodeTypes): NodeTypes {
  return Object.fromEntries(
    Object.entries(stepNodeTypes)
      .filter(([type]) => type !== 'note')
      .map(([type, component]) => [type, withLiveStatus(component as ComponentType<NodeProps>, 'pending')]),
  )
}

/** `nodeTypes` with the last run's statuses laid over steps; notes stay as they are. */
export function overlayNodeTypesOf(nodeTypes: NodeTypes): NodeTypes {
  return Object.fromEntries(
    Object.entries(nodeTypes).map(([type, component]) => [
      type,
      type === 'note' ? component : withLiveStatus(component as ComponentType<NodeProps>, null),
    ]),
  )
}
