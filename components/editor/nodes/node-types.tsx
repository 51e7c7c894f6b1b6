'use client'
// One memoized node component per step type, each showing its key parameters, plus the sticky
// note. The map is built once at module scope so React Flow never sees a new nodeTypes object.
import type { NodeProps, NodeTypes } from '@xyflow/react'
import { memo } from 'react'
import type { StepDoc, StepNode } from '@/components/canvas/canvas-types'
import { FailNode } from './fail-node'
import { NoteNode } from './note-node'
import { summarizeOutput } from '../inspector/transform-output-edits'
import { Param, StepNodeShell } from './step-node-shell'

type Of<T extends string> = Extract<StepDoc, { type: T }>

function targetSummary(target: unknown): string | undefined {
  if (typeof target !== 'object' || target === null) return undefined
  const t = target as { deviceId?: string; selector?: { tags?: string[]; capabilities?: string[] }; strategy?: string }
  if (t.deviceId) return `device ${t.deviceId}`
  const parts = [...(t.selector?.tags ?? []).map((x) => `#${x}`), ...(t.selector?.capabilities ?? [])]
  const who = parts.length > 0 ? parts.join(' ') : 'any device'
  return t.strategy ? `${who} (${t.strategy})` : who
}

function waitSummary(wait: Of<'wait'>['wait'] | undefined): string | undefined {
  if (!wait || typeof wait !== 'object') return undefined
  if (wait.kind === 'duration') return `for ${String(wait.duration)}`
  if (wait.kind === 'until') return `until ${wait.until}`
  if (wait.kind === 'signal') return `signal "${wait.signal}"`
  return undefined
}

export const CommandNode = memo(function CommandNode({ data, selected }: NodeProps<StepNode>) {
  const step = data.step as Of<'command'>
  return (
    <StepNodeShell step={step} selected={selected}>
      <Param label="action" value={step.action} />
      <Param label="on" value={targetSummary(step.target)} />
    </StepNodeShell>
  )
})

export const ConditionNode = memo(function ConditionNode({ data, selected }: NodeProps<StepNode>) {
  const step = data.step as Of<'condition'>
  return (
    <StepNodeShell step={step} selected={selected}>
      <Param label="if" value={step.expression} />
    </StepNodeShell>
  )
})

export const ParallelNode = memo(function ParallelNode({ data, selected }: NodeProps<StepNode>) {
  const step = data.step as Of<'parallel'>
  const over = step.over === 'items' ? 'items' : 'devices'
  return (
    <StepNodeShell step={step} selected={selected}>
      <Param label="action" value={step.action} />
      <Param label="over" value={step.maxConcurrency ? `${over}, ${step.maxConcurrency} at once` : over} />
    </StepNodeShell>
  )
})

export const WaitNode = memo(function WaitNode({ data, selected }: NodeProps<StepNode>) {
  const step = data.step as Of<'wait'>
  return (
    <StepNodeShell step={step} selected={selected}>
      <Param label="wait" value={waitSummary(step.wait)} />
    </StepNodeShell>
  )
})

export const WebhookNode = memo(function WebhookNode({ data, selected }: NodeProps<StepNode>) {
  const step = data.step as Of<'webhook'>
  const request = step.request as Of<'webhook'>['request'] | undefined
  return (
    <StepNodeShell step={step} selected={selected}>
      <Param label={request?.method ?? 'request'} value={request?.url} />
    </StepNodeShell>
  )
})

export const TransformNode = memo(function TransformNode({ data, selected }: NodeProps<StepNode>) {
  const step = data.step as Of<'transform'>
  return (
    <StepNodeShell step={step} selected={selected}>
      <Param label="sets" value={summarizeOutput(step.output)} />
    </StepNodeShell>
  )
})

export const UnknownNode = memo(function UnknownNode({ data, selected }: NodeProps<StepNode>) {
  return <StepNodeShell step={data.step} selected={selected} />
})

export const nodeTypes: NodeTypes = {
  command: CommandNode,
  condition: ConditionNode,
  parallel: ParallelNode,
  wait: WaitNode,
  webhook: WebhookNode,
  transform: TransformNode,
  fail: FailNode,
  unknown: UnknownNode,
  note: NoteNode,
}
