import { describe, expect, it } from "vitest";
import { closeRenderReport, openRenderReport, openRenderReports, reportRender } from "./render-report";

describe("render reports", () => {
  it("hands back what the render reported under its token, once", () => {
    const token = openRenderReport();
    reportRender(token, { digest: "d1", capability: "view" });
    reportRender(token, { digest: "d1", capability: "view" });
    expect(closeRenderReport(token)).toEqual({ digest: "d1", capability: "view" });
    expect(closeRenderReport(token)).toBeNull();
    expect(openRenderReports()).toBe(0);
  });

  it("gives nothing for a render that reported nothing or two different states", () => {
    const silent = openRenderReport();
    expect(closeRenderReport(silent)).toBeNull();
    const torn = openRenderReport();
    reportRender(torn, { digest: "d1", capability: "view" });
    reportRender(torn, { digest: "d2", capability: "view" });
    expect(closeRenderReport(torn)).toBeNull();
    const other = openRenderReport();
    reportRender(other, { digest: "d1", capability: "view" });
    reportRender(other, { digest: "d1", capability: "review" });
    expect(closeRenderReport(other)).toBeNull();
  });

  it("ignores reports under tokens it did not open", () => {
    reportRender("made-up", { digest: "d", capability: "owner" });
    reportRender(null, { digest: "d", capability: "owner" });
    expect(closeRenderReport("made-up")).toBeNull();
    const a = openRenderReport();
    const b = openRenderReport();
    expect(a).not.toBe(b);
    reportRender(a, { digest: "da", capability: "view" });
    expect(closeRenderReport(b)).toBeNull();
    expect(closeRenderReport(a)).toEqual({ digest: "da", capability: "view" });
  });
});
