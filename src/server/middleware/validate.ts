import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { HttpError } from "../http-error.js";

/** "messages.3.role: role must be ..." for the first problem; the rest usually follow from it. */
export function describeIssues(error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> }): string {
  const [issue] = error.issues;
  if (!issue) return "invalid request";
  const path = issue.path.map(String).join(".");
  return path && !issue.message.startsWith(String(issue.path.at(-1))) ? `${path}: ${issue.message}` : issue.message;
}

/** Validates one part of the request with zod; a failure is a 400 through the error handler. */
export function validate<Target extends keyof ValidationTargets, T extends z.ZodType>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw new HttpError(400, "invalid_request", describeIssues(result.error));
  });
}
