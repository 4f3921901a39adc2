import { describe, it, expect } from "vitest";
import { parseProcfile, PROCFILE_PROCESS_LABEL, PROCFILE_RELEASE_EXTENSION } from "./procfile";
import { getLoc } from "./source-map";

describe("parseProcfile", () => {
  it("turns each process type into a service with its command", () => {
    const r = parseProcfile({ file: "Procfile", content: "web: gunicorn app.wsgi --bind 0.0.0.0:$PORT\nworker: celery -A app worker\n" });
    expect(r.issues).toEqual([]);
    expect(Object.keys(r.value.services)).toEqual(["web", "worker"]);
    expect(r.value.services.web?.command).toBe("gunicorn app.wsgi --bind 0.0.0.0:$PORT");
    expect(r.value.services.worker?.labels).toEqual({ [PROCFILE_PROCESS_LABEL]: "worker" });
  });

  it("keeps release as a one-off process, marked", () => {
    const r = parseProcfile({ file: "Procfile", content: "release: python manage.py migrate\nweb: gunicorn x\n" });
    expect(r.value.services.release?.[PROCFILE_RELEASE_EXTENSION]).toBe(true);
    expect(r.value.services.web?.[PROCFILE_RELEASE_EXTENSION]).toBeUndefined();
  });

  it("records where each process was written", () => {
    const r = parseProcfile({ file: "Procfile", content: "# comment\n\nweb:   gunicorn x\n" });
    expect(getLoc(r.value.services, "web")).toEqual({ file: "Procfile", line: 3, col: 1 });
    expect(getLoc(r.value.services.web, "command")).toEqual({ file: "Procfile", line: 3, col: 8 });
  });

  it("reports lines that are not `process: command`", () => {
    const r = parseProcfile({ file: "Procfile", content: "web gunicorn\nworker:\n" });
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ["PROCFILE_SYNTAX", 1],
      ["PROCFILE_SYNTAX", 2],
    ]);
  });

  it("refuses an unrendered Jinja Procfile with a render-first error", () => {
    const r = parseProcfile({ file: "Procfile", content: 'release: x\n{%- if cookiecutter.use_async == "y" %}\nweb: a\n{%- endif %}\n' });
    const t = r.issues.filter((i) => i.code === "TEMPLATE_NOT_RENDERED");
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ severity: "error", line: 2 });
    expect(t[0]?.message).toMatch(/render the template first/);
  });
});
