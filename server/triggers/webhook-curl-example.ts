// A ready-to-paste shell command that calls a webhook, signing the request the way
// webhook-secrets.ts checks it (`t=<unix>,sha256=<HMAC of "<t>.<body>">`) with openssl. The
// editor's Triggers panel shows it; pure text, so the browser can build it.
import { SIGNATURE_HEADER } from './webhook-wire'

/** `text` as one single-quoted shell word: nothing inside is expanded. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

export type CurlExampleInput = {
  /** The full webhook URL (server address + `/api/hooks/<token>`). */
  url: string
  /** The JSON body to send: the run's inputs. */
  body: string
  /** The signing secret when the webhook is signed; null for an unsigned webhook. */
  signingSecret: string | null
}

/** Lines of a bash snippet that POSTs `body` to `url`, signed at the moment it runs when a secret is given. */
export function webhookCurlExample({ url, body, signingSecret }: CurlExampleInput): string {
  const head = [`URL=${shellQuote(url)}`, `BODY=${shellQuote(body)}`]
  const post = `curl -sS -X POST "$URL" -H 'content-type: application/json'`
  if (signingSecret === null) return [...head, `${post} -d "$BODY"`].join('\n')
  return [
    ...head,
    `SECRET=${shellQuote(signingSecret)}`,
    'T=$(date +%s)',
    `SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')`,
    `${post} \\`,
    `  -H "${SIGNATURE_HEADER}: t=$T,sha256=$SIG" -d "$BODY"`,
  ].join('\n')
}
