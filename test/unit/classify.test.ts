/** The shared classifier (provider/vendors/classify.ts): vendor codes and wording to typed errors, in the order every family relies on. */
import { AuthError, ConflictError, InsufficientBalanceError, NotFoundError, RequestRejectedError } from "../../provider/http/errors";
import { RefusalVocabulary, refusalKind, statusKind, vendorError } from "../../provider/vendors/classify";

const VOCABULARY: RefusalVocabulary = {
  auth: { codes: [3], message: /app_key/ },
  notFound: { message: /does not exist/ },
  conflict: { codes: [409], message: /exist/ },
  balance: { message: /insufficient/ },
};

test("credentials first, then 'does not exist' before 'exists', then duplicates, then balance; anything else is a rejection", () => {
  expect(refusalKind(VOCABULARY, 3, "user does not exist")).toBe("auth");
  expect(refusalKind(VOCABULARY, 1, "user does not exist")).toBe("not-found");
  expect(refusalKind(VOCABULARY, 1, "user already exists")).toBe("conflict");
  expect(refusalKind(VOCABULARY, 409, undefined)).toBe("conflict");
  expect(refusalKind(VOCABULARY, 1, "insufficient funds")).toBe("balance");
  expect(refusalKind(VOCABULARY, 1, "bad value")).toBe("rejected");
  expect(refusalKind(VOCABULARY, undefined, undefined)).toBe("rejected");
});

test("each kind becomes its typed error, with the details kept", () => {
  const d = { vendor: "proxylite", call: "whitelist-account/add", reason: "r", code: 7 };
  const kinds = ["auth", "not-found", "conflict", "balance", "rejected"] as const;
  const classes = [AuthError, NotFoundError, ConflictError, InsufficientBalanceError, RequestRejectedError];
  kinds.forEach((k, i) => {
    const e = vendorError(k, d);
    expect(e).toBeInstanceOf(classes[i]);
    expect([e.vendor, e.call, e.reason, e.code]).toEqual(["proxylite", "whitelist-account/add", "r", 7]);
  });
  expect([statusKind(401), statusKind(403), statusKind(404), statusKind(400)]).toEqual(["auth", "auth", "rejected", "rejected"]);
});
