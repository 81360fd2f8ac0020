/**
 * The browser-side defences every response carries. The Content-Security-Policy is per page view (a nonce for
 * Next.js's inline scripts); the rest are the same everywhere (next.config.ts sets them on every route, server.ts
 * on the AWS endpoint).
 */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Nothing of the site needs these; denying them keeps a compromised dependency from asking.
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  // Belt and braces for old browsers that ignore CSP frame-ancestors: the lesson page must never be framed.
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/**
 * The page policy. Scripts: only those Next.js marks with this view's nonce, and what they load ('strict-dynamic').
 * Styles: Monaco sets inline styles and injects <style> elements without a nonce, so inline styles are allowed (a
 * style cannot run code). Workers: Monaco's editor and JSON workers are bundled files on this origin. Fonts: the
 * self-hosted web fonts, and Monaco's icon font, which its CSS embeds as a data: URL.
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code to reconstruct server error stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
