import { describe, expect, it } from "vitest";
import { decline } from "./decline";
import { goPlainNumber, isCoreString, plainScalarValue } from "./scalars";
import { expectAsReference } from "./testing";

describe("plainScalarValue", () => {
  it("reads numbers as go-yaml does: octal with a leading zero, underscores dropped, base prefixes", () => {
    expect(plainScalarValue("0755")).toBe(493);
    expect(plainScalarValue("0o17")).toBe(15);
    expect(plainScalarValue("0O17")).toBe(15);
    expect(plainScalarValue("0x1F")).toBe(31);
    expect(plainScalarValue("0b101")).toBe(5);
    expect(plainScalarValue("1_000")).toBe(1000);
    expect(plainScalarValue("1e3")).toBe(1000);
    expect(plainScalarValue("-0x10")).toBe(-16);
    expect(plainScalarValue("+5")).toBe(5);
    expect(plainScalarValue("08")).toBe(8);
    expect(plainScalarValue("1.10")).toBe(1.1);
    expect(plainScalarValue(".5")).toBe(0.5);
    expect(plainScalarValue(".5e1")).toBe(5);
  });

  it("reads .inf and .nan with the core schema", () => {
    expect(plainScalarValue("-.inf")).toBe(Number.NEGATIVE_INFINITY);
    expect(plainScalarValue("+.Inf")).toBe(Number.POSITIVE_INFINITY);
    expect(plainScalarValue(".INF")).toBe(Number.POSITIVE_INFINITY);
    expect(plainScalarValue(".NaN")).toBeNaN();
  });

  it("reads null and booleans of the core schema only: yes, on, off stay strings", () => {
    for (const s of ["~", "null", "Null", "NULL"]) expect(plainScalarValue(s)).toBeNull();
    for (const s of ["true", "True", "TRUE"]) expect(plainScalarValue(s)).toBe(true);
    for (const s of ["false", "False", "FALSE"]) expect(plainScalarValue(s)).toBe(false);
    for (const s of ["yes", "on", "off", "no", "y", "n", "nULL", "tRUE"]) expect(plainScalarValue(s)).toBe(s);
  });

  it("keeps ports, versions, timestamps and other text as strings", () => {
    for (const s of ["8000:8000", "1.2.3", "2024-01-01", "2001-12-14t21:59:43.10-05:00", "-", "+", ".", "0x", "1__", "_1", "v1", "nginx:1.25", "${TAG:-1}", "é"]) {
      expect(typeof plainScalarValue(s), s).toBe(typeof (goPlainNumber(s) ?? s));
    }
    expect(plainScalarValue("8000:8000")).toBe("8000:8000");
    expect(plainScalarValue("2024-01-01")).toBe("2024-01-01");
  });

  it("agrees with the reference on each of these as a mapping value", () => {
    const values = ["0755", "0o17", "0x1F", "1_000", "1e3", "-.inf", ".nan", "~", "null", "yes", "on", "True", "8000:8000", "2024-01-01", "1.10", "-0", "+.5", "12345678901234567890", "0b2", ".5", ".5e1", "-.5"];
    expectAsReference(values.map((v, i) => `k${i}: ${v}`).join("\n") + "\n");
  });
});

describe("isCoreString", () => {
  it("tells the keys the core schema reads as strings", () => {
    for (const s of ["services", "web", "yes", "on", "1_000", "x-common", "com.example.tier", "0b1", "<<"]) expect(isCoreString(s), s).toBe(true);
    for (const s of ["1", "-1", "0o7", "0x1F", "1.5", "1e3", ".inf", ".nan", "null", "~", "", "true", "False"]) expect(isCoreString(s), s).toBe(false);
  });
});

describe("decline", () => {
  it("throws a Decline with its reason", () => {
    expect(() => decline("why")).toThrow(expect.objectContaining({ reason: "why" }) as Error);
  });
});
