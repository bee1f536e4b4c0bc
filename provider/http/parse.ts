import { z } from "zod";
import { ResponseShapeError, VendorName } from "./errors";
import { snippet } from "./excerpt";

/** Parses a vendor response with zod; a mismatch is a ResponseShapeError naming the call. */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  data: unknown,
  vendor: VendorName,
  call: string,
  status?: number,
): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  throw new ResponseShapeError({
    vendor,
    call,
    status,
    reason: `unexpected response shape (${issues}); body: ${snippet(data)}`,
  });
}
