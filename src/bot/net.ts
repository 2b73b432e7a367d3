/**
 * How the channels reach their platforms from a server in Vietnam: Telegram's Bot API through a
 * relay or a self-hosted Bot API server (TELEGRAM_API_ROOT), and both channels' HTTP clients
 * through a standard HTTP(S) proxy (HTTPS_PROXY / HTTP_PROXY, NO_PROXY). With no proxy configured
 * nothing changes: grammY keeps its own fetch and Zalo Node's.
 */
import type { BotConfig, Context } from 'grammy';
import type { FetchLike } from './zalo/client.js';

export interface ProxySettings {
  /** Proxy for https:// URLs (HTTPS_PROXY). */
  httpsProxy?: string;
  /** Proxy for http:// URLs (HTTP_PROXY); also used for https:// when HTTPS_PROXY is not set. */
  httpProxy?: string;
  /** Hosts reached directly (NO_PROXY: comma-separated names, domains with a leading dot, `*`). */
  noProxy?: string;
}

export interface NetSettings {
  /** The Bot API root instead of https://api.telegram.org (a relay or a self-hosted Bot API server). */
  telegramApiRoot?: string;
  proxy?: ProxySettings;
}

/** A fetch that goes through the proxy (undici's EnvHttpProxyAgent with the given settings). */
export async function proxyFetch(proxy: ProxySettings): Promise<typeof fetch> {
  const undici = await import('undici');
  const https = proxy.httpsProxy ?? proxy.httpProxy;
  const dispatcher = new undici.EnvHttpProxyAgent({
    ...(proxy.httpProxy ? { httpProxy: proxy.httpProxy } : {}),
    ...(https ? { httpsProxy: https } : {}),
    noProxy: proxy.noProxy ?? '',
  });
  return ((input: string | URL, init?: RequestInit) =>
    undici.fetch(input as string, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}

/**
 * Adapts a WHATWG fetch to what grammY hands its fetch on Node: its own AbortSignal polyfill (which
 * undici refuses), node-fetch's `agent` and `compress`, and a Node stream as a file upload's body.
 */
export function forGrammy(f: typeof fetch): NonNullable<NonNullable<BotConfig<Context>['client']>['fetch']> {
  return ((url: string, init: Record<string, unknown> = {}) => {
    const { signal, agent: _agent, compress: _compress, ...rest } = init;
    const abort = new AbortController();
    const given = signal as { aborted?: boolean; addEventListener?: (e: string, f: () => void) => void };
    if (given?.aborted) abort.abort();
    else given?.addEventListener?.('abort', () => abort.abort());
    const streamed = typeof (rest.body as { pipe?: unknown } | undefined)?.pipe === 'function';
    return f(url, { ...rest, signal: abort.signal, ...(streamed ? { duplex: 'half' } : {}) } as RequestInit);
  }) as never;
}

/** What each channel's client is given: the Telegram client options and Zalo's fetch. */
export interface ChannelClients {
  telegram: NonNullable<BotConfig<Context>['client']>;
  zaloFetch?: FetchLike;
}

/** The clients' options from the settings; the proxy's module is loaded only when one is set. */
export async function channelClients(net: NetSettings): Promise<ChannelClients> {
  const proxied = net.proxy && (net.proxy.httpsProxy || net.proxy.httpProxy) ? net.proxy : undefined;
  const f = proxied ? await proxyFetch(proxied) : undefined;
  return {
    telegram: {
      ...(net.telegramApiRoot ? { apiRoot: net.telegramApiRoot } : {}),
      ...(f ? { fetch: forGrammy(f) } : {}),
    },
    ...(f ? { zaloFetch: f as FetchLike } : {}),
  };
}
