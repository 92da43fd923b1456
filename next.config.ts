import type { NextConfig } from "next";

const staticHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The proxy buffers every request body it sees up to experimental.proxyClientMaxBodySize, signed
  // in or not: that stays at Next's default (10 MB). The photo upload route reads its larger body
  // itself, with its own cap (src/server/photos/read-photo-form.ts; docs/decisions/008-rate-limits.md).
  experimental: { authInterrupts: true },
  // Native and WebAssembly packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/adapter-pg", "pg", "sharp"],
  // Static assets skip the proxy; they still get the headers that apply to every response.
  async headers() {
    return [{ source: "/_next/static/:path*", headers: staticHeaders }];
  },
};

export default nextConfig;
