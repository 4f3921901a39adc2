/**
 * Whether a file name looks like an env file (dotenv syntax), from its name alone:
 * `.env`, `.env.prod`, `.env.prod-sample`, `prod.env`, `netbox.env`, `env.example`,
 * `env-template`, `app.env.local`, files under a `.env*` folder (`.envs/.local/.django`)
 * or an `env` / `envs` folder (`env/postgres`). Source, YAML and JSON files are not
 * (`env.ts`, `environment.yml`), nor direnv's `.envrc` (a shell script).
 */

/** Extensions of files that are code or structured config, never dotenv text. */
const NOT_ENV_EXTENSIONS = new Set([
  "yml",
  "yaml",
  "json",
  "toml",
  "xml",
  "ts",
  "tsx",
  "js",
  "jsx",
  "mjs",
  "cjs",
  "py",
  "rb",
  "go",
  "rs",
  "java",
  "php",
  "sh",
  "bash",
  "zsh",
  "ps1",
  "md",
  "html",
  "lock",
]);

/** `.env`, `env`, optionally followed by `.xxx`, `-xxx` or `_xxx`. */
const ENV_STEM = /^\.?env(?:[._-].*)?$/;
/** `xxx.env`, `xxx.env.sample`, `xxx.env-sample`, `xxx.env_local`. */
const ENV_INFIX = /\.env(?:[._-].*)?$/;
const ENV_FOLDER = /^(?:\.env.*|env|envs)$/;

export function isEnvFileName(name: string): boolean {
  const segments = name.replace(/\\/g, "/").split("/").filter((s) => s !== "" && s !== ".");
  const base = segments.at(-1)?.toLowerCase();
  if (!base || base === "..") return false;
  if (base === ".envrc") return false;
  const dot = base.lastIndexOf(".");
  const extension = dot > 0 ? base.slice(dot + 1) : "";
  if (NOT_ENV_EXTENSIONS.has(extension)) return false;
  if (ENV_STEM.test(base) || ENV_INFIX.test(base)) return true;
  return segments.slice(0, -1).some((folder) => ENV_FOLDER.test(folder.toLowerCase()));
}
