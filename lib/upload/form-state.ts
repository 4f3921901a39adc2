/**
 * The new-comparison form as data: environments with their files in load order, a
 * pending assignment proposal for a dropped set, and errors attached to files. A pure
 * reducer, so every edit the page makes is unit-tested here.
 */
import { inferRole, type Role } from "@/lib/parity/roles";
import { formatBytes } from "./check-file-content";
import { type ApiError, type ComparisonRequest, MAX_ENVIRONMENT_NAME, MAX_ENVIRONMENTS, MAX_FILES_PER_ENVIRONMENT, MAX_TITLE, MIN_ENVIRONMENTS } from "./comparison-request";
import { type AssignmentTarget, sortForLoad, suggestAs, suggestAssignment } from "./suggest-assignment";

export interface FileError {
  source: "client" | "server";
  code: string;
  message: string;
  line?: number;
  col?: number;
}

export interface FormFile {
  id: string;
  name: string;
  /** the path compose refers to the file by; "" = its name */
  as: string;
  /** `as` was filled in by a suggestion (the page says so) */
  asSuggested: boolean;
  content: string;
  size: number;
  /** a client-side problem (too large, binary, not UTF-8): the file cannot be sent */
  rejected: boolean;
  error?: FileError;
}

export interface FormEnvironment {
  id: string;
  name: string;
  role: Role;
  /** the user chose the role; renaming no longer infers it */
  roleTouched: boolean;
  files: FormFile[];
}

/** A file as it arrives (read and checked), before it joins an environment. */
export interface IncomingFile {
  name: string;
  content: string;
  size: number;
  error?: FileError;
  as?: string;
}

export interface ProposalItem {
  file: IncomingFile;
  target: AssignmentTarget;
  as: string;
  reason: string;
}

export interface FormState {
  title: string;
  environments: FormEnvironment[];
  nextId: number;
  proposal: ProposalItem[] | null;
  /** a problem that belongs to no file (network, validation of the whole form) */
  formError: string | null;
}

export type FormAction =
  | { type: "setTitle"; title: string }
  | { type: "addEnvironment" }
  | { type: "removeEnvironment"; envId: string }
  | { type: "renameEnvironment"; envId: string; name: string }
  | { type: "setRole"; envId: string; role: Role }
  | { type: "addFiles"; envId: string; files: IncomingFile[] }
  | { type: "removeFile"; envId: string; fileId: string }
  | { type: "moveFile"; envId: string; fileId: string; delta: -1 | 1 }
  | { type: "setAs"; envId: string; fileId: string; as: string }
  | { type: "propose"; files: IncomingFile[] }
  | { type: "changeProposal"; index: number; target?: AssignmentTarget; as?: string }
  | { type: "applyProposal" }
  | { type: "cancelProposal" }
  | { type: "loadEnvironments"; title?: string; environments: { name: string; role: Role; files: { name: string; as?: string; content: string }[] }[] }
  | { type: "serverError"; error: ApiError }
  | { type: "formError"; message: string | null };

export function initialFormState(): FormState {
  return {
    title: "",
    environments: [
      { id: "e1", name: "development", role: "development", roleTouched: false, files: [] },
      { id: "e2", name: "production", role: "production", roleTouched: false, files: [] },
    ],
    nextId: 3,
    proposal: null,
    formError: null,
  };
}

const SUGGESTED_NEW = ["staging", "qa", "preview"];

function newEnvironmentName(existing: readonly FormEnvironment[]): string {
  const taken = new Set(existing.map((e) => e.name.toLowerCase()));
  for (const n of SUGGESTED_NEW) if (!taken.has(n)) return n;
  for (let i = existing.length + 1; ; i++) if (!taken.has(`environment-${i}`)) return `environment-${i}`;
}

function clearErrors(state: FormState): FormState {
  return {
    ...state,
    formError: null,
    environments: state.environments.map((e) => ({
      ...e,
      files: e.files.map((f) => (f.error?.source === "server" ? { ...f, error: undefined } : f)),
    })),
  };
}

/** Adds files to an environment in load order; a file with the same name replaces the old one where it stood. */
function addFilesTo(state: FormState, envId: string, incoming: IncomingFile[]): FormState {
  let nextId = state.nextId;
  const environments = state.environments.map((env) => {
    if (env.id !== envId) return env;
    const files = [...env.files];
    for (const f of sortForLoad(incoming, (x) => x.name)) {
      const suggested = f.as ?? suggestAs(f.name);
      const file: FormFile = {
        id: `f${nextId++}`,
        name: f.name,
        as: suggested ?? "",
        asSuggested: f.as === undefined && suggested !== undefined,
        content: f.error ? "" : f.content,
        size: f.size,
        rejected: !!f.error,
        ...(f.error ? { error: f.error } : {}),
      };
      const at = files.findIndex((x) => x.name === f.name);
      if (at >= 0) files[at] = file;
      else files.push(file);
    }
    return { ...env, files };
  });
  return { ...state, environments, nextId };
}

