import type { Anchors } from "./anchors";
import type { Budget } from "./budget";
import type { Cursor } from "./cursor";

/** What the readers of one document share. */
export interface ReadContext {
  cursor: Cursor;
  budget: Budget;
  anchors: Anchors;
}
