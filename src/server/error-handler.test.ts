import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { ChronicleError, ConfigError, InvalidInputError } from "../errors.js";
import { silentLogger } from "../logger.js";
import { createErrorHandler, describeError, notFoundHandler } from "./error-handler.js";
import { HttpError } from "./http-error.js";

describe("describeError", () => {
  it("keeps the status and code of known errors", () => {
    expect(describeError(new HttpError(429, "rate_limited", "slow down", { headers: { "Retry-After": "3" } })))
      .toEqual({ status: 429, code: "rate_limited", message: "slow down", headers: { "Retry-After": "3" } });
    expect(describeError(new InvalidInputError("bad question"))).toMatchObject({ status: 400, code: "invalid_request", message: "bad question" });
    expect(describeError(new HTTPException(405))).toMatchObject({ status: 405, code: "method_not_allowed", message: "method not allowed" });
    expect(describeError(new HTTPException(400, { message: "Malformed JSON in request body" }))).toMatchObject({ status: 400, code: "invalid_request" });
    expect(describeError(new ConfigError("PORT", "must be a number"))).toMatchObject({ status: 500, code: "bad_config" });
    expect(describeError(new ChronicleError("index_corrupt", "index is corrupt"))).toMatchObject({ status: 500, code: "index_corrupt" });
  });

  it("says nothing of an unknown error", () => {
    expect(describeError(new Error("password=hunter2"))).toEqual({ status: 500, code: "internal", message: "internal error", headers: {} });
    expect(describeError("a string")).toMatchObject({ status: 500, code: "internal" });
  });
});

describe("createErrorHandler", () => {
  const app = new Hono();
  app.onError(createErrorHandler(silentLogger));
  app.notFound(notFoundHandler);
  app.get("/boom", () => {
    throw new RangeError("deep internal detail");
  });
  app.get("/limited", () => {
    throw new HttpError(429, "rate_limited", "slow down", { headers: { "Retry-After": "7" } });
  });

  it("answers an unknown failure with a bare 500 and no stack", async () => {
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "internal error" } });
    expect(text).not.toContain("deep internal detail");
    expect(text).not.toContain("RangeError");
  });

  it("sends an error's headers", async () => {
    const res = await app.request("/limited");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("answers unknown routes with 404 JSON", async () => {
    const res = await app.request("/nowhere", { method: "DELETE" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no route for DELETE /nowhere" } });
  });
});
