/**
 * The HTTP server: @hono/node-server's listener on node:http. Requests that never reach the
 * application — a request line Node's parser refuses (raw Chinese or control characters in the
 * address), a Host header or path the adapter refuses, oversized headers — still get a short
 * Chinese answer instead of an empty one.
 */
import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener, RequestError } from '@hono/node-server';

type Fetch = Parameters<typeof getRequestListener>[0];

const MESSAGES: Record<number, [string, string]> = {
  400: ['请求格式有误', '无法识别这个请求：网址或请求头的格式不正确（网址中的中文须经过编码）。请从本站页面上的链接重新进入。'],
  408: ['请求超时', '请求在规定时间内没有发送完整，请重试。'],
  413: ['提交的内容过大', '请求的内容超过了本站的上限。'],
  431: ['请求头过大', '请求头（如 Cookie）过大。请清除本站的 Cookie 后重试。'],
  500: ['系统出现错误', '系统暂时无法完成您的请求，请稍后再试。'],
};

/** A minimal Chinese page for an error status. */
export function plainErrorPage(status: number): string {
  const [title, message] = MESSAGES[status] ?? MESSAGES[400]!;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${message}</p><p><a href="/">返回首页</a></p></body></html>`;
}

function statusOfParserError(code: string | undefined): number {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return 431;
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 413;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 408;
    default:
      return 400;
  }
}

/** Creates (not yet listening) the server for an application's fetch handler. */
export function createWebServer(fetch: Fetch): Server {
  const listener = getRequestListener(fetch, {
    errorHandler: (e) => {
      const status = e instanceof RequestError ? 400 : 500;
      return new Response(plainErrorPage(status), { status, headers: { 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' } });
    },
  });
  const server = createServer(listener);
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    if (err.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const status = statusOfParserError(err.code);
    const body = Buffer.from(plainErrorPage(status));
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`);
  });
  return server;
}

/** Starts serving on a port and host; resolves once listening. */
export async function startWebServer(fetch: Fetch, options: { port: number; hostname: string }): Promise<Server> {
  const server = createWebServer(fetch);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
