'use client'
// The admin's form for a new secret: name, value (never shown again) and description.
import { useState } from 'react'
import { TextField } from '@/components/ui/text-field'
import styles from './settings.module.css'

export type NewSecret = { name: string; value: string; description: string }

type NewSecretFormProps = {
  onCreate: (secret: NewSecret) => void
  isPending: boolean
}

/** Owns its draft; the parent gives it a new `key` to start empty once a secret is made. */
export function NewSecretForm({ onCreate, isPending }: NewSecretFormProps) {
  const [draft, setDraft] = useState<NewSecret>({ name: '', value: '', description: '' })
  const field = (key: keyof NewSecret) => (value: string) => setDraft((d) => ({ ...d, [key]: value }))
  return (
    <form
      className="card"
      aria-label="New secret"
      onSubmit={(event) => {
        event.preventDefault()
        onCreate(draft)
      }}
    >
      <div className={styles.inline}>
        <TextField
          id="secret-name"
          label="Name"
          value={draft.name}
          onValue={field('name')}
          pattern="[A-Za-z_][A-Za-z0-9_]*"
          placeholder="DEPLOY_TOKEN"
          required
        />
        <TextField
          id="secret-value"
          label="Value"
          className={styles.grow}
          type="password"
          autoComplete="off"
          value={draft.value}
          onValue={field('value')}
          minLength={4}
          required
        />
        <TextField
          id="secret-description"
          label="Description"
          className={styles.grow}
          value={draft.description}
          onValue={field('description')}
        />
        <div className="form-row">
          <button type="submit" className="primary" disabled={isPending}>
            Add secret
          </button>
        </div>
      </div>
    </form>
  )
}
