'use client'
// "Test step" in the step inspector: runs the selected step of the editor's document through the
// runner (a test run, kept out of lists and analytics) with the run inputs and the upstream
// steps' outputs taken from the last run or typed in, on a chosen device for a command step.
import { useMutation, useQuery } from '@tanstack/react-query'
import { useCallback, useContext, useMemo, useState } from 'react'
import type { StepDoc, WorkflowDoc } from '@/components/canvas/canvas-types'
import { useTRPC, useTRPCClient } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { upstreamOf } from '@/server/engine/run/step-test-plan'
import { buildGraph } from '@/server/engine/workflow-graph'
import { TestResultViewContext } from '@/components/canvas/test-result-view'
import { rememberTestedOutput } from './use-tested-step-outputs'

type Source = 'last-run' | 'sample'

function parseJson(label: string, text: string): unknown {
  try {
    return text.trim() === '' ? null : (JSON.parse(text) as unknown)
  } catch {
    throw new Error(`${label} is not valid JSON.`)
  }
}

function DeviceChoice({ action, value, onChange }: { action: string; value: string; onChange: (id: string) => void }) {
  const trpc = useTRPC()
  const list = useQuery({ ...trpc.devices.list.queryOptions({}), staleTime: 10_000 })
  const offering = (list.data?.items ?? []).filter((d) => !d.revokedAt && d.capabilities.includes(action))
  return (
    <label className="field">
      <span>Device</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label="Test on device">
        <option value="">As the step targets</option>
        {offering.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name} ({d.status})
          </option>
        ))}
      </select>
    </label>
  )
}

function SampleFields({ ids, texts, onText }: { ids: string[]; texts: Record<string, string>; onText: (id: string, text: string) => void }) {
  if (ids.length === 0) return <p className="muted">This step has no upstream steps.</p>
  return (
    <>
      {ids.map((id) => (
        <label key={id} className="field">
          <span>
            Output of <code>{id}</code> (JSON)
          </span>
          <textarea
            className="mono"
            rows={3}
            aria-label={`Sample output of ${id}`}
            value={texts[id] ?? ''}
            placeholder="null"
            onChange={(e) => onText(id, e.target.value)}
          />
        </label>
      ))}
    </>
  )
}

/** The upstream outputs to send: the last run's for the upstream steps, or the typed sample data. */
async function upstreamFor(
  source: Source,
  ids: string[],
  texts: Record<string, string>,
  lastRun: () => Promise<{ steps: { stepId: string; output: unknown }[] } | null>,
): Promise<Record<string, unknown>> {
  if (source === 'sample') return Object.fromEntries(ids.map((id) => [id, parseJson(`The output of "${id}"`, texts[id] ?? '')]))
  const run = await lastRun()
  if (!run) throw new Error('This workflow has no run yet; type sample data instead.')
  return Object.fromEntries(run.steps.filter((s) => ids.includes(s.stepId)).map((s) => [s.stepId, s.output]))
}

export function TestStepPanel({ workflowId, doc, step }: { workflowId: string; doc: WorkflowDoc; step: StepDoc }) {
  const client = useTRPCClient()
  const renderResult = useContext(TestResultViewContext)
  const onOutput = useCallback((output: unknown) => rememberTestedOutput(workflowId, step.id, output), [workflowId, step.id])
  const [open, setOpen] = useState(false)
  const [source, setSource] = useState<Source>('sample')
  const [texts, setTexts] = useState<Record<string, string>>({})
  const [inputsText, setInputsText] = useState('{}')
  const [deviceId, setDeviceId] = useState('')
  const upstream = useMemo(() => {
    const found = upstreamOf(buildGraph(doc), step.id)
    return doc.steps.map((s) => s.id).filter((id) => found.has(id))
  }, [doc, step.id])
  const lastRun = async () => {
    const summary = await client.runs.workflowSummary.query({ workflowId, recent: 1 })
    return summary.lastRun ? client.runs.get.query({ id: summary.lastRun.id }) : null
  }
  const test = useMutation({
    mutationFn: async () =>
      client.runs.testStep.mutate({
        workflowId,
        document: doc,
        stepId: step.id,
        inputs: parseJson('The run inputs', inputsText) as Record<string, unknown>,
        upstream: await upstreamFor(source, upstream, texts, lastRun),
        ...(deviceId ? { deviceId } : {}),
      }),
  })
  const action = step.type === 'command' && typeof step.action === 'string' ? step.action : undefined
  if (!open)
    return (
      <section className="inspector test-step" aria-label="Test step">
        <button type="button" onClick={() => setOpen(true)}>
          Test step
        </button>
      </section>
    )
  return (
    <section className="inspector test-step" aria-label="Test step">
      <h3>Test step</h3>
      <fieldset className="field">
        <legend>Upstream outputs</legend>
        <label>
          <input type="radio" checked={source === 'sample'} onChange={() => setSource('sample')} /> Sample data
        </label>{' '}
        <label>
          <input type="radio" checked={source === 'last-run'} onChange={() => setSource('last-run')} /> From the last run
        </label>
      </fieldset>
      {source === 'sample' ? (
        <SampleFields ids={upstream} texts={texts} onText={(id, text) => setTexts((t) => ({ ...t, [id]: text }))} />
      ) : null}
      <label className="field">
        <span>Run inputs (JSON)</span>
        <textarea className="mono" rows={2} aria-label="Test run inputs" value={inputsText} onChange={(e) => setInputsText(e.target.value)} />
      </label>
      {action ? <DeviceChoice action={action} value={deviceId} onChange={setDeviceId} /> : null}
      <button type="button" className="primary" disabled={test.isPending} onClick={() => test.mutate()}>
        {test.isPending ? 'Starting…' : 'Run test'}
      </button>
      {test.error ? <ApiError error={test.error} title="The test did not start" /> : null}
      {test.data ? (renderResult?.({ executionId: test.data.executionId, stepId: step.id, onOutput }) ?? <p>Test run {test.data.executionId}</p>) : null}
    </section>
  )
}
