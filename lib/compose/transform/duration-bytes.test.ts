import { describe, expect, it } from "vitest";
import { parseUnitBytes, transformUnitBytes } from "./bytes";
import { formatDuration, parseDuration, transformDuration } from "./duration";

describe("durations (read like go-str2duration, printed like Go)", () => {
  const table: [string, string][] = [
    ["30s", "30s"],
    ["90s", "1m30s"],
    ["1m", "1m0s"],
    ["1h", "1h0m0s"],
    ["1m30s", "1m30s"],
    ["1.5s", "1.5s"],
    ["0.5s", "500ms"],
    ["500ms", "500ms"],
    ["10us", "10µs"],
    ["5ns", "5ns"],
    ["0", "0s"],
    ["1d", "24h0m0s"],
    ["1w", "168h0m0s"],
    ["2h45m", "2h45m0s"],
    ["-1s", "-1s"],
  ];
  for (const [input, output] of table) {
    it(`prints ${input} as ${output}`, () => {
      expect(transformDuration({ value: input, path: [] })).toEqual({ value: output, issues: [] });
    });
  }

  it("rejects text that is not a duration", () => {
    for (const bad of ["", "10", "s", "1x", "1.2.3s", "abc", "1constructor", "2toString"]) expect(parseDuration(bad)).toBeUndefined();
    expect(transformDuration({ value: "10", path: ["services", "web", "healthcheck", "interval"] }).issues[0]?.message).toBe(
      'time: invalid duration "10"',
    );
  });

  it("formats sub-second fractions without trailing zeros", () => {
    expect(formatDuration(1_500_000)).toBe("1.5ms");
    expect(formatDuration(61_000_000_001)).toBe("1m1.000000001s");
  });
});

describe("byte sizes (go-units RAMInBytes, printed as a number of bytes)", () => {
  const table: [string | number, string][] = [
    [1024, "1024"],
    ["1024", "1024"],
    ["512m", "536870912"],
    ["512M", "536870912"],
    ["1g", "1073741824"],
    ["1GiB", "1073741824"],
    ["1.5g", "1610612736"],
    ["64kb", "65536"],
    ["100 b", "100"],
    ["-1", "-1"],
  ];
  for (const [input, output] of table) {
    it(`reads ${JSON.stringify(input)}`, () => {
      expect(transformUnitBytes({ value: input, path: [] })).toEqual({ value: output, issues: [] });
    });
  }

  it("rejects text that is not a size", () => {
    for (const bad of ["lots", "1x", "1.2.3g", "m"]) expect(parseUnitBytes(bad)).toBeUndefined();
    expect(transformUnitBytes({ value: "lots", path: ["s"] }).issues[0]?.message).toBe("invalid size: 'lots'");
  });
});
