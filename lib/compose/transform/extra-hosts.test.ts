import { describe, expect, it } from "vitest";
import { transformExtraHosts } from "./extra-hosts";

describe("transformExtraHosts", () => {
  it("prints a sorted host=ip list from both separators, brackets removed", () => {
    const r = transformExtraHosts({ value: ["somehost:162.242.195.82", "otherhost=50.31.209.229", "v6=[::1]", "multi=1.1.1.1,2.2.2.2"], path: [] });
    expect(r.value).toEqual(["multi=1.1.1.1", "multi=2.2.2.2", "otherhost=50.31.209.229", "somehost=162.242.195.82", "v6=::1"]);
  });

  it("reads the mapping form", () => {
    expect(transformExtraHosts({ value: { b: "2.2.2.2", a: ["1.1.1.1", "::1"] }, path: [] }).value).toEqual(["a=1.1.1.1", "a=::1", "b=2.2.2.2"]);
  });

  it("rejects an entry without IP", () => {
    expect(transformExtraHosts({ value: ["nohost"], path: ["x"] }).issues[0]?.message).toBe("invalid additional host, missing IP: nohost");
  });
});
