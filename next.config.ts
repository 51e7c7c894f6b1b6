import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // RELAYFLOW_NEXT_DIR lets parallel checkouts of the same tree build side by side (CONTRIBUTING.md).
  distDir: process.env.RELAYFLOW_NEXT_DIR ?? '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs tsc over the whole project; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Security headers (CSP, Referrer-Policy, …) are set once for every response by the request
  // router (server/auth/security-headers.ts), pages included; nothing here may contradict them.
}

export default nextConfig
