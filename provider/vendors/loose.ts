import { z } from "zod";

/**
 * Tolerant readers for vendor fields (docs/vendor-ambiguities.md, "values"):
 * the generated docs show numbers, but real answers of the same backends
 * carry numeric strings ("18.20"); empty text comes as "", null or nothing.
 * Everything that is not a number or text stays a parse error.
 */
const numericString = (v: unknown) => (typeof v === "string" && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : v);

/** A number, or a numeric string. */
export const num = () => z.preprocess(numericString, z.number().finite());
/** An integer, or a string of one. */
export const int = () => z.preprocess(numericString, z.number().int());
/** Text where empty may be "", null or absent: always a string afterwards ("" when empty). */
export const text = () => z.preprocess((v) => (v === null || v === undefined ? "" : typeof v === "number" ? String(v) : v), z.string());
/** Optional text: undefined when "", null or absent. */
export const optText = () =>
  z.preprocess((v) => (v === null || v === undefined || v === "" ? undefined : typeof v === "number" ? String(v) : v), z.string().optional());
/** An id that vendors write as a number or a string: always a string afterwards. */
export const idString = () => z.preprocess((v) => (typeof v === "number" && Number.isFinite(v) ? String(v) : v), z.string().min(1));
