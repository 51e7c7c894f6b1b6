// The outbound address lists the webhook step is held to (SSRF guard), parsed from the
// environment: link-local ranges and cloud metadata endpoints are refused by default;
// RELAYFLOW_WEBHOOK_DENY adds ranges, RELAYFLOW_WEBHOOK_ALLOW re-opens ranges (explicit deny wins
// over allow). Pure parsing and matching; config validates the lists with it at startup.
import { BlockList, isIP } from 'node:net'

/** Refused unless allowed explicitly: link-local (where metadata services live) and known metadata IPs. */
export const DEFAULT_DENIED = [
  '169.254.0.0/16', // IPv4 link-local: AWS, GCP, Azure, OCI, DigitalOcean metadata (169.254.169.254), ECS (169.254.170.2)
  'fe80::/10', // IPv6 link-local
  'fd00:ec2::254/128', // AWS IMDS over IPv6
  '100.100.100.200/32', // Alibaba Cloud metadata
  '192.0.0.192/32', // Oracle Cloud Classic metadata
] as const

export interface OutboundPolicy {
  allow: BlockList
  deny: BlockList
  defaultDeny: BlockList
}

function addRange(list: BlockList, range: string, variable: string): void {
  const [address = '', bits] = range.split('/')
  const family = isIP(address)
  if (family === 0) throw new Error(`${variable}: "${range}" is not an IP address or CIDR range.`)
  const type = family === 4 ? 'ipv4' : 'ipv6'
  if (bits === undefined) return list.addAddress(address, type)
  const prefix = Number(bits)
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
    throw new Error(`${variable}: "${range}" has an invalid prefix length.`)
  list.addSubnet(address, prefix, type)
}

function rangeList(ranges: readonly string[], variable: string): BlockList {
  const list = new BlockList()
  for (const range of ranges) addRange(list, range, variable)
  return list
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean)
}

/** Throws with the variable's name when a range does not parse. */
export function outboundPolicyFrom(env: Readonly<Record<string, string | undefined>>): OutboundPolicy {
  return {
    allow: rangeList(splitList(env.RELAYFLOW_WEBHOOK_ALLOW), 'RELAYFLOW_WEBHOOK_ALLOW'),
    deny: rangeList(splitList(env.RELAYFLOW_WEBHOOK_DENY), 'RELAYFLOW_WEBHOOK_DENY'),
    defaultDeny: rangeList(DEFAULT_DENIED, 'default deny list'),
  }
}

let processPolicy: OutboundPolicy | undefined
export function processOutboundPolicy(): OutboundPolicy {
  processPolicy ??= outboundPolicyFrom(process.env)
  return processPolicy
}

export function isAddressAllowed(policy: OutboundPolicy, address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  const type = family === 4 ? 'ipv4' : 'ipv6'
  if (policy.deny.check(address, type)) return false
  if (policy.allow.check(address, type)) return true
  return !policy.defaultDeny.check(address, type)
}
