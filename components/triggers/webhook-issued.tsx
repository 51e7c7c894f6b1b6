'use client'
// The webhook URL and signing secret right after enable or rotate (the only time they can be
// shown: the server keeps a hash of the URL), with a curl command that calls it, signed.
import type { ValueSpec } from '@/components/ui/typed-value'
import { webhookCurlExample } from '@/server/triggers/webhook-curl-example'
import { CopyButton } from './copy-button'
import { exampleInputs } from './example-inputs'
import styles from './triggers.module.css'

export type IssuedWebhook = { path: string; signed: boolean; signingSecret: string | null }

export function WebhookIssued({
  issued,
  specs,
  onDismiss,
}: {
  issued: IssuedWebhook
  specs: readonly ValueSpec[]
  onDismiss: () => void
}) {
  const url = `${window.location.origin}${issued.path}`
  const secret = issued.signed ? (issued.signingSecret ?? '<your signing secret>') : null
  const curl = webhookCurlExample({ url, body: JSON.stringify(exampleInputs(specs)), signingSecret: secret })
  return (
    <div className={styles.issued} role="region" aria-label="New webhook URL">
      <strong>Copy these now: they are shown only once.</strong>
      <span>URL</span>
      <code className={`${styles.secret} mono`} aria-label="Webhook URL">
        {url}
      </code>
      <CopyButton text={url} label="Copy URL" />
      {issued.signingSecret ? (
        <>
          <span>Signing secret (HMAC-SHA256)</span>
          <code className={`${styles.secret} mono`} aria-label="Signing secret">
            {issued.signingSecret}
          </code>
          <CopyButton text={issued.signingSecret} label="Copy secret" />
        </>
      ) : null}
      <span>
        Try it
        {secret
          ? ' (signs with openssl at the moment it runs; a signature is valid for 5 minutes, once)'
          : ''}
        :
      </span>
      <pre className={`${styles.snippet} mono`} aria-label="curl command">
        {curl}
      </pre>
      <CopyButton text={curl} label="Copy curl command" />
      <button type="button" onClick={onDismiss}>
        Done, hide them
      </button>
    </div>
  )
}
