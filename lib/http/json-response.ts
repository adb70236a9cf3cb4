// A JSON Response that keeps its text and makes its body stream only when
// someone reads the body. undici builds a ReadableStream for every body it is
// given, even a string, and that cost 35-50 µs a response in the server (4-5 %
// of intake's thread, measured with --cpu-prof; docs/benchmarks.md). The lean
// agent API (agent-api-dispatch.ts) never reads the stream: it writes `jsonText`.
// Everyone else (Next.js serving a route, tests calling a handler) reads the
// body through the standard members, answered by a full Response with the same
// text, status and headers, made on first use.
type Body = Response["body"];

export class JsonResponse extends Response {
  /** The JSON text of the body, exactly as it goes out. */
  readonly jsonText: string;
  #full: Response | null = null;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.jsonText = text;
  }

  /** The same response with its body, made once; its headers are this one's at that moment. */
  #withBody(): Response {
    return (this.#full ??= new Response(this.jsonText, { status: this.status, statusText: this.statusText, headers: this.headers }));
  }

  override get body(): Body {
    return this.#withBody().body;
  }
  override get bodyUsed(): boolean {
    return this.#full?.bodyUsed ?? false;
  }
  override text(): Promise<string> {
    return this.#withBody().text();
  }
  override json(): Promise<unknown> {
    return this.#withBody().json();
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#withBody().arrayBuffer();
  }
  override blob(): Promise<Blob> {
    return this.#withBody().blob();
  }
  override formData(): Promise<FormData> {
    return this.#withBody().formData();
  }
  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }
  override clone(): JsonResponse {
    if (this.bodyUsed) throw new TypeError("Response.clone: the body has already been read.");
    return new JsonResponse(this.jsonText, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
  }
}
