import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Hono } from "hono";
import { silentLogger } from "../../logger.js";
import type { AppEnv } from "../app-env.js";
import { createErrorHandler } from "../error-handler.js";
import { describeIssues, validate } from "./validate.js";

describe("validate", () => {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(silentLogger));
  app.get("/q", validate("query", z.object({ n: z.coerce.number().int().max(5) })), (c) => c.json(c.req.valid("query")));

  it("hands the parsed value to the handler", async () => {
    expect(await (await app.request("/q?n=3")).json()).toEqual({ n: 3 });
  });

  it("turns the first issue into a 400 naming its path", async () => {
    const res = await app.request("/q?n=9");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_request", message: "n: Too big: expected number to be <=5" } });
  });

  it("does not repeat a path the message already starts with", () => {
    expect(describeIssues({ issues: [{ path: ["question"], message: "question is empty" }] })).toBe("question is empty");
    expect(describeIssues({ issues: [{ path: ["messages", 2, "role"], message: "bad" }] })).toBe("messages.2.role: bad");
    expect(describeIssues({ issues: [] })).toBe("invalid request");
  });
});
