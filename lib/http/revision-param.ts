/** Reads the optional `?revision=N` query parameter (1-based); RequestError when malformed. */
import { z } from "zod";
import { RequestError } from "./errors";

export const revisionParamSchema = z.coerce.number().int().positive().max(1_000_000).optional();

export function readRevisionParam({ url }: { url: string }): number | undefined {
  const raw = new URL(url).searchParams.get("revision");
  if (raw === null || raw === "") return undefined;
  const parsed = revisionParamSchema.safeParse(raw);
  if (!parsed.success || !/^\d+$/.test(raw)) throw new RequestError("INVALID_QUERY", "revision must be a positive whole number.");
  return parsed.data;
}
