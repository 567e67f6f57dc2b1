import { describe, expect, it } from "vitest";
import { guardedApp } from "../../../test-support/server-test-kit.js";
import { clientAddress } from "./client-address.js";
import { rateLimit } from "./rate-limit.js";

const from = (forwardedFor?: string) => (forwardedFor ? { headers: { "x-forwarded-for": forwardedFor } } : {});

describe("clientAddress", () => {
  it("behind one trusted proxy counts the address it appended, whatever the client wrote before it", async () => {
    const app = guardedApp(clientAddress(1), rateLimit({ limit: 1 }));
    expect((await app.request("/x", from("203.0.113.7"))).status).toBe(200);
    expect((await app.request("/x", from("198.51.100.1, 203.0.113.7"))).status).toBe(429);
    expect((await app.request("/x", from("203.0.113.8"))).status).toBe(200);
  });

  it("with two trusted hops takes the second address from the right", async () => {
    const app = guardedApp(clientAddress(2), rateLimit({ limit: 1 }));
    expect((await app.request("/x", from("203.0.113.7, 10.0.0.2"))).status).toBe(200);
    expect((await app.request("/x", from("203.0.113.7, 10.0.0.3"))).status).toBe(429);
  });

  it("trusts no header by default: a client cannot pick its own address", async () => {
    const app = guardedApp(clientAddress(0), rateLimit({ limit: 1 }));
    expect((await app.request("/x", from("203.0.113.7"))).status).toBe(200);
    expect((await app.request("/x", from("203.0.113.8"))).status).toBe(429);
  });
});
