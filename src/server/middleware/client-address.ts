import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "../app-env.js";

/** The remote address of the connection, or "unknown" when there is no socket (requests made in-process). */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Who sent the request, for rate limits and raters. Behind `trustedHops` proxies (TRUST_PROXY_HOPS) the
 * connection is the proxy's, and the client is the address the nearest trusted proxy appended to
 * X-Forwarded-For: counted from the right, since anything further left is whatever the client wrote.
 */
export function clientAddress(trustedHops: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const socket = socketAddress(c);
    const forwarded = trustedHops > 0 ? (c.req.header("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean) : [];
    c.set("clientAddress", forwarded.length >= trustedHops && trustedHops > 0 ? forwarded[forwarded.length - trustedHops]! : socket);
    await next();
  };
}

/** The address `clientAddress` found, else the socket's. */
export function addressOf(c: Context<AppEnv>): string {
  return c.get("clientAddress") ?? socketAddress(c);
}
