import type { NextConfig } from "next";

const staticHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The proxy buffers request bodies up to this size; photos may be 10 MB plus the form around them.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: "11mb" },
  // Native and WebAssembly packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/adapter-pg", "pg", "sharp"],
  // Static assets skip the proxy; they still get the headers that apply to every response.
  async headers() {
    return [{ source: "/_next/static/:path*", headers: staticHeaders }];
  },
};

export default nextConfig;
