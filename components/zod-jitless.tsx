"use client";
/**
 * zod compiles fast parsers with `new Function` unless told not to; our CSP forbids
 * eval, so the browser would report (and block) that probe. Mounted once in the
 * root layout, before any form parses anything.
 */
import { z } from "zod";

z.config({ jitless: true });

export function ZodJitless(): null {
  return null;
}
