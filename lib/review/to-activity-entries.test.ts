import { describe, expect, it } from "vitest";
import { toActivityEntries } from "./to-activity-entries";

const at = new Date("2026-11-23T10:00:00Z");

describe("toActivityEntries", () => {
  it("keeps known actions, in order, with ISO dates", () => {
    const rows = [
      { id: "2", actor: "ana", action: "comment.add", fingerprint: null, detail: { commentId: "c1" }, createdAt: at },
      { id: "1", actor: "bo", action: "status.set", fingerprint: "f1", detail: { from: "open", to: "accepted" }, createdAt: at },
    ];
    expect(toActivityEntries(rows)).toEqual([
      { id: "2", actor: "ana", action: "comment.add", fingerprint: null, detail: { commentId: "c1" }, createdAt: "2026-11-23T10:00:00.000Z" },
      { id: "1", actor: "bo", action: "status.set", fingerprint: "f1", detail: { from: "open", to: "accepted" }, createdAt: "2026-11-23T10:00:00.000Z" },
    ]);
  });

  it("drops actions it does not know and keeps only object details", () => {
    const rows = [
      { id: "1", actor: "x", action: "something.else", fingerprint: null, detail: null, createdAt: at },
      { id: "2", actor: "x", action: "comment.add", fingerprint: null, detail: ["a"], createdAt: at },
      { id: "3", actor: "x", action: "comment.add", fingerprint: null, detail: "text", createdAt: at },
    ];
    expect(toActivityEntries(rows).map((e) => [e.id, e.detail])).toEqual([
      ["2", null],
      ["3", null],
    ]);
  });
});
