import { describe, expect, it } from "vitest";
import { isIP } from "./ip";

describe("isIP (Go net.ParseIP)", () => {
  const valid = ["127.0.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "1:2:3:4:5:6:7:8", "::ffff:1.2.3.4", "1::"];
  const invalid = ["", "127.0.1", "256.1.1.1", "01.1.1.1", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", "fe80::1%eth0", "gggg::1", "::1.2.3", "localhost", "[::1]"];
  for (const s of valid) it(`accepts ${s}`, () => expect(isIP(s)).toBe(true));
  for (const s of invalid) it(`rejects ${JSON.stringify(s)}`, () => expect(isIP(s)).toBe(false));
});
