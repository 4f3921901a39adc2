/**
 * Compose's own YAML tags. The parse phase turns `!reset` and `!override` nodes into
 * these markers; the merge phase consumes them (compose-go `loader/reset.go`,
 * `override/merge.go`). Phases between parse and merge (interpolation) keep them,
 * interpolating an `OverrideTag`'s value like any other value.
 */
export class ResetTag {
  readonly tag = "!reset" as const;
}

export class OverrideTag {
  readonly tag = "!override" as const;
  constructor(public value: unknown) {}
}

export function isResetTag(v: unknown): v is ResetTag {
  return v instanceof ResetTag;
}

export function isOverrideTag(v: unknown): v is OverrideTag {
  return v instanceof OverrideTag;
}

/** A plain mapping (not an array, not null, not a tag marker). */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof ResetTag) && !(v instanceof OverrideTag);
}
