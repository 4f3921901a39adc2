/**
 * Failures of reading a request, as data (mapped to a status in error-response.ts).
 */
export type RequestErrorCode =
  | "INVALID_JSON" // 400: the body is not JSON (or not UTF-8)
  | "BODY_TOO_LARGE" // 413: over MAX_UPLOAD_BYTES (by Content-Length or while streaming)
  | "UNSUPPORTED_MEDIA_TYPE" // 415: Content-Type is not application/json
  | "INVALID_QUERY"; // 400: a query parameter has the wrong shape

export class RequestError extends Error {
  constructor(
    public readonly code: RequestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RequestError";
  }
}
