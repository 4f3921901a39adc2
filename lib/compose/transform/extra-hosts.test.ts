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

describe("transformExtraHosts (compose-go types/hostList_test.go cases)", () => {
  for (const sep of ["=", ":"]) {
    const cases: [string[], string[]][] = [
      [[`myhost${sep}192.168.0.1`], ["myhost=192.168.0.1"]],
      [[`myhost${sep}[192.168.0.1]`], ["myhost=192.168.0.1"]],
      [[`anipv6host${sep}2003:ab34:e::1`], ["anipv6host=2003:ab34:e::1"]],
      [[`anipv6host${sep}[2003:ab34:e::1]`], ["anipv6host=2003:ab34:e::1"]],
      [[`ipv6local${sep}::1`], ["ipv6local=::1"]],
      [[`host.docker.internal${sep}host-gateway`], ["host.docker.internal=host-gateway"]],
    ];
    for (const [input, output] of cases) {
      it(`reads ${JSON.stringify(input)}`, () => {
        expect(transformExtraHosts({ value: input, path: [] })).toEqual({ value: output, issues: [] });
      });
    }
  }
  it("rejects an empty host name", () => {
    for (const bad of ["::::1", "=::1"]) {
      expect(transformExtraHosts({ value: [bad], path: ["x"] }).issues[0]?.message).toBe("bad host name ''");
    }
  });
});
