/**
 * The HMAC key for secret fingerprints (FINGERPRINT_KEY). Fingerprints let us tell
 * that two environments share a secret without storing it; the key must be stable
 * (or stored fingerprints stop matching) and private.
 * - set: used as is
 * - unset, with DATABASE_URL in production: refuse to start (a deployment must set it)
 * - unset otherwise (embedded database, local use): generated once and kept beside
 *   the data directory, with a warning
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "./config";

export type FingerprintKeyResult =
  | { ok: true; key: string; warning?: string }
  | { ok: false; message: string };

export function fingerprintKeyPath(pgliteDir: string): string {
  return path.join(path.dirname(path.resolve(pgliteDir)), "fingerprint.key");
}

export function ensureFingerprintKey({ config }: { config: Config }): FingerprintKeyResult {
  if (config.FINGERPRINT_KEY) return { ok: true, key: config.FINGERPRINT_KEY };
  if (config.DATABASE_URL && config.NODE_ENV === "production") {
    return {
      ok: false,
      message:
        "invalid configuration: FINGERPRINT_KEY is required in production with DATABASE_URL (a random value of 32+ characters, e.g. `openssl rand -hex 32`)",
    };
  }
  if (config.PGLITE_DIR.startsWith("memory://")) {
    return { ok: true, key: randomBytes(32).toString("hex"), warning: "FINGERPRINT_KEY is not set; using a random key for this in-memory run" };
  }
  const file = fingerprintKeyPath(config.PGLITE_DIR);
  if (existsSync(file)) {
    const key = readFileSync(file, "utf8").trim();
    if (key.length >= 32) return { ok: true, key, warning: `FINGERPRINT_KEY is not set; using the generated key in ${file}` };
  }
  const key = randomBytes(32).toString("hex");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { ok: true, key, warning: `FINGERPRINT_KEY is not set; generated one in ${file} (set FINGERPRINT_KEY in production)` };
}

/** The key server.ts settled at start-up (it sets FINGERPRINT_KEY in the process env); request handlers read it here. */
export function requireFingerprintKey(): string {
  const key = process.env.FINGERPRINT_KEY;
  if (!key) throw new Error("FINGERPRINT_KEY is not set (the server sets it at start-up)");
  return key;
}
