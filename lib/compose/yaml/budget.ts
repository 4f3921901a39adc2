/**
 * The reference reader's guard rails, counted the way it counts them or more (never less):
 * every value built, values built through aliases and merge keys, nesting depth. When a count
 * goes past its limit the fast path declines and the reference reports the issue.
 */
import type { YamlLimits } from "../parse-yaml";
import { decline } from "./decline";

export interface BudgetMark {
  nodes: number;
  deepest: number;
  depth: number;
}

export class Budget {
  nodes = 0;
  aliasNodes = 0;
  /** > 0 while reading the value of a merge key (its values count as alias expansions) */
  merging = 0;
  /** deepest depth counted since the last `enter` */
  deepest = 0;

  constructor(private readonly limits: YamlLimits) {}

  /** One value built at `depth`. */
  count(depth: number): void {
    this.nodes++;
    if (this.merging > 0) this.aliasNodes++;
    if (depth > this.deepest) this.deepest = depth;
    if (this.nodes > this.limits.maxNodes || this.aliasNodes > this.limits.maxAliasExpansion || depth > this.limits.maxDepth) {
      decline("guard-rail limit");
    }
  }

  /** An alias at `depth` rebuilding a value that cost `cost` values and reached `relDepth` levels below itself. */
  countAlias(cost: number, depth: number, relDepth: number): void {
    this.nodes += cost;
    this.aliasNodes += cost;
    const deepest = depth + relDepth;
    if (deepest > this.deepest) this.deepest = deepest;
    if (this.nodes > this.limits.maxNodes || this.aliasNodes > this.limits.maxAliasExpansion || deepest > this.limits.maxDepth) {
      decline("guard-rail limit");
    }
  }

  /** Starts measuring the value about to be read at `depth` (for an anchor). */
  enter(depth: number): BudgetMark {
    const mark = { nodes: this.nodes, deepest: this.deepest, depth };
    this.deepest = depth;
    return mark;
  }

  /** Ends the measure: what the value cost and how deep below itself it went. */
  exit(mark: BudgetMark): { cost: number; relDepth: number } {
    const relDepth = Math.max(0, this.deepest - mark.depth);
    const cost = this.nodes - mark.nodes;
    if (mark.deepest > this.deepest) this.deepest = mark.deepest;
    return { cost, relDepth };
  }
}