function updateFile(state: FormState, envId: string, fileId: string, fn: (f: FormFile) => FormFile): FormState {
  return {
    ...state,
    environments: state.environments.map((e) => (e.id === envId ? { ...e, files: e.files.map((f) => (f.id === fileId ? fn(f) : f)) } : e)),
  };
}

export function formReducer(state: FormState, action: FormAction): FormState {
  switch (action.type) {
    case "setTitle":
      return { ...state, title: action.title.slice(0, MAX_TITLE) };
    case "addEnvironment": {
      if (state.environments.length >= MAX_ENVIRONMENTS) return state;
      const name = newEnvironmentName(state.environments);
      const env: FormEnvironment = { id: `e${state.nextId}`, name, role: inferRole(name), roleTouched: false, files: [] };
      return { ...state, environments: [...state.environments, env], nextId: state.nextId + 1 };
    }
    case "removeEnvironment":
      return { ...state, environments: state.environments.filter((e) => e.id !== action.envId) };
    case "renameEnvironment":
      return {
        ...state,
        environments: state.environments.map((e) => {
          if (e.id !== action.envId) return e;
          const name = action.name.slice(0, MAX_ENVIRONMENT_NAME);
          const inferred = inferRole(name);
          return { ...e, name, role: e.roleTouched || inferred === "other" ? e.role : inferred };
        }),
      };
    case "setRole":
      return { ...state, environments: state.environments.map((e) => (e.id === action.envId ? { ...e, role: action.role, roleTouched: true } : e)) };
    case "addFiles":
      return addFilesTo(clearErrors(state), action.envId, action.files);
    case "removeFile":
      return clearErrors({
        ...state,
        environments: state.environments.map((e) => (e.id === action.envId ? { ...e, files: e.files.filter((f) => f.id !== action.fileId) } : e)),
      });
    case "moveFile":
      return {
        ...state,
        environments: state.environments.map((e) => {
          if (e.id !== action.envId) return e;
          const i = e.files.findIndex((f) => f.id === action.fileId);
          const j = i + action.delta;
          if (i < 0 || j < 0 || j >= e.files.length) return e;
          const files = [...e.files];
          [files[i], files[j]] = [files[j] as FormFile, files[i] as FormFile];
          return { ...e, files };
        }),
      };
    case "setAs":
      return updateFile(clearErrors(state), action.envId, action.fileId, (f) => ({ ...f, as: action.as, asSuggested: false }));
    case "propose": {
      if (action.files.length === 0) return state;
      const suggestions = suggestAssignment({
        files: action.files.map((f) => ({ name: f.name, content: f.error ? undefined : f.content })),
        environments: state.environments.map((e) => ({ name: e.name, role: e.role })),
      });
      const proposal = action.files.map((file, i) => {
        const s = suggestions[i];
        return { file, target: s?.target ?? { kind: "all" as const }, as: s?.as ?? "", reason: s?.reason ?? "" };
      });
      return { ...state, proposal };
    }
    case "changeProposal":
      if (!state.proposal) return state;
      return {
        ...state,
        proposal: state.proposal.map((p, i) =>
          i === action.index ? { ...p, ...(action.target ? { target: action.target } : {}), ...(action.as !== undefined ? { as: action.as } : {}) } : p,
        ),
      };
    case "cancelProposal":
      return { ...state, proposal: null };
    case "applyProposal": {
      if (!state.proposal) return state;
      let next: FormState = { ...clearErrors(state), proposal: null };
      // environments the proposal creates
      for (const p of state.proposal) {
        if (p.target.kind !== "new") continue;
        const name = p.target.name;
        if (next.environments.some((e) => e.name === name) || next.environments.length >= MAX_ENVIRONMENTS) continue;
        next = {
          ...next,
          environments: [...next.environments, { id: `e${next.nextId}`, name, role: p.target.role, roleTouched: false, files: [] }],
          nextId: next.nextId + 1,
        };
      }
      for (const env of next.environments) {
        const mine = state.proposal.filter((p) => {
          const t = p.target;
          return t.kind === "all" || ((t.kind === "env" || t.kind === "new") && t.name === env.name);
        });
        if (mine.length > 0) next = addFilesTo(next, env.id, mine.map((p) => ({ ...p.file, as: p.as })));
      }
      return next;
    }
    case "loadEnvironments": {
      let next: FormState = { ...initialFormState(), title: action.title ?? "", environments: [] };
      for (const env of action.environments.slice(0, MAX_ENVIRONMENTS)) {
        const id = `e${next.nextId}`;
        next = { ...next, environments: [...next.environments, { id, name: env.name, role: env.role, roleTouched: true, files: [] }], nextId: next.nextId + 1 };
        next = addFilesTo(
          next,
          id,
          env.files.map((f) => ({ name: f.name, as: f.as ?? "", content: f.content, size: new TextEncoder().encode(f.content).length })),
        );
        // examples come in their own load order
        next = {
          ...next,
          environments: next.environments.map((e) =>
            e.id === id ? { ...e, files: env.files.map((f) => e.files.find((x) => x.name === f.name)).filter((x): x is FormFile => !!x) } : e,
          ),
        };
      }
      return next;
    }
    case "serverError":
      return attachServerError(clearErrors(state), action.error);
    case "formError":
      return { ...state, formError: action.message };
  }
}

