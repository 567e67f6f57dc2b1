import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

// Hono's default: six months, subdomains included.
const HSTS = "max-age=15552000; includeSubDomains";

/**
 * Hono's secure headers, adjusted for a server that also serves pages and an embeddable widget:
 * - the CSP lets the server's own pages load their scripts and styles from the same origin (no inline
 *   scripts), and Cross-Origin-Resource-Policy allows the widget script to be embedded on other sites
 *   (which sites may call the API is CORS's job);
 * - Permissions-Policy turns off the device features no page here uses (camera, microphone, location...),
 *   so a script injected into a page could not ask for them either;
 * - Strict-Transport-Security goes only on responses to requests that came over HTTPS (directly, or through
 *   a proxy saying so in X-Forwarded-Proto). Sent over plain HTTP it is ignored at best, and a server
 *   reached by plain HTTP on purpose (a laptop, an intranet) must not tell browsers to insist on HTTPS.
 */
export function securityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({
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
    permissionsPolicy: {
      accelerometer: [],
      camera: [],
      displayCapture: [],
      geolocation: [],
      gyroscope: [],
      magnetometer: [],
      microphone: [],
      midi: [],
      payment: [],
      usb: [],
    },
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if (cameOverHttps(c)) c.res.headers.set("Strict-Transport-Security", HSTS);
  };
}

/** Whether the client reached this server over HTTPS: its own URL, or the first proxy's X-Forwarded-Proto. */
function cameOverHttps(c: Context): boolean {
  if (c.req.url.startsWith("https:")) return true;
  // "https, http": the first value is the client's; later proxies append theirs.
  const forwarded = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https";
}
