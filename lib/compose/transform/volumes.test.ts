import { describe, expect, it } from "vitest";
import { getLoc, setLoc } from "../source-map";
import { cleanPath, parseVolumeSpec, transformVolumes } from "./volumes";

const bind = (source: string, target: string, extra: Record<string, unknown> = {}, bindExtra: Record<string, unknown> = {}) => ({
  type: "bind",
  source,
  target,
  ...extra,
  bind: { ...bindExtra, create_host_path: true },
});

describe("transformVolumes short syntax", () => {
  const table: [string, unknown][] = [
    ["./app/:/usr/src/app/", bind("./app/", "/usr/src/app")],
    ["/var/run/docker.sock:/var/run/docker.sock:ro", bind("/var/run/docker.sock", "/var/run/docker.sock", { read_only: true })],
    ["~/.aws:/root/.aws:rw", bind("~/.aws", "/root/.aws")],
    [".:/app:z", bind(".", "/app", {}, { selinux: "z" })],
    [".:/app:Z,ro", bind(".", "/app", { read_only: true }, { selinux: "Z" })],
    ["./data:/data:rshared", bind("./data", "/data", {}, { propagation: "rshared" })],
    ["postgres_data:/var/lib/postgresql/data/", { type: "volume", source: "postgres_data", target: "/var/lib/postgresql/data", volume: {} }],
    ["cache:/cache:nocopy", { type: "volume", source: "cache", target: "/cache", volume: { nocopy: true } }],
    ["/app/.venv", { type: "volume", target: "/app/.venv", volume: {} }],
    ["C:\\data:/data", bind("C:\\data", "/data")],
    ["${PWD}/traefik.toml:/etc/traefik/traefik.toml", { type: "volume", source: "${PWD}/traefik.toml", target: "/etc/traefik/traefik.toml", volume: {} }],
    ["/a/../b/./c:/x//y/../z", bind("/a/../b/./c", "/x/z")],
  ];
  for (const [spec, expected] of table) {
    it(`reads ${JSON.stringify(spec)}`, () => {
      const r = transformVolumes({ value: [spec], path: ["services", "web", "volumes"] });
      expect(r.issues).toEqual([]);
      expect(r.value).toEqual([expected]);
    });
  }

  it("keeps relative bind sources as written (no project directory to resolve against)", () => {
    expect(parseVolumeSpec("../shared:/shared").value.source).toBe("../shared");
  });

  it("reports compose's message for a spec with too many colons or an empty section", () => {
    expect(parseVolumeSpec("vol:/a:ro:x").error).toBe("invalid spec: vol:/a:ro:x: too many colons");
    expect(parseVolumeSpec("./a::/b").error).toBe("invalid spec: ./a::/b: empty section between colons");
    expect(parseVolumeSpec("").error).toBe("invalid empty volume spec");
  });

  it("keeps each entry's location", () => {
    const raw: unknown[] = ["./a:/a", { type: "tmpfs", target: "/t" }];
    setLoc(raw, 1, { file: "f.yml", line: 9, col: 7 });
    expect(getLoc(transformVolumes({ value: raw, path: [] }).value, 1)).toEqual({ file: "f.yml", line: 9, col: 7 });
  });
});

describe("transformVolumes long syntax", () => {
  it("defaults bind.create_host_path to true and casts booleans", () => {
    const r = transformVolumes({ value: [{ type: "bind", source: "./a", target: "/a", read_only: "true", bind: {} }], path: [] });
    expect(r.value).toEqual([{ type: "bind", source: "./a", target: "/a", read_only: true, bind: { create_host_path: true } }]);
  });
});

describe("cleanPath (Go path.Clean)", () => {
  const table: [string, string][] = [
    ["/usr/src/app/", "/usr/src/app"],
    ["a/./b/../c", "a/c"],
    ["/../a", "/a"],
    ["../a", "../a"],
    ["", "."],
    ["//x", "/x"],
  ];
  for (const [a, b] of table) it(`cleans ${JSON.stringify(a)}`, () => expect(cleanPath(a)).toBe(b));
});

describe("parseVolumeSpec splits like compose-go (format/volume_test.go cases)", () => {
  // [spec, has a source]
  const cases: [string, boolean][] = [
    ["C:\\foo:d:", true],
    [":C:\\foo:d:", false],
    ["/foo:/bar:ro", true],
    ["C:\\foo\\:/foo", true],
    ["d:\\", false],
    ["d:", false],
    ["d:\\path", false],
    ["d:\\path with space", false],
    ["d:\\pathandmode:rw", true],
    ["c:\\:d:\\", true],
    ["c:\\windows:d:\\s p a c e:RW", true],
    ["0123456789name:d:", true],
    ["name:D::rW", true],
    ["c:/:d:/forward/slashes/are/good/too", true],
    ["c:\\Program Files (x86)", false],
    ["", false],
    [".", false],
    ["..\\", false],
    ["c:\\:d:\\:xyzzy", true],
    ["/tmp/x/y:/foo/x/y", true],
  ];
  for (const [spec, hasSource] of cases) {
    it(`${hasSource ? "finds" : "finds no"} source in ${JSON.stringify(spec)}`, () => {
      expect((parseVolumeSpec(spec).value.source ?? "") !== "").toBe(hasSource);
    });
  }

  it("reads specs without ${ or astral characters as the code point reading does", () => {
    const parts = ["", "a", "C", "é", ".", "/", "./data", "~/x", "\\\\pipe", "vol", "/target", "ro", "rw", "z", "Z", "nocopy", "rshared", "ro,z", "x,,y"];
    let checked = 0;
    for (const a of parts) {
      for (const b of parts) {
        for (const c of ["", ...parts.slice(0, 6)]) {
          for (const spec of [`${a}:${b}`, `${a}:${b}:${c}`, `${a}${b}:${c}`, `${a}:${b}:${c}:ro`, `${a}${c}`]) {
            expect(parseVolumeSpec(spec), spec).toEqual(parseVolumeSpec(spec, true));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it("keeps ${VAR:-default} with colons in one section", () => {
    expect(parseVolumeSpec("/tmp:/tmp/${TIME:-12:30:45}/path:ro").value).toEqual({
      type: "bind",
      source: "/tmp",
      target: "/tmp/${TIME:-12:30:45}/path",
      read_only: true,
      bind: { create_host_path: true },
    });
  });

  it("reads anonymous and Windows-drive anonymous volumes", () => {
    expect(parseVolumeSpec("/path/foo").value).toEqual({ type: "volume", target: "/path/foo", volume: {} });
    expect(parseVolumeSpec("C:\\path").value).toEqual({ type: "volume", target: "C:\\path", volume: {} });
    expect(parseVolumeSpec("/a").value).toEqual({ type: "volume", target: "/a" });
  });

  it("reads a Windows named pipe as a bind mount", () => {
    expect(parseVolumeSpec("\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\inside").value).toMatchObject({
      type: "bind",
      source: "\\\\.\\pipe\\docker_engine",
      target: "\\\\.\\pipe\\inside",
    });
  });

  it("fails on a missing source like compose", () => {
    expect(parseVolumeSpec(":foo").error).toContain("empty section between colons");
    expect(parseVolumeSpec("/foo::ro").error).toContain("empty section between colons");
    expect(parseVolumeSpec("/foo:/foo:ro:foo").error).toBe("invalid spec: /foo:/foo:ro:foo: too many colons");
  });
});
