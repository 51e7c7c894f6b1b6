'use client'
// The admin's form for a new secret: name, value (never shown again) and description.
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
  const field = (key: keyof SecretDraft) => (e: { target: { value: string } }) =>
    onDraft((d) => ({ ...d, [key]: e.target.value }))
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
        <div className="form-row">
          <label htmlFor="secret-name">Name</label>
          <input
            id="secret-name"
            value={draft.name}
            onChange={field('name')}
            pattern="[A-Za-z_][A-Za-z0-9_]*"
            placeholder="DEPLOY_TOKEN"
            required
          />
        </div>
        <div className={`form-row ${styles.grow}`}>
          <label htmlFor="secret-value">Value</label>
          <input
            id="secret-value"
            type="password"
            autoComplete="off"
            value={draft.value}
            onChange={field('value')}
            minLength={4}
            required
          />
        </div>
        <div className={`form-row ${styles.grow}`}>
          <label htmlFor="secret-description">Description</label>
          <input id="secret-description" value={draft.description} onChange={field('description')} />
        </div>
        <div className="form-row">
          <button type="submit" className="primary" disabled={isPending}>
            Add secret
          </button>
        </div>
      </div>
    </form>
  )
}
