import type { NextConfig } from 'next'

const config: NextConfig = {
  // React StrictMode (the App Router's default, said out loud): ChatKit still mounts one iframe.
  reactStrictMode: true,
  // The ChatKit server library runs in Node (node:http, SQLite): load it from node_modules at
  // runtime instead of bundling it into the route handlers.
  serverExternalPackages: ['@xpert-ai/chatkit-server', 'better-sqlite3'],
}

export default config
