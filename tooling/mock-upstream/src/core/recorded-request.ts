/** One request the mock received, recorded before it is answered. */
export interface RecordedRequest {
  /** Sequence number, starting at 1 for each server. */
  id: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
  rawBody: string;
  /** The client closed the connection before the response ended. */
  aborted: boolean;
  /** The response was sent completely. */
  completed: boolean;
  /** The model named in the path, for providers with the model in the URL (see `MockRoute.modelFromPath`). */
  model?: string;
}

/** The model named in the request's path, else the `model` field of its JSON body, if any. */
export function modelOfRequest(request: RecordedRequest): string | undefined {
  if (request.model !== undefined) {
    return request.model;
  }
  const body = request.body;
  if (typeof body !== 'object' || body === null || !('model' in body)) {
    return undefined;
  }
  return typeof body.model === 'string' ? body.model : undefined;
}
