import { describe, it, expect } from "vitest";
import { collectLocations, copyAllLocs, copyLoc, formatPath, getLoc, getSelfLoc, locAt, setLoc, setSelfLoc } from "./source-map";

const at = (line: number, col = 1) => ({ file: "compose.yaml", line, col });

describe("source-map side table", () => {
  it("keeps locations beside the values: keys, spread, JSON and equality do not see them", () => {
    const web = { image: "nginx", ports: ["80:80"] };
    setLoc(web, "image", at(3, 5));
    setSelfLoc(web, at(3, 5));
    setLoc(web.ports, 0, at(5, 9));
    expect(Object.keys(web)).toEqual(["image", "ports"]);
    expect(Object.getOwnPropertySymbols(web)).toEqual([]);
    expect(JSON.stringify(web)).toBe('{"image":"nginx","ports":["80:80"]}');
    expect(web).toEqual({ image: "nginx", ports: ["80:80"] });
    expect(getLoc(web, "image")).toEqual(at(3, 5));
    expect(getLoc(web.ports, 0)).toEqual(at(5, 9));
    expect(getSelfLoc(web)).toEqual(at(3, 5));
    // a spread copy is a new container: it has no locations until they are copied
    const copy = { ...web };
    expect(getLoc(copy, "image")).toBeUndefined();
    copyAllLocs(web, copy);
    expect(getLoc(copy, "image")).toEqual(at(3, 5));
    expect(getSelfLoc(copy)).toEqual(at(3, 5));
  });

  it("records locations on frozen and non-extensible containers too", () => {
    const frozen = Object.freeze({ a: 1 });
    const sealed = Object.preventExtensions([1, 2]);
    setLoc(frozen, "a", at(1));
    setSelfLoc(frozen, at(1));
    setLoc(sealed, 1, at(2));
    expect(getLoc(frozen, "a")).toEqual(at(1));
    expect(getSelfLoc(frozen)).toEqual(at(1));
    expect(getLoc(sealed, 1)).toEqual(at(2));
    const to: Record<string, unknown> = {};
    copyAllLocs(frozen, to);
    expect(getLoc(to, "a")).toEqual(at(1));
  });

  it("copies child maps on write, so a copy and its source change independently", () => {
    const a: Record<string, unknown> = { x: 1, y: 2 };
    setLoc(a, "x", at(1));
    const b: Record<string, unknown> = { ...a };
    copyAllLocs(a, b);
    setLoc(b, "y", at(9));
    setLoc(a, "x", at(7));
    expect(getLoc(a, "y")).toBeUndefined();
    expect(getLoc(b, "y")).toEqual(at(9));
    expect(getLoc(b, "x")).toEqual(at(1));
    expect(getLoc(a, "x")).toEqual(at(7));
    copyLoc(a, "x", b, "z");
    expect(getLoc(b, "z")).toEqual(at(7));
  });

  it("answers nothing for scalars and containers without locations", () => {
    expect(getLoc(null, "a")).toBeUndefined();
    expect(getLoc("text", 0)).toBeUndefined();
    expect(getLoc({}, "a")).toBeUndefined();
    expect(getSelfLoc([])).toBeUndefined();
  });

  it("finds the nearest known location along a path", () => {
    const root = { services: { web: { environment: { A: "1" } } } };
    setSelfLoc(root, at(1));
    setLoc(root, "services", at(1));
    setLoc(root.services, "web", at(2, 3));
    expect(locAt(root, ["services", "web", "environment", "A"])).toEqual(at(2, 3));
    expect(locAt(root, [])).toEqual(at(1));
  });

  it("collects every location keyed by its formatted path, once per container", () => {
    const labels = { "traefik.enable": "true" };
    const root = { services: { web: { labels, ports: ["80:80"] } } };
    setLoc(root, "services", at(1));
    setLoc(root.services, "web", at(2));
    setLoc(root.services.web, "labels", at(3));
    setLoc(labels, "traefik.enable", at(4));
    setLoc(root.services.web.ports, 0, at(6));
    const index = collectLocations(root);
    expect(index.toRecord()).toEqual({
      services: at(1),
      "services.web": at(2),
      "services.web.labels": at(3),
      'services.web.labels["traefik.enable"]': at(4),
      "services.web.ports[0]": at(6),
    });
    expect([...index.keys()]).toEqual(["services", "services.web", "services.web.labels", 'services.web.labels["traefik.enable"]', "services.web.ports[0]"]);
    expect(JSON.stringify(index)).toBe(JSON.stringify(index.toRecord()));
    expect(formatPath(["services", "web", "labels", "traefik.enable"])).toBe('services.web.labels["traefik.enable"]');
  });
});

