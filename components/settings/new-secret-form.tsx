'use client'
// The admin's form for a new secret: name, value (never shown again) and description.
import { TextField } from '@/components/ui/text-field'
import styles from './settings.module.css'

export type SecretDraft = { name: string; value: string; description: string }
export const EMPTY_SECRET_DRAFT: SecretDraft = { name: '', value: '', description: '' }

type NewSecretFormProps = {
  draft: SecretDraft
  onDraft: (update: (draft: SecretDraft) => SecretDraft) => void
  isPending: boolean
  onSubmit: () => void
}

export function NewSecretForm({ draft, onDraft, isPending, onSubmit }: NewSecretFormProps) {
  const field = (key: keyof SecretDraft) => (value: string) => onDraft((d) => ({ ...d, [key]: value }))
  return (
    <form
      className="card"
      aria-label="New secret"
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit()
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
