import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readReviewResponse } from "./read-review-response";

const schema = z.object({ n: z.number() });
const current = { fingerprint: "a".repeat(16), revision: 1, rule: "r", severity: "high", service: null, key: null, message: "m", status: "fixed", statusReason: null, statusBy: "Ana", statusAt: null, version: 2 };

describe("readReviewResponse", () => {
  it("parses a success body with the expected schema", () => {
    expect(readReviewResponse({ status: 200, body: { n: 1 }, schema })).toEqual({ ok: true, data: { n: 1 } });
    expect(readReviewResponse({ status: 200, body: { n: "1" }, schema })).toMatchObject({ ok: false, error: { code: "BAD_RESPONSE" } });
  });

  it("keeps the current state of a conflict", () => {
    const r = readReviewResponse({ status: 409, body: { error: { code: "CONFLICT", message: "Ana changed this finding first.", current } }, schema });
    expect(r).toEqual({ ok: false, error: { status: 409, code: "CONFLICT", message: "Ana changed this finding first.", current } });
  });

  it("explains a 410 or a body that is not an API error", () => {
    expect(readReviewResponse({ status: 410, body: "<html>", schema })).toMatchObject({ ok: false, error: { status: 410, code: "HTTP_410", message: "This link has expired or was revoked." } });
  });
});
