import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYaml } from "./parse-yaml";
import { OverrideTag, ResetTag } from "./tags";
import { validateSchema } from "./validate-schema";

const validate = (yaml: string, file = "compose.yml") => validateSchema({ value: parseYaml({ content: yaml, file }).value, file });

describe("validateSchema", () => {
  it("accepts a valid compose file", () => {
    expect(
      validate(`
name: demo
services:
  web:
    build: ./app
    command: python manage.py runserver 0.0.0.0:8000
    ports: ["8000:8000", 9000, {target: 80, published: "8080"}]
    environment: [DEBUG=1]
    depends_on: [db]
  db:
    image: postgres:15
volumes:
  data: {}
`),
    ).toEqual([]);
  });

  it("names an unknown attribute and points at its line", () => {
    const issues = validate(["services:", "  web:", "    image: nginx", "    prots:", '      - "80:80"'].join("\n"), "dev.yml");
    expect(issues).toEqual([
      {
        code: "SCHEMA",
        severity: "error",
        message: 'services.web: additional property "prots" is not allowed',
        file: "dev.yml",
        line: 4,
        col: 5,
        path: "services.web.prots",
      },
    ]);
  });

  it("says which types a value may have", () => {
    const issues = validate(["services:", "  web:", "    image: nginx", "    environment: 5"].join("\n"));
    expect(issues).toMatchObject([{ message: "services.web.environment must be a list or mapping", path: "services.web.environment", line: 4 }]);
  });

  it("reports the error inside the branch that fits instead of every oneOf alternative", () => {
    const issues = validate(["services:", "  web:", "    ports:", "      - target: 80", "        publish: 8080"].join("\n"));
    expect(issues).toMatchObject([{ message: 'services.web.ports[0]: additional property "publish" is not allowed', path: "services.web.ports[0].publish", line: 5 }]);
  });

  it("reports independent problems separately", () => {
    const issues = validate(["services:", "  web:", "    image: 5", "    restart: [always]", "  db:", "    depends_on:", "      web: {}"].join("\n"));
    expect(issues.map((i) => i.path).sort()).toEqual(["services.db.depends_on.web", "services.web.image", "services.web.restart"]);
    expect(issues.find((i) => i.path === "services.db.depends_on.web")?.message).toBe('services.db.depends_on.web: missing required property "condition"');
  });

  it("reports duplicated list items", () => {
    expect(validate(["services:", "  web:", "    ports: ['80:80', '80:80']"].join("\n"))).toMatchObject([
      { message: "services.web.ports must hold unique items (items 0 and 1 are the same)", path: "services.web.ports" },
    ]);
  });

  it("rejects a top level that is not a mapping", () => {
    expect(validateSchema({ value: ["a"], file: "x.yml" })).toMatchObject([{ code: "SCHEMA", message: "the compose file must be a mapping", file: "x.yml" }]);
  });

  it("tolerates !reset / !override markers", () => {
    expect(validateSchema({ value: { services: { web: { image: new OverrideTag("nginx"), ports: new ResetTag() } } } })).toMatchObject([
      { path: "services.web.ports" },
    ]);
    expect(validateSchema({ value: { services: { web: new OverrideTag({ image: "nginx" }) } } })).toEqual([]);
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const issues = validateSchema({ value, file: "f.yml" });
        expect(Array.isArray(issues)).toBe(true);
        expect(issues.every((i) => i.code === "SCHEMA")).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => validateSchema({ value })).not.toThrow();
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (service) => {
        expect(() => validateSchema({ value: { services: { web: service } } })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("judges values that are not plain JSON as their JSON form", () => {
    // an undefined attribute is absent, a Map reads as a mapping
    expect(validateSchema({ value: { services: { web: { image: "nginx", ports: undefined } } } })).toEqual([]);
    expect(validateSchema({ value: { services: new Map([["web", { image: "nginx" }]]) } })).toEqual([]);
    // and every JSON value is judged as itself: the same issues as for its parsed copy
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("image", "ports", "build", "x-a", "bogus", "restart"), fc.jsonValue({ maxDepth: 2 })), (service) => {
        const value = { services: { web: service } };
        expect(validateSchema({ value })).toEqual(validateSchema({ value: JSON.parse(JSON.stringify(value)) as unknown }));
      }),
      { numRuns: 200 },
    );
  });

  it("survives a cyclic value", () => {
    const a: Record<string, unknown> = { image: "x" };
    a.self = a;
    expect(() => validateSchema({ value: { services: { web: a } } })).not.toThrow();
  });
});
