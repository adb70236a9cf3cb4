// One HTTP call to Countersign with the SDK's retry rules: 429 (honouring
// Retry-After), 5xx and network errors are retried with exponential backoff
// and jitter, every attempt carrying the same headers (so the same
// Idempotency-Key: a retried POST can never create a second proposal).
import { CountersignError } from "./errors.js";

export type RetryOptions = {
  /** Attempts after the first; default 4. */
  retries?: number;
  /** First backoff in ms, doubled each attempt (with jitter); default 250. */
  minDelayMs?: number;
  /** Cap of one backoff (and of an honoured Retry-After); default 10 000. */
  maxDelayMs?: number;
};

export type HttpConfig = {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  retry: Required<RetryOptions>;
  userAgent: string;
};

export type HttpRequest = {
  method: "GET" | "POST";
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Per-attempt timeout in ms (the long-poll sets it above its wait). */
  timeoutMs?: number;
};

export type HttpResponse<T> = { status: number; body: T; attempts: number };

export async function request<T>(config: HttpConfig, req: HttpRequest): Promise<HttpResponse<T>> {
  const url = new URL(req.path.replace(/^\//, ""), config.baseUrl.endsWith("/") ? config.baseUrl : `${config.baseUrl}/`);
  const headers: Record<string, string> = {
    accept: "application/json",
    authorization: `Bearer ${config.apiKey}`,
    "user-agent": config.userAgent,
    ...req.headers,
  };
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  if (payload !== undefined) headers["content-type"] = "application/json";

  for (let attempt = 0; ; attempt++) {
    throwIfAborted(req.signal);
    const signals = [req.signal, req.timeoutMs ? AbortSignal.timeout(req.timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined);
    let response: Response;
    try {
      response = await config.fetch(url, {
        method: req.method,
        headers,
        body: payload,
        signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
      });
    } catch (error) {
      throwIfAborted(req.signal);
      if (attempt >= config.retry.retries) {
        throw new CountersignError("network_error", `Could not reach Countersign at ${url.origin}: ${describe(error)}`, { cause: error });
      }
      await sleep(backoff(config.retry, attempt), req.signal);
      continue;
    }
    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && attempt < config.retry.retries) {
      await response.body?.cancel().catch(() => undefined);
      const hinted = retryAfterMs(response.headers.get("retry-after"));
      const delay = hinted !== null ? Math.min(hinted, config.retry.maxDelayMs) : backoff(config.retry, attempt);
      await sleep(delay, req.signal);
      continue;
    }
    const body = await readJson(response);
    if (!response.ok) throw CountersignError.fromResponse(response.status, body);
    if (body === undefined) throw new CountersignError("invalid_response", `Countersign answered HTTP ${response.status} without a JSON body.`, { status: response.status });
    return { status: response.status, body: body as T, attempts: attempt + 1 };
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function backoff(retry: Required<RetryOptions>, attempt: number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.minDelayMs * 2 ** attempt);
  // "Equal jitter": never less than half the ceiling, so retries do not stampede yet still back off.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

function abortError(signal: AbortSignal): CountersignError {
  return new CountersignError("aborted", "The operation was aborted.", { cause: signal.reason });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
