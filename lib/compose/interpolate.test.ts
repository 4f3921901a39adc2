import { describe, expect, it } from "vitest";
import { interpolateTree, type InterpolationLookupResult } from "./interpolate";
import { getLoc, setLoc, setSelfLoc } from "./source-map";
import { OverrideTag, ResetTag } from "./tags";

const vars: Record<string, InterpolationLookupResult> = {
  TAG: { value: "1.2", file: ".env", line: 3 },
  PORT: { value: "8080", file: ".env", line: 4 },
  REPLICAS: { value: "3", file: ".env.prod", line: 1 },
  SHELL_ONLY: { value: "from-shell" },
};
const lookup = (name: string) => vars[name];
const file = "compose.yaml";

describe("interpolateTree", () => {
  it("substitutes string values at any depth and leaves keys, numbers, booleans and null alone", () => {
    const input = {
      services: {
        "${TAG}": { image: "app:${TAG}", ports: ["${PORT}:80", 9000], tty: true, command: null },
      },
    };
    const { value, issues } = interpolateTree({ value: input, lookup, file });
    expect(issues).toEqual([]);
    expect(value.value).toEqual({
      services: { "${TAG}": { image: "app:1.2", ports: ["8080:80", 9000], tty: true, command: null } },
    });
    // the input is not changed
    expect(input.services["${TAG}"].image).toBe("app:${TAG}");
  });

  it("records the variables each value used, with the env file and line that set them", () => {
    const { value } = interpolateTree({
      value: { services: { web: { image: "app:${TAG}", environment: { A: "${SHELL_ONLY}-${NOPE:-x}" }, labels: { "traefik.port": "$PORT" } } } },
      lookup,
      file,
    });
    expect(value.interpolations).toEqual({
      "services.web.image": [{ name: "TAG", file: ".env", line: 3 }],
      "services.web.environment.A": [{ name: "SHELL_ONLY" }, { name: "NOPE" }],
      'services.web.labels["traefik.port"]': [{ name: "PORT", file: ".env", line: 4 }],
    });
  });

  it("substitutes a string written in many places once, and reports each place (uses, casts, warnings)", () => {
    const names: string[] = [];
    const counting = (name: string) => {
      names.push(name);
      return vars[name];
    };
    const input = {
      services: {
        a: { image: "app:${TAG}", tty: "${NOPE}", environment: { X: "${NOPE}" } },
        b: { image: "app:${TAG}", tty: "${NOPE}" },
      },
    };
    const { value, issues } = interpolateTree({ value: input, lookup: counting, file });
    expect(names.sort()).toEqual(["NOPE", "TAG"]);
    expect(value.value).toEqual({ services: { a: { image: "app:1.2", tty: "", environment: { X: "" } }, b: { image: "app:1.2", tty: "" } } });
    expect(Object.keys(value.interpolations)).toEqual([
      "services.a.image",
      "services.a.tty",
      "services.a.environment.X",
      "services.b.image",
      "services.b.tty",
    ]);
    expect(value.interpolations["services.b.image"]).toEqual([{ name: "TAG", file: ".env", line: 3 }]);
    expect(issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      "UNSET_VARIABLE services.a.tty",
      "INVALID_VALUE services.a.tty",
      "UNSET_VARIABLE services.a.environment.X",
      "UNSET_VARIABLE services.b.tty",
      "INVALID_VALUE services.b.tty",
    ]);
  });

  it("keeps source locations on the rebuilt containers", () => {
    const web = { image: "app:${TAG}", ports: ["${PORT}:80"] };
    const root = { services: { web } };
    setSelfLoc(root, { file, line: 1, col: 1 });
    setLoc(root, "services", { file, line: 1, col: 1 });
    setLoc(root.services, "web", { file, line: 2, col: 3 });
    setLoc(web, "image", { file, line: 3, col: 12 });
    setLoc(web.ports, 0, { file, line: 5, col: 9 });
    const out = interpolateTree({ value: root, lookup, file }).value.value as typeof root;
    expect(out).not.toBe(root);
    expect(getLoc(out.services, "web")).toEqual({ file, line: 2, col: 3 });
    expect(getLoc(out.services.web, "image")).toEqual({ file, line: 3, col: 12 });
    expect(getLoc(out.services.web.ports, 0)).toEqual({ file, line: 5, col: 9 });
  });

  it("warns where an unset variable without default was used", () => {
    const web = { image: "app:${MISSING}" };
    setLoc(web, "image", { file, line: 7, col: 12 });
    const { value, issues } = interpolateTree({ value: { services: { web } }, lookup, file });
    expect((value.value as { services: { web: { image: string } } }).services.web.image).toBe("app:");
    expect(issues).toEqual([
      {
        code: "UNSET_VARIABLE",
        severity: "warning",
        message: 'The "MISSING" variable is not set. Defaulting to a blank string.',
        file,
        line: 7,
        col: 12,
        path: "services.web.image",
      },
    ]);
  });

  it("reports a missing required variable as an error at its location and keeps the value as written", () => {
    const web = { image: "app:${MISSING:?set it in .env}" };
    setLoc(web, "image", { file: "base.yaml", line: 4, col: 12 });
    const { value, issues } = interpolateTree({ value: { services: { web } }, lookup, file });
    expect((value.value as { services: { web: { image: string } } }).services.web.image).toBe("app:${MISSING:?set it in .env}");
    expect(issues).toEqual([
      {
        code: "REQUIRED_VARIABLE",
        severity: "error",
        message: "error while interpolating services.web.image: required variable MISSING is missing a value: set it in .env",
        file: "base.yaml",
        line: 4,
        col: 12,
        path: "services.web.image",
      },
    ]);
  });

  it("reports an invalid template with compose's advice to escape $", () => {
    const { issues } = interpolateTree({ value: { services: { web: { command: "echo ${ oops}" } } }, lookup, file });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "INTERPOLATION_SYNTAX",
      file,
      path: "services.web.command",
      message: "invalid interpolation format for services.web.command.\nYou may need to escape any $ with another $.\necho ${ oops}",
    });
  });

  it("interpolates x-* extensions too, like compose-go", () => {
    const { value } = interpolateTree({ value: { "x-common": { image: "base:${TAG}" } }, lookup, file });
    expect(value.value).toEqual({ "x-common": { image: "base:1.2" } });
  });

  it("passes !reset through and interpolates the value of !override, keeping the marker", () => {
    const reset = new ResetTag();
    const { value } = interpolateTree({
      value: { services: { web: { ports: reset, environment: new OverrideTag({ V: "${TAG}" }) } } },
      lookup,
      file,
    });
    const web = (value.value as { services: { web: { ports: unknown; environment: unknown } } }).services.web;
    expect(web.ports).toBe(reset);
    expect(web.environment).toBeInstanceOf(OverrideTag);
    expect((web.environment as OverrideTag).value).toEqual({ V: "1.2" });
    expect(value.interpolations["services.web.environment.V"]).toEqual([{ name: "TAG", file: ".env", line: 3 }]);
  });

  it("casts values at compose's typed paths, as docker compose config prints them", () => {
    const { value, issues } = interpolateTree({
      value: {
        services: {
          web: {
            deploy: { replicas: "${REPLICAS}" },
            privileged: "yes",
            cpus: "0.5",
            ports: [{ target: "${PORT}" }],
            image: "${REPLICAS}",
          },
        },
        networks: { front: { external: "true" } },
      },
      lookup,
      file,
    });
    expect(value.value).toEqual({
      services: { web: { deploy: { replicas: 3 }, privileged: true, cpus: 0.5, ports: [{ target: 8080 }], image: "3" } },
      networks: { front: { external: true } },
    });
    expect(issues.map((i) => [i.code, i.severity, i.path])).toEqual([["YAML11_BOOLEAN", "warning", "services.web.privileged"]]);
  });

  it("reports a value that cannot be cast, like compose-go", () => {
    const { value, issues } = interpolateTree({ value: { services: { web: { deploy: { replicas: "${TAG}" } } } }, lookup, file });
    expect((value.value as { services: { web: { deploy: { replicas: unknown } } } }).services.web.deploy.replicas).toBe("1.2");
    expect(issues).toEqual([
      expect.objectContaining({
        code: "INVALID_VALUE",
        message: 'error while interpolating services.web.deploy.replicas: failed to cast to expected type: strconv.Atoi: parsing "1.2": invalid syntax',
      }),
    ]);
  });

  it("leaves strings as strings when casting is turned off", () => {
    const { value } = interpolateTree({ value: { services: { web: { deploy: { replicas: "${REPLICAS}" } } } }, lookup, file, castTypes: false });
    expect(value.value).toEqual({ services: { web: { deploy: { replicas: "3" } } } });
  });

  it("terminates on a cyclic structure", () => {
    const a: Record<string, unknown> = { name: "${TAG}" };
    a.self = a;
    const { value } = interpolateTree({ value: a, lookup, file });
    expect((value.value as Record<string, unknown>).name).toBe("1.2");
  });

  it("keeps a __proto__ key as data", () => {
    const input = JSON.parse('{"__proto__": "${TAG}", "a": "b"}') as Record<string, unknown>;
    const out = interpolateTree({ value: input, lookup, file }).value.value as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toBe("1.2");
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it("interpolates a bare string document", () => {
    expect(interpolateTree({ value: "${TAG}", lookup, file }).value).toEqual({
      value: "1.2",
      interpolations: { "": [{ name: "TAG", file: ".env", line: 3 }] },
    });
  });
});
