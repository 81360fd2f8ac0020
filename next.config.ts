import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // The AWS SDK posts to "<endpoint>/" while the AWS CLI posts to "<endpoint>"; a 308 redirect breaks the SDK.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // forbidden() from next/navigation: instructor pages answer 403 with the site's own page (app/[locale]/forbidden.tsx).
  experimental: { authInterrupts: true },
  serverExternalPackages: ["@libsql/client", "libsql", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "mdx-bundler", "esbuild", "@node-rs/argon2"],
  // On every route, static files included; the per-view Content-Security-Policy comes from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};
export default nextConfig;
