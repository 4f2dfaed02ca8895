/**
 * Errors shaped like OfficeExtension.Error: a `code` from Excel's list and a message. The codes are
 * the ones Excel documents, see https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 * ("Error codes and messages"): InvalidArgument, InvalidOperation, InvalidReference, ItemAlreadyExists,
 * ItemNotFound, PropertyNotLoaded (OfficeExtension.ErrorCodes), RequestPayloadSizeLimitExceeded,
 * ResponsePayloadSizeLimitExceeded, RangeExceedsLimit, NonBlankCellOffSheet, ApiNotFound.
 */
export type FakeExcelErrorCode =
  | "ApiNotFound"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidReference"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "NonBlankCellOffSheet"
  | "PropertyNotLoaded"
  | "RangeExceedsLimit"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "NotModelled";

export class FakeExcelError extends Error {
  readonly code: FakeExcelErrorCode;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: FakeExcelErrorCode, message: string, errorLocation?: string) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

/**
 * Thrown when code uses a part of the object model the fake does not model. It is never a
 * silent success: a writer that needs more must teach the fake first.
 */
export function notModelled(what: string): FakeExcelError {
  return new FakeExcelError("NotModelled", `the fake Excel does not model ${what}`);
}
