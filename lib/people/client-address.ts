/**
 * The header server.ts sets on every request to the client's address, replacing whatever the client sent: the socket's
 * peer, or with DOJO_TRUST_PROXY=1 the address the reverse proxy in front appended to X-Forwarded-For. Rate limits key
 * on it; X-Forwarded-For itself is client-controlled unless a proxy one trusts wrote it.
 */
export const CLIENT_ADDRESS_HEADER = "x-dojo-client-address";

export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const hops = forwardedFor.split(",").map((hop) => hop.trim()).filter(Boolean);
    if (hops.length > 0) return hops[hops.length - 1];
  }
  return socketAddress ?? "unknown";
}
