/** @type {import('next').NextConfig} */
const nextConfig = {
  // The AWS SDK posts to "<endpoint>/" while the AWS CLI posts to "<endpoint>"; a 308 redirect breaks the SDK.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "mdx-bundler", "esbuild"],
};
export default nextConfig;
