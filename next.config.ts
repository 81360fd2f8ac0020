import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // The AWS SDK posts to "<endpoint>/" while the AWS CLI posts to "<endpoint>"; a 308 redirect breaks the SDK.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // forbidden() from next/navigation: instructor pages answer 403 with the site's own page (app/[locale]/forbidden.tsx).
  // preloadEntriesOnStart: Next.js loads every route's modules when it starts, about a third of the CPU a start spends
  // before its first page (issue 13; npm run bench -- startup). Off: each route loads on its first request, and
  // server.ts asks for one lesson page itself once it listens, so a learner's first lesson page finds it loaded.
  experimental: { authInterrupts: true, preloadEntriesOnStart: false },
  serverExternalPackages: ["@libsql/client", "libsql", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "mdx-bundler", "esbuild", "@node-rs/argon2"],
  // On every route, static files included; the per-view Content-Security-Policy comes from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};
export default nextConfig;
