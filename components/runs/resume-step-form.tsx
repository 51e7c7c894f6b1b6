'use client'
// Resumes a wait step parked on a signal (e.g. an approval), with an optional JSON payload
// that becomes the step's output.
import { useMutation } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import styles from './runs.module.css'

type Props = {
  runId: string
  stepId: string
  stepName: string
  signal: string
  prompt: string | undefined
  onResumed: () => void
}

/** The payload text as JSON, or an error message; empty text means no payload. */
function parsePayload(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, message: `The payload is not valid JSON: ${(error as Error).message}` }
  }
}

export function ResumeStepForm({ runId, stepId, stepName, signal, prompt, onResumed }: Props) {
  const trpc = useTRPC()
  const payloadId = useId()
  const [text, setText] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const resume = useMutation(trpc.runs.resume.mutationOptions({ onSuccess: onResumed }))
  if (!useCan('runs.resume')) {
    // Viewers see what the run waits for, without a form the server would refuse.
    return (
      <div className={`card ${styles.resume}`} role="note">
        <strong>{stepName}</strong> is waiting for the <code>{signal}</code> signal. Your role cannot resume
        it.
        {prompt ? <div>{prompt}</div> : null}
      </div>
    )
  }
  return (
    <form
      className={`card ${styles.resume}`}
      aria-label={`Resume ${stepName}`}
      onSubmit={(e) => {
        e.preventDefault()
        const payload = parsePayload(text)
        setInvalid(payload.ok ? null : payload.message)
        if (payload.ok) resume.mutate({ id: runId, stepId, signal, payload: payload.value })
      }}
    >
      <div>
        <strong>{stepName}</strong> is waiting for the <code>{signal}</code> signal.
        {prompt ? <div>{prompt}</div> : null}
      </div>
      <label htmlFor={payloadId}>Payload (JSON, optional)</label>
      <textarea
        id={payloadId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder='{"approved": true}'
        aria-invalid={invalid !== null}
      />
      {invalid ? (
        <div className="field-error" role="alert">
          {invalid}
        </div>
      ) : null}
      <ApiError error={resume.error} title="Could not resume the step" />
      <div>
        <button type="submit" className="primary" disabled={resume.isPending}>
          Resume {stepName}
        </button>
      </div>
    </form>
  )
}
