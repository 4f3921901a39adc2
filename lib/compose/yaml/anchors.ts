/**
 * Anchors and aliases. The reference rebuilds an alias's target from its YAML node, with the
 * same locations; we read each anchored value once and give every alias a deep copy of it
 * (same values, same location tables, fresh containers and tag markers), counting for the
 * guard rails what the reference's rebuild would count.
 *
 * An alias names the last anchor of that name written before it. An alias to a value still
 * being read (its own ancestor, a cycle), to an unknown anchor, or anything unusual declines.
 */
import { copyAllLocs } from "../source-map";
import { OverrideTag, ResetTag } from "../tags";
import type { Budget } from "./budget";
import { decline } from "./decline";
import { setOwn } from "./merge-key";

export interface AnchoredValue {
  value: unknown;
  /** false while the anchored value is being read */
  done: boolean;
  /** values its reading counted */
  cost: number;
  /** levels it reached below itself */
  relDepth: number;
}

/** Anchor names the fast path takes (the reference takes more). */
const ANCHOR_NAME = /^[A-Za-z0-9_.-]+$/;

export function isAnchorName(name: string): boolean {
  return ANCHOR_NAME.test(name);
}

export class Anchors {
  private readonly byName = new Map<string, AnchoredValue>();

  /** Declares an anchor whose value is about to be read; later aliases see it once `finish`ed. */
  declare(name: string): AnchoredValue {
    const entry: AnchoredValue = { value: undefined, done: false, cost: 0, relDepth: 0 };
    this.byName.set(name, entry);
    return entry;
  }

  finish(entry: AnchoredValue, value: unknown, cost: number, relDepth: number): void {
    entry.value = value;
    entry.cost = cost;
    entry.relDepth = relDepth;
    entry.done = true;
  }

  /** The value of `*name` read at `depth`: a deep copy of the anchored value. */
  resolve(name: string, depth: number, budget: Budget): unknown {
    const entry = this.byName.get(name);
    if (!entry) return decline("unknown anchor");
    if (!entry.done) return decline("alias inside its own anchor");
    budget.countAlias(entry.cost, depth, entry.relDepth);
    return cloneValue(entry.value);
  }
}

/** A deep copy of a value built by the reader, with the same location tables. */
export function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(cloneValue(value[i]));
    copyAllLocs(value, out);
    return out;
  }
  if (value instanceof ResetTag) return new ResetTag();
  if (value instanceof OverrideTag) return new OverrideTag(cloneValue(value.value));
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(src)) setOwn(out, key, cloneValue(src[key]));
  copyAllLocs(src, out);
  return out;
}
