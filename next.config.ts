import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // RELAYFLOW_NEXT_DIR lets parallel checkouts of the same tree build side by side (CONTRIBUTING.md).
  distDir: process.env.RELAYFLOW_NEXT_DIR ?? '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs tsc over the whole project; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  headers() {
    return Promise.resolve([
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ])
  },
}

export default nextConfig
