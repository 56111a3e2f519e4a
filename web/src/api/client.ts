// Fetch client: same-origin cookies, the CSRF header on every write, and RFC 9457 problems turned
// into ApiError so pages can show the server's own bilingual message. Bodies are JSON, or a file
// sent as it is (a Blob: its bytes, its type in Content-Type).
import type { Problem } from "./types";

export class ApiError extends Error {
  /** status 0 means the request never got an HTTP answer (offline, server down). */
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.title ?? (status === 0 ? "Network error" : `HTTP ${status}`));
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on a 401 from any endpoint but login; the back office uses it to go to /login. */
export function onUnauthorized(handler: () => void): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = {
    ...extraHeaders,
    accept: "application/json, application/problem+json",
  };
  const raw = body instanceof Blob;
  if (body !== undefined)
    headers["content-type"] = raw ? body.type || "application/octet-stream" : "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, null);
  }

  const data = response.status === 204 ? null : await readJson(response);
  if (!response.ok) {
    if (response.status === 401 && path !== "/api/auth/login") unauthorizedHandler?.();
    throw new ApiError(response.status, isProblem(data) ? data : null);
  }
  if (data && typeof data === "object" && "csrfToken" in data && typeof data.csrfToken === "string") {
    csrfToken = data.csrfToken;
  }
  return data as T;
}

export const http = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>("GET", path, undefined, signal),
  /** `headers` adds request headers, e.g. the Idempotency-Key of a command. */
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>("POST", path, body, undefined, headers),
  /**
   * POSTs a file as the raw request body: its bytes, and its type (or application/octet-stream when
   * the browser does not know it) as Content-Type; the server sniffs the bytes and compares.
   */
  upload: <T>(path: string, file: Blob, headers?: Record<string, string>) =>
    request<T>("POST", path, file, undefined, headers),
  put: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>("PUT", path, body, undefined, headers),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
