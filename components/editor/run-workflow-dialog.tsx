'use client'
// "Run": a form generated from the workflow's input schema, checked with the engine's own
// validateRunInputs, then runs.start for the saved version and off to the run's live view.
import { useMutation } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useMemo, useState, type FormEvent } from 'react'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { ModalDialog } from '@/components/ui/modal-dialog'
import {
  collectValues,
  fieldErrorsFromIssues,
  initialTexts,
  inputSchemaSpecs,
  type FieldErrors,
} from '@/components/ui/typed-value'
import { ValueFields } from '@/components/ui/typed-value-fields'
import { ZInputSchema, validateRunInputs } from '@/server/engine/input-schema'

/** The run's input form: texts per input, their errors (checked here and by the server), and starting the run. */
function useRunInputsForm(workflowId: string, version: number, inputs: unknown) {
  const trpc = useTRPC()
  const router = useRouter()
  const schema = useMemo(() => {
    const parsed = ZInputSchema.safeParse(inputs)
    return parsed.success ? parsed.data : undefined
  }, [inputs])
  const specs = useMemo(() => inputSchemaSpecs(schema), [schema])
  const names = specs.map((s) => s.name)
  const [texts, setTexts] = useState(() => initialTexts(specs))
  const [checked, setChecked] = useState<FieldErrors>({})
  const start = useMutation(
    trpc.runs.start.mutationOptions({ onSuccess: (run) => router.push(`/runs/${run.executionId}`) }),
  )
  const server = fieldErrorsFromIssues(start.error?.data?.issues, 'inputs', names)
  const errors = { ...server.fields, ...checked }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { values, errors: typed } = collectValues(specs, texts)
    // Typed values are checked against the schema's own rules (range, length, options) too.
    const result = Object.keys(typed).length === 0 ? validateRunInputs(schema, values) : undefined
    const found = result && !result.ok ? fieldErrorsFromIssues(result.issues, 'inputs', names).fields : typed
    setChecked(found)
    if (Object.keys(found).length > 0) return
    start.reset()
    start.mutate({ workflowId, version, inputs: values })
  }
  return { specs, texts, setTexts, errors, submit, start, server }
}

export function RunWorkflowDialog({
  workflowId,
  version,
  inputs,
  onClose,
}: {
  workflowId: string
  /** The saved version that runs. */
  version: number
  /** The saved version's `inputs` (a JSON Schema subset). */
  inputs: unknown
  onClose: () => void
}) {
  const { specs, texts, setTexts, errors, submit, start, server } = useRunInputsForm(workflowId, version, inputs)
  const count = Object.keys(errors).length
  return (
    <ModalDialog title={`Run v${version}`} onClose={onClose}>
      <form aria-label="Run inputs" onSubmit={submit} noValidate>
        <p className="muted">Runs the saved version v{version} with these inputs.</p>
        {start.error && (server.rest.length > 0 || !start.error.data?.issues?.length) ? (
          <ApiError
            title="The run did not start"
            error={{ message: start.error.message, data: { issues: server.rest } }}
          />
        ) : null}
        <ValueFields
          idPrefix="run-input"
          specs={specs}
          texts={texts}
          errors={errors}
          onChange={(name, text) => setTexts((all) => ({ ...all, [name]: text }))}
          empty="This workflow takes no inputs."
        />
        {count > 0 ? (
          <p className="field-error">
            {count === 1 ? 'One input needs' : `${count} inputs need`} fixing before the run can start.
          </p>
        ) : null}
        <div className="toolbar">
          <button
            type="submit"
            className="primary"
            disabled={start.isPending}
            data-autofocus={specs.length === 0 || undefined}
          >
            {start.isPending ? 'Starting…' : 'Start run'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
