'use client'
// A run-view edge: highlighted once the run went along it, faded once its source ended the other
// way. It subscribes to its source step only.
import { BaseEdge, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react'
import { memo } from 'react'
import type { FlowEdge } from '@/components/canvas/canvas-types'
import { isTerminalStepStatus } from '@/server/engine/run/run-status'
import { useLiveStep } from '@/components/live/use-live-run'
import { useRunStore } from '@/components/canvas/run-store-context'
import { isEdgeTaken } from '@/components/canvas/step-status'

const TAKEN_COLOUR: Record<string, string> = {
  success: '#16a34a',
  failure: '#dc2626',
  always: '#475569',
  true: '#16a34a',
  false: '#9333ea',
}

export const RunEdge = memo(function RunEdge(props: EdgeProps<FlowEdge>) {
  const source = useLiveStep(useRunStore(), props.source)
  const kind = props.data?.kind ?? 'success'
  const taken = isEdgeTaken(kind, source)
  const untaken = !taken && source !== undefined && isTerminalStepStatus(source.status)
  const [path, labelX, labelY] = getBezierPath(props)
  const style = taken
    ? { stroke: TAKEN_COLOUR[kind], strokeWidth: 3 }
    : untaken
      ? { opacity: 0.3 }
      : { strokeDasharray: source?.status === 'running' ? '6 4' : undefined }
  return (
    <BaseEdge
      id={props.id}
      path={path}
      markerEnd={props.markerEnd}
      label={taken ? `${kind} ✓` : kind}
      labelX={labelX}
      labelY={labelY}
      style={style}
      className={taken ? 'is-taken' : untaken ? 'is-untaken' : undefined}
      data-taken={taken ? 'true' : 'false'}
    />
  )
})

export const runEdgeTypes: EdgeTypes = { run: RunEdge }
