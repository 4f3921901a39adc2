import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalize } from "../canonicalize";
import type { ComposeProject } from "../model";
import { normalizeProject } from "../normalize";

const SERVICE_KEYS = [
  "build", "command", "entrypoint", "environment", "env_file", "ports", "expose", "volumes", "depends_on", "networks",
  "secrets", "configs", "extends", "healthcheck", "deploy", "ulimits", "devices", "dns", "labels", "extra_hosts",
  "tty", "privileged", "init", "cpus", "mem_limit", "stop_grace_period", "pre_start", "gpus", "develop", "links",
  "volumes_from", "network_mode", "image", "toString", "constructor", "__proto__", "hasOwnProperty",
];

const service = fc.dictionary(fc.constantFrom(...SERVICE_KEYS), fc.jsonValue());
const project = fc.record({
  name: fc.oneof(fc.string(), fc.jsonValue()),
  services: fc.oneof(fc.dictionary(fc.string(), fc.oneof(service, fc.jsonValue())), fc.jsonValue()),
  networks: fc.dictionary(fc.string(), fc.jsonValue()),
  volumes: fc.dictionary(fc.string(), fc.jsonValue()),
});

describe("canonicalize and normalize on arbitrary input", () => {
  it("never throw and always return a project with services", () => {
    fc.assert(
      fc.property(fc.oneof(project, fc.anything()), (raw) => {
        const canon = canonicalize({ project: raw, file: "f.yml" });
        expect(typeof canon.value.services).toBe("object");
        expect(Array.isArray(canon.issues)).toBe(true);
        const norm = normalizeProject({ project: canon.value, env: { A: "1" } });
        expect(typeof norm.value).toBe("object");
        // raw input straight into normalize (it tolerates raw forms) must not throw either
        expect(() => normalizeProject({ project: raw as ComposeProject, env: {} })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
