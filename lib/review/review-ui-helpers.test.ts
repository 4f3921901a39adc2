import { describe, expect, it } from "vitest";
import { describeActivity } from "./describe-activity";
import { describeConflict } from "./describe-conflict";
import { revisionHref } from "./revision-href";

describe("describeActivity", () => {
  const fp = "3f1c0a9be2d47c55";
  it("describes each action in one sentence", () => {
    expect(describeActivity({ entry: { actor: "Ana", action: "status.set", fingerprint: fp, detail: { to: "accepted_risk", reason: "vpn only" } } })).toBe(
      "Ana set finding 3f1c0a9b to Accepted risk: vpn only",
    );
    expect(describeActivity({ entry: { actor: "Bo", action: "comment.add", fingerprint: fp, detail: null }, findingLabel: () => "secret-reused db" })).toBe(
      "Bo commented on secret-reused db",
    );
    expect(describeActivity({ entry: { actor: "Lead", action: "signoff.add", fingerprint: null, detail: { revision: 2, openBlockers: 1 } } })).toBe(
      "Lead approved revision 2 for release with 1 open high/critical finding",
    );
    expect(describeActivity({ entry: { actor: "compose-parity", action: "finding.resolved", fingerprint: fp, detail: { revision: 3 } } })).toBe(
      "Finding 3f1c0a9b is no longer found in revision 3",
    );
    expect(describeActivity({ entry: { actor: "owner", action: "expiry.set", fingerprint: null, detail: { expiresAt: null } } })).toBe("owner set the links to never expire");
    expect(describeActivity({ entry: { actor: "owner", action: "link.revoke", fingerprint: null, detail: { link: "review" } } })).toBe("owner revoked the review link");
    expect(describeActivity({ entry: { actor: "Ana", action: "revision.add", fingerprint: null, detail: { revision: 2, added: 1, resolved: 3 } } })).toBe(
      "Ana uploaded revision 2 (1 new, 3 resolved)",
    );
  });
});

describe("describeConflict", () => {
  it("names who changed the finding, when and to what", () => {
    expect(describeConflict({ current: { status: "will_fix", statusReason: "next sprint", statusBy: "Ana", statusAt: "2026-11-23T10:05:00.000Z" } })).toBe(
      "Ana changed this finding first at 10:05 UTC: it is now Will fix (“next sprint”). Your change was not saved — review the new state and save again if you still want it.",
    );
  });
});

describe("revisionHref", () => {
  it("keeps the review key and adds the comparison base when asked", () => {
    expect(revisionHref({ comparisonId: "abc", revision: 2 })).toBe("/c/abc?revision=2");
    expect(revisionHref({ comparisonId: "abc", revision: 2, reviewKey: "k/1", compareWith: 1 })).toBe("/c/abc?revision=2&compare=1&key=k%2F1");
  });
});
