/**
 * IP address syntax as Go's `net.ParseIP` accepts it (no zones, no CIDR):
 * dotted-decimal IPv4 without leading zeros, or IPv6 with at most one `::`
 * and an optional trailing dotted IPv4.
 */

export function isIPv4(s: string): boolean {
  const parts = s.split(".");
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIPv6(s: string): boolean {
  if (s.length === 0 || s.length > 45) return false;
  let groups = s;
  let tailGroups = 0;
  const lastColon = s.lastIndexOf(":");
  if (lastColon >= 0 && s.indexOf(".", lastColon) >= 0) {
    if (!isIPv4(s.slice(lastColon + 1))) return false;
    groups = s.slice(0, lastColon + 1) + "0";
    tailGroups = 1; // the IPv4 tail takes two groups; "0" stands for one, add one more
  }
  const halves = groups.split("::");
  if (halves.length > 2) return false;
  const hex = /^[0-9A-Fa-f]{1,4}$/;
  const count = (h: string): number | undefined => {
    if (h === "") return 0;
    const g = h.split(":");
    return g.every((x) => hex.test(x)) ? g.length : undefined;
  };
  if (halves.length === 1) {
    const n = count(halves[0] ?? "");
    return n !== undefined && n + tailGroups === 8;
  }
  const a = count(halves[0] ?? "");
  const b = count(halves[1] ?? "");
  if (a === undefined || b === undefined) return false;
  return a + b + tailGroups <= 7;
}

/** Go `net.ParseIP(s) != nil`. */
export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}