/** Puts a 422 from the server next to the file it names (by given name or `as`); otherwise on the form. */
export function attachServerError(state: FormState, error: ApiError): FormState {
  const fileError: FileError = {
    source: "server",
    code: error.code,
    message: error.message,
    ...(typeof error.line === "number" ? { line: error.line } : {}),
    ...(typeof error.col === "number" ? { col: error.col } : {}),
  };
  const name = error.file ?? undefined;
  // the environment the server names, when it names one we have; else every file of that name
  const inEnv = state.environments.some((e) => e.name.trim() === error.environment) ? error.environment : undefined;
  let attached = false;
  const environments = state.environments.map((e) => {
    if (inEnv !== undefined && e.name.trim() !== inEnv) return e;
    const files = e.files.map((f) => {
      if (!name || (f.name !== name && (f.as || f.name) !== name)) return f;
      attached = true;
      return { ...f, error: fileError };
    });
    return { ...e, files };
  });
  if (attached) return { ...state, environments, formError: null };
  const where = typeof error.path === "string" ? error.path : Array.isArray(error.path) ? error.path.join(".") : undefined;
  const at = [name, position(fileError)].filter(Boolean).join(", ");
  return { ...state, formError: `${error.message}${at ? ` (${at})` : ""}${where ? ` at ${where}` : ""}` };
}

/** "line 4, column 7" (or "line 4"), as shown next to a file. */
export function position(error: Pick<FileError, "line" | "col">): string {
  if (typeof error.line !== "number") return "";
  return typeof error.col === "number" ? `line ${error.line}, column ${error.col}` : `line ${error.line}`;
}

export interface FormProblem {
  envId?: string;
  message: string;
}

/** What stops the form from being sent, in the order a person would fix it. */
export function validateForm({ state, maxBytes }: { state: FormState; maxBytes: number }): FormProblem[] {
  const problems: FormProblem[] = [];
  if (state.environments.length < MIN_ENVIRONMENTS) problems.push({ message: `Add at least ${MIN_ENVIRONMENTS} environments to compare.` });
  const seen = new Map<string, number>();
  for (const e of state.environments) seen.set(e.name.trim().toLowerCase(), (seen.get(e.name.trim().toLowerCase()) ?? 0) + 1);
  for (const e of state.environments) {
    const label = e.name.trim() || "An environment";
    if (!e.name.trim()) problems.push({ envId: e.id, message: "An environment needs a name." });
    else if ((seen.get(e.name.trim().toLowerCase()) ?? 0) > 1) problems.push({ envId: e.id, message: `Two environments are named “${e.name.trim()}”; names must differ.` });
    if (e.files.length === 0) problems.push({ envId: e.id, message: `${label} has no files yet.` });
    if (e.files.length > MAX_FILES_PER_ENVIRONMENT) problems.push({ envId: e.id, message: `${label} has ${e.files.length} files; the limit is ${MAX_FILES_PER_ENVIRONMENT}.` });
    const rejected = e.files.filter((f) => f.rejected);
    if (rejected.length > 0) problems.push({ envId: e.id, message: `Remove ${rejected.map((f) => f.name).join(", ")} from ${label}: it cannot be sent.` });
  }
  if (problems.length === 0) {
    const size = new TextEncoder().encode(JSON.stringify(toRequestBody(state))).length;
    if (size > maxBytes) problems.push({ message: `The upload is ${formatBytes(size)}; the server accepts ${formatBytes(maxBytes)}. Leave out files it does not need.` });
  }
  return problems;
}

/** The JSON body for `POST /api/comparisons`. */
export function toRequestBody(state: FormState): ComparisonRequest {
  const title = state.title.trim();
  return {
    ...(title ? { title } : {}),
    environments: state.environments.map((e) => ({
      name: e.name.trim(),
      role: e.role,
      files: e.files.map((f) => {
        const as = f.as.trim();
        return { name: f.name, ...(as && as !== f.name ? { as } : {}), content: f.content };
      }),
    })),
  };
}
