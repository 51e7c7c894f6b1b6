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

function DeviceChoice({
  action,
  value,
  onChange,
}: {
  action: string
  value: string
  onChange: (id: string) => void
}) {
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

function SampleFields({
  ids,
  texts,
  onText,
}: {
  ids: string[]
  texts: Record<string, string>
  onText: (id: string, text: string) => void
}) {
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
  if (source === 'sample')
    return Object.fromEntries(ids.map((id) => [id, parseJson(`The output of "${id}"`, texts[id] ?? '')]))
  const run = await lastRun()
  if (!run) throw new Error('This workflow has no run yet; type sample data instead.')
  return Object.fromEntries(run.steps.filter((s) => ids.includes(s.stepId)).map((s) => [s.stepId, s.output]))
}

function UpstreamSourceChoice({ source, onSource }: { source: Source; onSource: (source: Source) => void }) {
  return (
    <fieldset className="field">
      <legend>Upstream outputs</legend>
      <label>
        <input type="radio" checked={source === 'sample'} onChange={() => onSource('sample')} /> Sample data
      </label>{' '}
      <label>
        <input type="radio" checked={source === 'last-run'} onChange={() => onSource('last-run')} /> From the
        last run
      </label>
    </fieldset>
  )
}

/** What the form holds: where upstream outputs come from, the typed samples, run inputs and device. */
function useTestForm() {
  const [source, setSource] = useState<Source>('sample')
  const [texts, setTexts] = useState<Record<string, string>>({})
  const [inputsText, setInputsText] = useState('{}')
  const [deviceId, setDeviceId] = useState('')
  const setText = (id: string, text: string) => setTexts((t) => ({ ...t, [id]: text }))
  return { source, setSource, texts, setText, inputsText, setInputsText, deviceId, setDeviceId }
}

type TestForm = ReturnType<typeof useTestForm>

/** The ids of the steps upstream of `stepId`, in document order. */
function useUpstreamIds(doc: WorkflowDoc, stepId: string): string[] {
  return useMemo(() => {
    const found = upstreamOf(buildGraph(doc), stepId)
    return doc.steps.map((s) => s.id).filter((id) => found.has(id))
  }, [doc, stepId])
}

/** Starts the test run: the editor's document, the step, the run inputs and the upstream outputs. */
function useStepTest(
  workflowId: string,
  doc: WorkflowDoc,
  stepId: string,
  form: TestForm,
  upstream: string[],
) {
  const client = useTRPCClient()
  const lastRun = async () => {
    const summary = await client.runs.workflowSummary.query({ workflowId, recent: 1 })
    return summary.lastRun ? client.runs.get.query({ id: summary.lastRun.id }) : null
  }
  return useMutation({
    mutationFn: async () =>
      client.runs.testStep.mutate({
        workflowId,
        document: doc,
        stepId,
        inputs: parseJson('The run inputs', form.inputsText) as Record<string, unknown>,
        upstream: await upstreamFor(form.source, upstream, form.texts, lastRun),
        ...(form.deviceId ? { deviceId: form.deviceId } : {}),
      }),
  })
}

type TestStepProps = { workflowId: string; doc: WorkflowDoc; step: StepDoc }

function TestStepForm({ workflowId, doc, step }: TestStepProps) {
  const renderResult = useContext(TestResultViewContext)
  const onOutput = useCallback(
    (output: unknown) => rememberTestedOutput(workflowId, step.id, output),
    [workflowId, step.id],
  )
  const form = useTestForm()
  const upstream = useUpstreamIds(doc, step.id)
  const test = useStepTest(workflowId, doc, step.id, form, upstream)
  const action = step.type === 'command' && typeof step.action === 'string' ? step.action : undefined
  return (
    <section className="inspector test-step" aria-label="Test step">
      <h3>Test step</h3>
      <UpstreamSourceChoice source={form.source} onSource={form.setSource} />
      {form.source === 'sample' ? (
        <SampleFields ids={upstream} texts={form.texts} onText={form.setText} />
      ) : null}
      <label className="field">
        <span>Run inputs (JSON)</span>
        <textarea
          className="mono"
          rows={2}
          aria-label="Test run inputs"
          value={form.inputsText}
          onChange={(e) => form.setInputsText(e.target.value)}
        />
      </label>
      {action ? <DeviceChoice action={action} value={form.deviceId} onChange={form.setDeviceId} /> : null}
      <button type="button" className="primary" disabled={test.isPending} onClick={() => test.mutate()}>
        {test.isPending ? 'Starting…' : 'Run test'}
      </button>
      {test.error ? <ApiError error={test.error} title="The test did not start" /> : null}
      {test.data
        ? (renderResult?.({ executionId: test.data.executionId, stepId: step.id, onOutput }) ?? (
            <p>Test run {test.data.executionId}</p>
          ))
        : null}
    </section>
  )
}

/** Closed until asked for: the form (and its queries) appear when "Test step" is pressed. */
export function TestStepPanel(props: TestStepProps) {
  const [open, setOpen] = useState(false)
  if (!open)
    return (
      <section className="inspector test-step" aria-label="Test step">
        <button type="button" onClick={() => setOpen(true)}>
          Test step
        </button>
      </section>
    )
  return <TestStepForm {...props} />
}
