// Whether the webhook step may call a URL (SSRF guard): host names are resolved first and every
// address they resolve to must pass the outbound policy (server/platform/outbound-policy.ts).
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { isAddressAllowed, processOutboundPolicy, type OutboundPolicy } from '@/server/platform/outbound-policy'

export type Resolver = (hostname: string) => Promise<string[]>

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address)

/** Why a URL may not be called, or undefined when it may. */
export async function refusalFor(
  url: URL,
  policy: OutboundPolicy = processOutboundPolicy(),
  resolve: Resolver = systemResolver,
): Promise<string | undefined> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `Only http and https URLs can be called, not ${url.protocol}//.`
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  try {
    addresses = isIP(host) ? [host] : await resolve(host)
  } catch (error) {
    return `The host ${host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? String(error)}).`
  }
  const refused = addresses.find((a) => !isAddressAllowed(policy, a))
  if (refused === undefined && addresses.length > 0) return undefined
  return `Calls to ${host}${refused && refused !== host ? ` (${refused})` : ''} are refused: link-local and cloud metadata addresses are blocked. An administrator can allow a range with RELAYFLOW_WEBHOOK_ALLOW.`
}
