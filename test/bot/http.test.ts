import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpServer, readBody } from '../../src/bot/http.js';
import { captureLogs } from './zalo/harness.js';

/** What the server wrote on a raw connection until it closed it. */
function closed(socket: Socket): Promise<string> {
  let got = '';
  socket.on('data', (d) => {
    got += d.toString('latin1');
  });
  return new Promise((resolve) => socket.on('close', () => resolve(got)));
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

describe("the bot's HTTP server cuts slow and idle clients off and caps its connections", async () => {
  const logs = captureLogs();
  const http = createHttpServer(logs.logger, {
    headersTimeoutMs: 200,
    requestTimeoutMs: 400,
    keepAliveTimeoutMs: 100,
    maxConnections: 3,
  });
  http.route('POST', '/hook', async (req, res) => {
    const body = await readBody(req, 1024);
    res.writeHead(200).end(String(body.length));
  });
  http.route('GET', '/ping', (_req, res) => {
    res.writeHead(200).end('pong');
  });
  const port = await http.listen(0, '127.0.0.1');
  afterAll(() => http.close());

  it('answers 408 and closes when the headers never end', async () => {
    const s = await open(port);
    const done = closed(s);
    s.write('POST /hook HTTP/1.1\r\nHost: bot\r\nX-Slow: ');
    expect(await done).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers 408 and closes when the body never ends', async () => {
    const s = await open(port);
    const done = closed(s);
    s.write('POST /hook HTTP/1.1\r\nHost: bot\r\nContent-Length: 100\r\n\r\n{"update_id":');
    expect(await done).toMatch(/HTTP\/1\.1 408/);
  });

  it('closes a kept-alive connection once it is idle', async () => {
    const s = await open(port);
    const done = closed(s);
    s.write('GET /ping HTTP/1.1\r\nHost: bot\r\nConnection: keep-alive\r\n\r\n');
    const got = await done;
    expect(got).toMatch(/^HTTP\/1\.1 200/);
    expect(got).toContain('pong');
  });

  it('refuses connections beyond the cap, with one log line', async () => {
    const held = await Promise.all([open(port), open(port), open(port)]);
    const extra = await open(port);
    expect(await closed(extra)).toBe('');
    expect(logs.lines.some((l) => l.msg === 'http connection refused: too many open')).toBe(true);
    for (const s of held) s.destroy();
  });
});
