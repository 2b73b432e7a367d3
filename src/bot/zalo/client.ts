import type { Logger } from 'pino';
import type { ZaloBotInfo, ZaloEnvelope, ZaloSentMessage, ZaloUpdate, ZaloWebhookInfo } from './types.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ZaloClientOptions {
  /** `<bot_id>:<secret>`; it sits in the URL path, so it is redacted from every log line and error. */
  token: string;
  /** e.g. https://bot-api.zaloplatforms.com (tests point it at a local fake). */
  baseUrl: string;
  fetch?: FetchLike;
  logger?: Logger;
  /** HTTP timeout of every call but getUpdates (ms). Default 20 s. */
  timeoutMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** Zalo answered `ok: false` (or an HTTP error without an envelope). */
export class ZaloApiError extends Error {
  override readonly name = 'ZaloApiError';
  constructor(
    readonly method: string,
    readonly error_code: number,
    readonly description: string,
    /** From a Retry-After header, when Zalo sends one. */
    readonly retryAfterMs?: number,
  ) {
    super(`Zalo ${method} failed: ${error_code} ${description}`);
  }
}

/** The call did not get an answer: network failure, timeout, or an answer that is not JSON. */
export class ZaloNetworkError extends Error {
  override readonly name = 'ZaloNetworkError';
  constructor(
    readonly method: string,
    detail: string,
    readonly timedOut = false,
  ) {
    super(`Zalo ${method}: ${detail}`);
  }
}

export interface ZaloClient {
  getMe(opts?: CallOptions): Promise<ZaloBotInfo>;
  /**
   * Long-polls for updates. Zalo returns one update per call (no offset); an idle poll (408)
   * returns []. An array result is accepted too, in case the API starts batching.
   */
  getUpdates(params?: { timeout?: number }, opts?: CallOptions): Promise<ZaloUpdate[]>;
  setWebhook(params: { url: string; secret_token: string }, opts?: CallOptions): Promise<ZaloWebhookInfo>;
  deleteWebhook(opts?: CallOptions): Promise<ZaloWebhookInfo>;
  getWebhookInfo(opts?: CallOptions): Promise<ZaloWebhookInfo>;
  sendMessage(params: { chat_id: string; text: string }, opts?: CallOptions): Promise<ZaloSentMessage>;
  sendChatAction(params: { chat_id: string; action: 'typing' }, opts?: CallOptions): Promise<unknown>;
  sendPhoto(
    params: { chat_id: string; photo: string; caption?: string },
    opts?: CallOptions,
  ): Promise<ZaloSentMessage>;
  /** Replaces the token wherever it appears (URLs, error texts) with `<token>`. */
  redact(text: string): string;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** How much longer than the poll timeout the HTTP request of getUpdates may take. */
const POLL_GRACE_MS = 15_000;
const DEFAULT_POLL_SECONDS = 30;

function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { message?: string; code?: string } | undefined;
  const detail = cause?.code ?? cause?.message;
  return detail ? `${err.message} (${detail})` : err.message;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function isEnvelope(body: unknown): body is ZaloEnvelope<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

/** A typed client of the Zalo Bot API over fetch: POST JSON to `${baseUrl}/bot${token}/${method}`. */
export function createZaloClient(opts: ZaloClientOptions): ZaloClient {
  if (!opts.token) throw new Error('Zalo bot token is empty');
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  const base = opts.baseUrl.replace(/\/+$/, '');
  const secrets = [...new Set([opts.token, encodeURIComponent(opts.token)])];
  const redact = (text: string) => secrets.reduce((out, s) => out.split(s).join('<token>'), text);
  const defaultTimeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call<T>(
    method: string,
    params: object,
    callOpts: CallOptions = {},
    timeoutMs = defaultTimeout,
  ): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callOpts.signal ? AbortSignal.any([callOpts.signal, timeout]) : timeout;
    const started = Date.now();
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${base}/bot${opts.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal,
      });
      text = await res.text();
    } catch (err) {
      if (callOpts.signal?.aborted) throw callOpts.signal.reason ?? err;
      const timedOut = timeout.aborted;
      throw new ZaloNetworkError(
        method,
        timedOut ? `no answer within ${timeoutMs} ms` : redact(describeFailure(err)),
        timedOut,
      );
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    opts.logger?.trace({ method, status: res.status, ms: Date.now() - started }, 'zalo api call');
    if (isEnvelope(body)) {
      if (body.ok) return body.result as T;
      throw new ZaloApiError(
        method,
        Number(body.error_code ?? res.status),
        redact(String(body.description ?? res.statusText)),
        parseRetryAfter(res.headers.get('retry-after')),
      );
    }
    if (!res.ok) {
      throw new ZaloApiError(
        method,
        res.status,
        redact(res.statusText || 'HTTP error'),
        parseRetryAfter(res.headers.get('retry-after')),
      );
    }
    throw new ZaloNetworkError(method, `answer is not a Zalo envelope (HTTP ${res.status})`);
  }

  return {
    redact,
    getMe: (o) => call<ZaloBotInfo>('getMe', {}, o),
    async getUpdates(params = {}, o) {
      const timeout = params.timeout ?? DEFAULT_POLL_SECONDS;
      try {
        const result = await call<ZaloUpdate | ZaloUpdate[] | null | undefined>(
          'getUpdates',
          { timeout },
          o,
          timeout * 1000 + POLL_GRACE_MS,
        );
        if (Array.isArray(result)) return result;
        return result && typeof result === 'object' ? [result] : [];
      } catch (err) {
        if (err instanceof ZaloApiError && err.error_code === 408) return [];
        throw err;
      }
    },
    setWebhook: (p, o) => call<ZaloWebhookInfo>('setWebhook', p, o),
    deleteWebhook: (o) => call<ZaloWebhookInfo>('deleteWebhook', {}, o),
    getWebhookInfo: (o) => call<ZaloWebhookInfo>('getWebhookInfo', {}, o),
    sendMessage: (p, o) => call<ZaloSentMessage>('sendMessage', p, o),
    sendChatAction: (p, o) => call<unknown>('sendChatAction', p, o),
    sendPhoto: (p, o) => call<ZaloSentMessage>('sendPhoto', p, o),
  };
}
