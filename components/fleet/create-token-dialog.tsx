'use client'
// Creates a device token and shows it once, with the exact agent command line to copy.
import { useMutation } from '@tanstack/react-query'
import type { inferRouterOutputs } from '@trpc/server'
import { useEffect, useRef, useState, type ComponentProps } from 'react'
import type { AppRouter } from '@/server/api/root-router'
import { ApiError } from '@/components/ui/api-error'
import { TextField } from '@/components/ui/text-field'
import { useTRPC } from '@/components/trpc-provider'

type CreatedToken = inferRouterOutputs<AppRouter>['devices']['createToken']

export function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC()
  const dialog = useRef<HTMLDialogElement>(null)
  const create = useMutation(trpc.devices.createToken.mutationOptions())
  useEffect(() => {
    dialog.current?.showModal()
  }, [])
  const closeDialog = () => dialog.current?.close()

  return (
    <dialog ref={dialog} className="modal-dialog is-wide" aria-label="Create device token" onClose={onClose}>
      <h2>Create device token</h2>
      {create.data ? (
        <IssuedToken created={create.data} onDone={closeDialog} />
      ) : (
        <CreateTokenForm
          pending={create.isPending}
          error={create.error}
          onCreate={(name, tags) => create.mutate({ name, tags, serverUrl: window.location.origin })}
          onCancel={closeDialog}
        />
      )}
    </dialog>
  )
}

/** The token just issued, shown this once, with the agent command line and a copy button. */
function IssuedToken({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState(false)
  return (
    <>
      <p>
        Token for <strong>{created.name}</strong> (<span className="mono">{created.deviceId}</span>). It is
        shown only now; Relayflow stores only its hash. Start the agent on the device with:
      </p>
      <pre className="json" aria-label="Agent command line">
        {created.commandLine}
      </pre>
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          onClick={() => void navigator.clipboard.writeText(created.commandLine).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy command'}
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </>
  )
}

function CreateTokenForm(props: {
  pending: boolean
  error: ComponentProps<typeof ApiError>['error']
  onCreate: (name: string, tags: string[]) => void
  onCancel: () => void
}) {
  const [name, setName] = useState('')
  const [tags, setTags] = useState('')
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        props.onCreate(name.trim(), parseTags(tags))
      }}
    >
      <ApiError error={props.error} title="Could not create the token" />
      <TextField
        id="device-name"
        label="Name"
        value={name}
        onValue={setName}
        maxLength={100}
        required
        autoFocus
      />
      <TextField id="device-tags" label="Tags" value={tags} onValue={setTags} placeholder="edge, eu" />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={props.pending || !name.trim()}>
          Create token
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** "edge, eu" → ['edge', 'eu'], blanks dropped. */
function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
}
