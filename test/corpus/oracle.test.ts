/**
 * Cross-check against docker-compose 1.29.2's `config` output
 * (test/fixtures/corpus/oracle-docker-compose-v1/). Compose v2 is the reference; we
 * compare only what v1 and v2 agree on (see that folder's README): service names,
 * images, environment maps, and port targets / published ports / protocols. Environments
 * v1 refused (newer keys, env files not in the set) and v1's unparsed `IP:host:container`
 * port strings are not compared. v1 prints a literal `$` as `$$` (so its output can be
 * loaded again); values are compared with that escape undone.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { loadEnvironment } from "@/lib/compose/load-environment";
import type { LoadedEnvironment } from "@/lib/compose/model";
import { CORPUS_DIR, corpusEnvironments } from "./corpus";

type OraclePort = [hostIp: string, published: string, target: number | "", protocol: string];
interface OracleService {
  image: string | null;
  environment: Record<string, string | null>;
  ports: OraclePort[];
}
type OracleEnv = { services: Record<string, OracleService> } | { error: string };

/** Environments where v1 printed a model that v2 rightly refuses (v1 accepts duplicate keys). */
const V1_ONLY: Record<string, string> = {
  "briancaffey__django-postgres-vue-gitlab-ecs__dev-ci-test/ci": "v1 accepts the duplicated top-level `services:` key (last wins); v2 rejects it",
};

const oracle = (set: string): Record<string, OracleEnv> =>
  JSON.parse(readFileSync(join(CORPUS_DIR, "oracle-docker-compose-v1", `${set}.json`), "utf8")) as Record<string, OracleEnv>;

function ourPorts(loaded: LoadedEnvironment, service: string): string[] {
  return (loaded.project.services[service]?.ports ?? []).map((p) => `${p.published ?? ""}:${p.target}/${p.protocol}`).sort();
}

function unescapeDollars(env: Record<string, string | null>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? v : v.replaceAll("$$", "$")]));
}

const environments = corpusEnvironments();
const compared: string[] = [];

describe("corpus vs docker-compose v1 (what v1 and v2 agree on)", () => {
  for (const e of environments) {
    const v1 = oracle(e.set)[e.env];
    const key = `${e.set}/${e.env}`;
    if (!v1 || "error" in v1 || V1_ONLY[key]) continue;
    compared.push(key);
    it(key, () => {
      const loaded = loadEnvironment(e.input);
      expect(loaded.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(Object.keys(loaded.project.services).sort(), "service names").toEqual(Object.keys(v1.services).sort());
      for (const [name, s1] of Object.entries(v1.services)) {
        const s2 = loaded.project.services[name];
        expect(s2?.image ?? null, `${name}.image`).toBe(s1.image);
        expect(s2?.environment ?? {}, `${name}.environment`).toEqual(unescapeDollars(s1.environment));
        const parsed = s1.ports.filter((p) => p[0] !== "?");
        const ours = ourPorts(loaded, name);
        if (parsed.length === s1.ports.length) {
          expect(ours, `${name}.ports`).toEqual(parsed.map(([, pub, target, proto]) => `${pub}:${target}/${proto}`).sort());
        } else {
          // v1 left `IP:published:target` strings unparsed: compare the count and the parsed ones
          expect(ours.length, `${name}.ports count`).toBe(s1.ports.length);
          for (const [, pub, target, proto] of parsed) expect(ours).toContain(`${pub}:${target}/${proto}`);
        }
      }
    });
  }

  it("compares a good share of the corpus", () => {
    expect(compared.length).toBeGreaterThanOrEqual(15);
  });
});
