/**
 * Byte sizes (`mem_limit`, `shm_size`, `deploy.resources.limits.memory`, tmpfs `size`...):
 * compose-go `UnitBytes` reads an integer or a size with a binary unit
 * (`docker/go-units` `RAMInBytes`: `512m`, `1.5g`, `1GiB`) and prints the number
 * of bytes as text, as `docker compose config --format json` does (`"536870912"`).
 */
import type { PhaseResult } from "../issues";
import { goString, issueAt, type TransformOptions } from "./context";

const UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Bytes, or `undefined` when the text is not a size. */
export function parseUnitBytes(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (/^[+-]?[0-9]+$/.test(value)) return Number(value);
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value);
  if (!m) return undefined;
  const num = m[1] ?? "";
  if (!/^\d+(\.\d+)?$/.test(num)) return undefined;
  return Math.trunc(Number(num) * (UNITS[(m[2] ?? "").toLowerCase()] ?? 1));
}

export function transformUnitBytes({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  if (value === null || value === undefined) return { value, issues: [] };
  const bytes = typeof value === "string" || typeof value === "number" ? parseUnitBytes(value) : undefined;
  if (bytes === undefined) {
    return { value, issues: [issueAt("INVALID_VALUE", `invalid size: '${goString(value)}'`, { path, loc, file })] };
  }
  return { value: String(bytes), issues: [] };
}
