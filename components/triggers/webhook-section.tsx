'use client'
// The workflow's webhook: whether it is on, signed, last called; enable, rotate, disable for
// editors (viewers and operators read); the shown-once URL and secret; the last deliveries.
import type { inferRouterOutputs } from '@trpc/server'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import type { ValueSpec } from '@/components/ui/typed-value'
import type { AppRouter } from '@/server/api/root-router'
import { ConfirmButton } from './confirm-button'
import styles from './triggers.module.css'
import { useWebhook } from './use-webhook'
import { WebhookDeliveries } from './webhook-deliveries'
import { WebhookIssued } from './webhook-issued'

type WebhookStatus = inferRouterOutputs<AppRouter>['triggers']['webhooks']['get']

export function WebhookSection({ workflowId, specs }: { workflowId: string; specs: readonly ValueSpec[] }) {
  const canManage = useCan('triggers.webhooks.enable')
  const [signed, setSigned] = useState(true)
  const { webhook, issued, ...actions } = useWebhook(workflowId)
  return (
    <section className={styles.section} aria-label="Webhook">
      <h3>Webhook</h3>
      <ApiError error={actions.error} />
      {webhook ? <WebhookState webhook={webhook} /> : null}
      {issued ? <WebhookIssued issued={issued} specs={specs} onDismiss={actions.dismissIssued} /> : null}
      {webhook?.enabled && !issued ? (
        <p className="muted">The URL and secret were shown once, when issued. Rotate to get new ones.</p>
      ) : null}
      {webhook && canManage ? (
        <div className={styles.row}>
          <label>
            <input type="checkbox" checked={signed} onChange={(e) => setSigned(e.target.checked)} /> Require
            signed requests
          </label>
          <WebhookButtons
            enabled={webhook.enabled}
            busy={actions.busy}
            onEnable={() => actions.enable(signed)}
            onRotate={() => actions.rotate(signed)}
            onDisable={actions.disable}
          />
        </div>
      ) : null}
      {webhook && !canManage ? (
        <p className="muted">Editors enable, rotate and disable the webhook.</p>
      ) : null}
      {webhook?.createdAt || issued ? <WebhookDeliveries workflowId={workflowId} /> : null}
    </section>
  )
}

/** On (signed or not, which URL, last called) or off. */
function WebhookState({ webhook }: { webhook: WebhookStatus }) {
  if (!webhook.enabled)
    return (
      <p className="muted">Off. A webhook gives this workflow a secret URL; a POST to it starts a run.</p>
    )
  return (
    <p>
      On{webhook.signed ? ', signed (HMAC)' : ', unsigned'}: URL ending <code>…{webhook.tokenHint}</code>.{' '}
      {webhook.lastTriggeredAt
        ? `Last called ${webhook.lastTriggeredAt.toLocaleString()}.`
        : 'Not called yet.'}
    </p>
  )
}

/** Rotate and Disable (each confirmed) while the webhook is on; Enable while it is off. */
function WebhookButtons(props: {
  enabled: boolean
  busy: boolean
  onEnable: () => void
  onRotate: () => void
  onDisable: () => void
}) {
  if (!props.enabled)
    return (
      <button type="button" className="primary" disabled={props.busy} onClick={props.onEnable}>
        Enable webhook
      </button>
    )
  return (
    <>
      <ConfirmButton
        label="Rotate URL"
        question="The current URL stops working at once."
        confirmLabel="Rotate"
        disabled={props.busy}
        onConfirm={props.onRotate}
      />
      <ConfirmButton
        label="Disable"
        question="Calls to the URL will get 404."
        confirmLabel="Disable webhook"
        disabled={props.busy}
        onConfirm={props.onDisable}
      />
    </>
  )
}
