// Zod pieces shared by the webhook trigger procedures.
import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'

export const ZWebhookWorkflowInput = z.object({ workflowId: ZWorkflowId })

export const ZWebhookStatus = z.object({
  workflowId: z.string(),
  enabled: z.boolean(),
  /** Requests must carry `x-relayflow-signature: sha256=<hex>`. */
  signed: z.boolean(),
  /** The URL token's last characters, to tell URLs apart. */
  tokenHint: z.string().nullable(),
  createdAt: z.date().nullable(),
  rotatedAt: z.date().nullable(),
  lastTriggeredAt: z.date().nullable(),
})

/** Shown once: only the token's hash is stored, so a lost URL is replaced by rotating. */
export const ZIssuedWebhook = ZWebhookStatus.extend({
  token: z.string(),
  /** `/api/hooks/<token>` on this server; POST JSON to it. */
  path: z.string(),
  /** The HMAC key, when one was issued by this call. */
  signingSecret: z.string().nullable(),
})
