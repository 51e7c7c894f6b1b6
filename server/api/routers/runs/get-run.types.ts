import { z } from 'zod'
import { ZDefinitionOutput } from '../shared.types'
import { ZExecutionStatus, ZRunId, ZStepStatus, ZRunKind } from './run.types'

export const ZGetRunInput = z.object({ id: ZRunId })

export const ZRunStep = z.object({
  stepId: z.string(),
  status: ZStepStatus,
  attempt: z.number().int(),
  interruptions: z.number().int(),
  runAt: z.date().nullable(),
  leaseOwner: z.string().nullable(),
  input: z.unknown(),
  output: z.unknown(),
  error: z.unknown(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
})

export const ZGetRunOutput = z.object({
  id: z.string(),
  workflowId: z.string().nullable(),
  workflowVersion: z.number().int(),
  status: ZExecutionStatus,
  trigger: z.string(),
  kind: ZRunKind,
  inputs: z.record(z.string(), z.unknown()),
  error: z.unknown(),
  /** Failed steps a failure-edge handler ran for; > 0 on a succeeded run means it succeeded with handled failures. */
  handledFailures: z.number().int(),
  rerunOf: z.string().nullable(),
  /** The workflow's `outputs`, evaluated when the run succeeded; null otherwise. */
  outputs: z.record(z.string(), z.unknown()).nullable(),
  /** The run whose `workflow` step started this one, if it is a child run. */
  parent: z.object({ runId: z.string(), stepId: z.string() }).nullable(),
  /** Child runs started by this run's `workflow` steps, oldest first (one per attempt). */
  children: z.array(z.object({ runId: z.string(), stepId: z.string(), status: ZExecutionStatus })),
  lastSeq: z.number().int(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  deadlineAt: z.date().nullable(),
  definition: ZDefinitionOutput,
  steps: z.array(ZRunStep),
})
