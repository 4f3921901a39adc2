/** Findings that should hold a release: still `open` and of high or critical severity. */
export interface CountOpenBlockersOptions {
  findings: readonly { severity: string; status: string }[];
}

export function countOpenBlockers({ findings }: CountOpenBlockersOptions): { high: number; critical: number; total: number } {
  let high = 0;
  let critical = 0;
  for (const f of findings) {
    if (f.status !== "open") continue;
    if (f.severity === "high") high++;
    else if (f.severity === "critical") critical++;
  }
  return { high, critical, total: high + critical };
}
