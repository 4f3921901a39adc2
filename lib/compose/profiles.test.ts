import { describe, it, expect } from "vitest";
import { applyProfiles, isServiceActive, parseProfileList } from "./profiles";
import type { ComposeProject } from "./model";

const project = (): ComposeProject => ({
  name: "p",
  services: {
    web: { image: "web", depends_on: { db: { condition: "service_started", required: true } } },
    db: { image: "pg" },
    debug: { image: "dbg", profiles: ["debug"] },
    mail: { image: "mailpit", profiles: ["dev", "mail"] },
  },
});

describe("applyProfiles", () => {
  it("keeps services without profiles and drops the others when no profile is active", () => {
    const r = applyProfiles({ project: project() });
    expect(Object.keys(r.value.project.services)).toEqual(["web", "db"]);
    expect(r.value.inactiveServices).toEqual(["debug", "mail"]);
    expect(r.issues.every((i) => i.code === "PROFILE_INACTIVE" && i.severity === "info")).toBe(true);
  });

  it("reads COMPOSE_PROFILES from the project env when no profile is given", () => {
    const r = applyProfiles({ project: project(), env: { COMPOSE_PROFILES: "mail, other" } });
    expect(r.value.activeProfiles).toEqual(["mail", "other"]);
    expect(Object.keys(r.value.project.services)).toEqual(["web", "db", "mail"]);
  });

  it("lets explicit profiles win over COMPOSE_PROFILES", () => {
    const r = applyProfiles({ project: project(), profiles: ["debug"], env: { COMPOSE_PROFILES: "mail" } });
    expect(r.value.inactiveServices).toEqual(["mail"]);
  });

  it("activates every service with the * profile", () => {
    expect(applyProfiles({ project: project(), profiles: ["*"] }).value.inactiveServices).toEqual([]);
  });

  it("reports an active service requiring a service left out by profiles, like compose-go", () => {
    const p = project();
    p.services.web!.depends_on = { mail: { condition: "service_started", required: true } };
    const r = applyProfiles({ project: p });
    expect(r.issues.find((i) => i.code === "UNKNOWN_SERVICE_REFERENCE")).toMatchObject({ severity: "error", path: "services.web.depends_on.mail" });
  });

  it("accepts an optional dependency on an inactive service", () => {
    const p = project();
    p.services.web!.depends_on = { mail: { condition: "service_started", required: false } };
    const r = applyProfiles({ project: p });
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("profile helpers", () => {
  it("parses a comma-separated profile list", () => {
    expect(parseProfileList(" a, b,,c ")).toEqual(["a", "b", "c"]);
    expect(parseProfileList(undefined)).toEqual([]);
  });
  it("treats a service as active when one of its profiles is", () => {
    expect(isServiceActive(["a", "b"], ["b"])).toBe(true);
    expect(isServiceActive(["a"], ["b"])).toBe(false);
    expect(isServiceActive([], [])).toBe(true);
  });
});
