'use client'
// The workflow's webhook: whether it is on, signed, last called; enable, rotate, disable for
// editors (viewers and operators read); the shown-once URL and secret; the last deliveries.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import type { ValueSpec } from '@/components/ui/typed-value'
import { ConfirmButton } from './confirm-button'
import styles from './triggers.module.css'
import { WebhookDeliveries } from './webhook-deliveries'
import { WebhookIssued, type IssuedWebhook } from './webhook-issued'

export function WebhookSection({ workflowId, specs }: { workflowId: string; specs: readonly ValueSpec[] }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const status = useQuery(trpc.triggers.webhooks.get.queryOptions({ workflowId }))
  const canManage = useCan('triggers.webhooks.enable')
  const [signed, setSigned] = useState(true)
  const [issued, setIssued] = useState<IssuedWebhook | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.triggers.webhooks.pathKey() })
  const onIssued = (webhook: IssuedWebhook) => {
    setIssued(webhook)
    return refresh()
  }
  const enable = useMutation(trpc.triggers.webhooks.enable.mutationOptions({ onSuccess: onIssued }))
  const rotate = useMutation(trpc.triggers.webhooks.rotate.mutationOptions({ onSuccess: onIssued }))
  const disable = useMutation(
    trpc.triggers.webhooks.disable.mutationOptions({
      onSuccess: () => {
        setIssued(null)
        return refresh()
      },
    }),
  )
  const busy = enable.isPending || rotate.isPending || disable.isPending
  const webhook = status.data
  return (
    <section className={styles.section} aria-label="Webhook">
      <h3>Webhook</h3>
      <ApiError error={status.error ?? enable.error ?? rotate.error ?? disable.error} />
      {webhook?.enabled ? (
        <p>
          On{webhook.signed ? ', signed (HMAC)' : ', unsigned'}: URL ending <code>…{webhook.tokenHint}</code>.{' '}
          {webhook.lastTriggeredAt
            ? `Last called ${webhook.lastTriggeredAt.toLocaleString()}.`
            : 'Not called yet.'}
        </p>
      ) : webhook ? (
        <p className="muted">Off. A webhook gives this workflow a secret URL; a POST to it starts a run.</p>
      ) : null}
      {issued ? <WebhookIssued issued={issued} specs={specs} onDismiss={() => setIssued(null)} /> : null}
      {webhook?.enabled && !issued ? (
        <p className="muted">The URL and secret were shown once, when issued. Rotate to get new ones.</p>
      ) : null}
      {webhook && canManage ? (
        <div className={styles.row}>
          <label>
            <input type="checkbox" checked={signed} onChange={(e) => setSigned(e.target.checked)} /> Require
            signed requests
          </label>
          {webhook.enabled ? (
            <>
              <ConfirmButton
                label="Rotate URL"
                question="The current URL stops working at once."
                confirmLabel="Rotate"
                disabled={busy}
                onConfirm={() => rotate.mutate({ workflowId, signed })}
              />
              <ConfirmButton
                label="Disable"
                question="Calls to the URL will get 404."
                confirmLabel="Disable webhook"
                disabled={busy}
                onConfirm={() => disable.mutate({ workflowId })}
              />
            </>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => enable.mutate({ workflowId, signed })}
            >
              Enable webhook
            </button>
          )}
        </div>
      ) : null}
      {webhook && !canManage ? (
        <p className="muted">Editors enable, rotate and disable the webhook.</p>
      ) : null}
      {webhook?.createdAt || issued ? <WebhookDeliveries workflowId={workflowId} /> : null}
    </section>
  )
}
