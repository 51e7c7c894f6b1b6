'use client'
// Workflow-level limits and failure handling: the run timeout, the default placement timeout,
// the concurrency limit and what an unhandled step failure does.
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { DurationField } from './duration-field'
import { NumberField, SelectField } from './fields'

export type SetWorkflow = (patch: Record<string, unknown>, field: string) => void

type Concurrency = NonNullable<WorkflowDoc['concurrency']>
type WhenLimited = NonNullable<Concurrency['whenLimited']>

function ConcurrencyFields({ value, set }: { value: WorkflowDoc['concurrency']; set: SetWorkflow }) {
  return (
    <>
      <NumberField
        label="Concurrent runs limit"
        min={1}
        max={10_000}
        placeholder="no limit"
        value={value?.limit}
        onChange={(limit) =>
          set({ concurrency: limit === undefined ? undefined : { ...value, limit } }, 'concurrency')
        }
        hint="Most runs of this workflow running at once, across every runner."
        issuePath={['concurrency', 'limit']}
      />
      {value ? (
        <SelectField<WhenLimited>
          label="When a run starts at the limit"
          value={value.whenLimited ?? 'queue'}
          options={[
            { value: 'queue', label: 'queue it until a run ends (queue)' },
            { value: 'cancel-new', label: 'cancel the new run (cancel-new)' },
            { value: 'cancel-oldest', label: 'cancel the oldest running run (cancel-oldest)' },
          ]}
          onChange={(whenLimited) =>
            set({ concurrency: { ...value, whenLimited } }, 'concurrency.whenLimited')
          }
          issuePath={['concurrency', 'whenLimited']}
        />
      ) : null}
    </>
  )
}

export function RunLimitsFields({ doc, set }: { doc: WorkflowDoc; set: SetWorkflow }) {
  return (
    <fieldset className="inspector-group">
      <legend>Limits and failures</legend>
      <DurationField
        label="Run timeout"
        placeholder="none, e.g. 1h"
        value={doc.timeout}
        onChange={(timeout) => set({ timeout }, 'timeout')}
        issuePath={['timeout']}
      />
      <DurationField
        label="Placement timeout (default for command and parallel steps)"
        placeholder="30s"
        value={doc.placementTimeout}
        onChange={(placementTimeout) => set({ placementTimeout }, 'placementTimeout')}
        hint="How long a step waits for a capable online device before it fails with no_capable_device."
        issuePath={['placementTimeout']}
      />
      <ConcurrencyFields value={doc.concurrency} set={set} />
      <SelectField
        label="When a step fails unhandled"
        value={doc.errorHandling?.strategy ?? 'fail-fast'}
        options={[
          { value: 'fail-fast', label: 'fail the run at once (fail-fast)' },
          { value: 'continue', label: 'let other branches finish (continue)' },
        ]}
        onChange={(strategy) => set({ errorHandling: { strategy } }, 'errorHandling')}
        issuePath={['errorHandling']}
      />
    </fieldset>
  )
}