describe("LocationIndex", () => {
  const built = (index: ReadonlyMap<string, unknown>) => new Map(index);

  it("answers get by following the path, exactly as the whole index would, forms formatPath does not write included", () => {
    const root = { services: { web: { labels: { "traefik.enable": "true", "0": "x" }, ports: ["80:80", { target: 81 }] } } };
    setLoc(root, "services", at(1));
    setLoc(root.services, "web", at(2));
    setLoc(root.services.web, "labels", at(3));
    setLoc(root.services.web.labels, "traefik.enable", at(4));
    setLoc(root.services.web.labels, "0", at(5));
    setLoc(root.services.web.ports, 0, at(6));
    setLoc(root.services.web.ports, 1, at(7));
    setLoc(root.services.web.ports[1] as object, "target", at(8));
    const whole = built(collectLocations(root));
    const probes = [
      ...whole.keys(),
      "",
      "services.web.ports.0",
      "services.web.ports[01]",
      'services.web.ports["0"]',
      "services.web.labels[0]",
      'services["web"]',
      "services.web.labels.traefik.enable",
      "services.web.ports[1].target.x",
      "services.web.ports[2]",
      ".services",
      "services.",
      "services.web.toString",
    ];
    const lazy = collectLocations(root);
    for (const p of probes) expect(lazy.get(p), p).toBe(whole.get(p));
    expect(lazy.get("services.web.ports[1].target")).toEqual(at(8));
    expect(lazy.get('services.web.labels["0"]')).toEqual(at(5));
    expect(lazy.has("services.web.ports[01]")).toBe(false);
  });

  it("answers getPath(path) as get(formatPath(path)), on a tree and on a tree that shares a container", () => {
    const shared = { a: 1 };
    setLoc(shared, "a", at(9));
    const root = { services: { web: { labels: { "traefik.enable": "true", "0": "x", "": "empty" }, ports: ["80:80", { target: 81 }] } }, x: shared };
    setLoc(root, "services", at(1));
    setLoc(root.services, "web", at(2));
    setLoc(root.services.web.labels, "traefik.enable", at(4));
    setLoc(root.services.web.labels, "0", at(5));
    setLoc(root.services.web.labels, "", at(6));
    setLoc(root.services.web.ports, 0, at(7));
    setLoc(root.services.web.ports[1] as object, "target", at(8));
    const probes: (string | number)[][] = [
      [],
      ["services"],
      ["services", "web", "labels", "traefik.enable"],
      ["services", "web", "labels", "0"],
      ["services", "web", "labels", 0],
      ["services", "web", "labels", ""],
      ["services", "web", "ports", 0],
      ["services", "web", "ports", -0],
      ["services", "web", "ports", "0"],
      ["services", "web", "ports", 0.5],
      ["services", "web", "ports", 2],
      ["services", "web", "ports", 1, "target"],
      ["services", "web", "ports", 1, "target", "x"],
      ["services", "web", "toString"],
      ["services", "web", "ports", "length"],
      ["x", "a"],
      ["y", "a"],
    ];
    for (const tree of [root, { ...root, y: shared }]) {
      copyAllLocs(root, tree);
      const index = collectLocations(tree);
      for (const p of probes) expect(index.getPath(p), JSON.stringify(p)).toBe(index.get(formatPath(p)));
    }
    expect(collectLocations(root).getPath(["services", "web", "labels", ""])).toEqual(at(6));
  });

  it("indexes a container reached by two paths under the first one only", () => {
    const shared = { a: 1 };
    setLoc(shared, "a", at(9));
    const root = { x: shared, y: shared };
    const lazy = collectLocations(root);
    expect(lazy.get("x.a")).toEqual(at(9));
    expect(lazy.get("y.a")).toBeUndefined();
    expect(lazy.size).toBe(1);
    // the same when the container reached twice has no locations of its own (nor its parent)
    const holder = { inner: shared };
    const again = collectLocations({ p: holder, q: holder });
    expect(again.get("p.inner.a")).toEqual(at(9));
    expect(again.getPath(["q", "inner", "a"])).toBeUndefined();
    expect(again.get("q.inner.a")).toBeUndefined();
    // and asked twice (a second walk over the same containers is a new walk)
    const tree = collectLocations({ x: shared });
    expect(tree.get("x.a")).toEqual(at(9));
    expect(collectLocations({ y: shared }).get("y.a")).toEqual(at(9));
  });

  it("is empty without a tree", () => {
    expect(collectLocations(null).size).toBe(0);
    expect(JSON.stringify(collectLocations("text"))).toBe("{}");
  });
});
