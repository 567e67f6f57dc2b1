import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/**
 * Hono's secure headers, adjusted for a server that also serves pages and an embeddable widget:
 * the CSP lets the server's own pages load their scripts and styles from the same origin (no inline
 * scripts), and Cross-Origin-Resource-Policy allows the widget script to be embedded on other sites
 * (which sites may call the API is CORS's job).
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    crossOriginResourcePolicy: "cross-origin",
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      frameAncestors: ["'self'"],
    },
  });
}
