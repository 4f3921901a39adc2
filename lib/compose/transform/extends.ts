/** `extends`: a service name becomes `{service: name}` (compose-go `transform/extends.go`). */
import type { PhaseResult } from "../issues";
import { copyAllLocs } from "../source-map";
import { isMapping } from "../tags";
import { issueAt, typeName, type TransformOptions } from "./context";

export function transformExtends({ value, path, file, loc }: TransformOptions): PhaseResult<unknown> {
  if (typeof value === "string") return { value: { service: value }, issues: [] };
  if (isMapping(value)) {
    const out = { ...value };
    copyAllLocs(value, out);
    return { value: out, issues: [] };
  }
  return { value, issues: [issueAt("INVALID_VALUE", `invalid type ${typeName(value)} for extends`, { path, loc, file })] };
}
