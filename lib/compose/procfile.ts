/**
 * A Heroku Procfile as a compose-shaped document: each process type becomes a
 * service running that command, so a Heroku production can be compared with a
 * compose development stack. `release:` is a one-off process run before each
 * release; it is kept, marked with `x-procfile-release: true` and a label.
 *
 * The result is a raw compose document (command as written); the loader sends it
 * through the same canonicalisation as compose files.
 */
import { issue, type Issue, type PhaseResult } from "./issues";
import { setLoc, setSelfLoc } from "./source-map";
import { hasTemplateMarkers } from "./detect-file-kind";

export interface ParseProcfileOptions {
  content: string;
  file: string;
}

export const PROCFILE_PROCESS_LABEL = "com.heroku.process-type";
export const PROCFILE_RELEASE_EXTENSION = "x-procfile-release";

const LINE = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(.*)$/;
const MAX_LINES = 10_000;

export function parseProcfile({ content, file }: ParseProcfileOptions): PhaseResult<{ services: Record<string, Record<string, unknown>> }> {
  const issues: Issue[] = [];
  const services: Record<string, Record<string, unknown>> = {};
  const value = { services };
  setSelfLoc(value, { file, line: 1, col: 1 });
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length > MAX_LINES) {
    issues.push(issue("FILE_TOO_LARGE", `${file} has ${lines.length} lines; a Procfile is read up to ${MAX_LINES}`, { file, severity: "warning" }));
  }
  const templated = hasTemplateMarkers(content);
  let templateRefused = false;
  lines.slice(0, MAX_LINES).forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === "" || text.startsWith("#")) return;
    const m = LINE.exec(text);
    if (!m) {
      if (templated && /^\{[%#{]/.test(text)) {
        if (!templateRefused) {
          issues.push(
            issue(
              "TEMPLATE_NOT_RENDERED",
              `${file} is a Jinja/cookiecutter template (line ${line}: ${text.slice(0, 60)}); render the template first, then upload the result`,
              { file, line, col: 1 },
            ),
          );
          templateRefused = true;
        }
        return;
      }
      issues.push(issue("PROCFILE_SYNTAX", `line ${line} is not \`process: command\`: ${text.slice(0, 80)}`, { file, line, col: 1 }));
      return;
    }
    const name = m[1] ?? "";
    const command = (m[2] ?? "").trim();
    if (command === "") {
      issues.push(issue("PROCFILE_SYNTAX", `process type "${name}" has no command`, { file, line, col: 1 }));
      return;
    }
    if (services[name] && !templated) {
      issues.push(
        issue("PROCFILE_SYNTAX", `process type "${name}" is declared twice; the last one wins (as on Heroku)`, {
          file,
          line,
          col: 1,
          severity: "warning",
        }),
      );
    }
    const colOfCommand = raw.indexOf(command) + 1;
    const service: Record<string, unknown> = { command, labels: { [PROCFILE_PROCESS_LABEL]: name } };
    setSelfLoc(service, { file, line, col: 1 });
    setLoc(service, "command", { file, line, col: colOfCommand > 0 ? colOfCommand : 1 });
    if (name === "release") service[PROCFILE_RELEASE_EXTENSION] = true;
    services[name] = service;
    setLoc(services, name, { file, line, col: 1 });
  });
  if (templated && !templateRefused) {
    issues.push(
      issue("TEMPLATE_NOT_RENDERED", `${file} holds unrendered template markers ({{ }} / {% %}); values may be placeholders`, {
        file,
        severity: "warning",
      }),
    );
  }
  setLoc(value, "services", { file, line: 1, col: 1 });
  return { value, issues };
}
