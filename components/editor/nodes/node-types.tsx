'use client'
// The canvas node of every step type: the shared shell with the key parameters the type's
// definition summarizes, plus the sticky note. The map is built once at module scope so React
// Flow never sees a new nodeTypes object.
import type { NodeProps, NodeTypes } from '@xyflow/react'
import { memo } from 'react'
import { getStepType, stepTypes } from '@/steps/registry'
import type { StepNode as StepNodeType } from '@/components/canvas/canvas-types'
import { NoteNode } from './note-node'
import { Param, StepNodeShell } from './step-node-shell'

export const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepNodeType>) {
  const lines = getStepType(data.step.type)?.summary?.(data.step) ?? []
  return (
    <StepNodeShell step={data.step} selected={selected}>
      {lines.map((line) => (
        <Param key={line.label} label={line.label} value={line.value} />
      ))}
    </StepNodeShell>
  )
})

export const UnknownNode = memo(function UnknownNode({ data, selected }: NodeProps<StepNodeType>) {
  return <StepNodeShell step={data.step} selected={selected} />
})

export const nodeTypes: NodeTypes = {
  ...Object.fromEntries(stepTypes.map((definition) => [definition.type, StepNode])),
  unknown: UnknownNode,
  note: NoteNode,
}
