'use client'
// The canvas node of a `fail` step: the error code it ends the run with; it has no outputs.
import type { NodeProps } from '@xyflow/react'
import { memo } from 'react'
import type { StepDoc, StepNode } from '@/components/canvas/canvas-types'
import { Param, StepNodeShell } from './step-node-shell'

export const FailNode = memo(function FailNode({ data, selected }: NodeProps<StepNode>) {
  const step = data.step as Extract<StepDoc, { type: 'fail' }>
  const error = step.error as Partial<typeof step.error> | undefined
  return (
    <StepNodeShell step={step} selected={selected}>
      <Param label="fails with" value={error?.code} />
    </StepNodeShell>
  )
})
