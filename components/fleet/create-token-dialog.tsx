'use client'
// Creates a device token and shows it once, with the exact agent command line to copy.
import { useMutation } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { TextField } from '@/components/ui/text-field'
import { useTRPC } from '@/components/trpc-provider'

export function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC()
  const dialog = useRef<HTMLDialogElement>(null)
  const [name, setName] = useState('')
  const [tags, setTags] = useState('')
  const [copied, setCopied] = useState(false)
  const create = useMutation(trpc.devices.createToken.mutationOptions())
  useEffect(() => {
    dialog.current?.showModal()
  }, [])
  const created = create.data

  return (
    <dialog ref={dialog} className="modal-dialog is-wide" aria-label="Create device token" onClose={onClose}>
      <h2>Create device token</h2>
      {created ? (
        <>
          <p>
            Token for <strong>{created.name}</strong> (<span className="mono">{created.deviceId}</span>). It
            is shown only now; Relayflow stores only its hash. Start the agent on the device with:
          </p>
          <pre className="json" aria-label="Agent command line">
            {created.commandLine}
          </pre>
          <div className="toolbar">
            <button
              type="button"
              className="primary"
              onClick={() =>
                void navigator.clipboard.writeText(created.commandLine).then(() => setCopied(true))
              }
            >
              {copied ? 'Copied' : 'Copy command'}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            create.mutate({
              name: name.trim(),
              tags: tags
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean),
              serverUrl: window.location.origin,
            })
          }}
        >
          <ApiError error={create.error} title="Could not create the token" />
          <TextField id="device-name" label="Name" value={name} onValue={setName} maxLength={100} required autoFocus />
          <TextField id="device-tags" label="Tags" value={tags} onValue={setTags} placeholder="edge, eu" />
          <div className="toolbar">
            <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
              Create token
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  )
}
