/**
 * The local twin's dashboard: one page with the same widgets as the CloudWatch dashboard of the template, and the
 * JSON endpoint the page polls (`/api/dashboard?minutes=N`). Bound to 127.0.0.1 unless told otherwise.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalTwin } from '#local/twin/twin';
import { readAlarms } from './alarms.ts';
import { DashboardData } from './dashboard-view.ts';
import { MetricSource } from './metric-source.ts';
import { contentSecurityPolicy, renderPage } from './page.ts';
import { twinIntrinsicContext, twinMetricInputs } from './twin-inputs.ts';
import { readDashboards } from './widgets.ts';

export interface DashboardOptions {
  /** Default 0: an ephemeral port (the URL says which). */
  port?: number;
  host?: string;
  /** How often queue gauges are sampled (default 5 s). */
  sampleIntervalMs?: number;
  /** How often the page refreshes (default 5 s). */
  refreshMs?: number;
  /** The time range the page shows (default 30 minutes); `?minutes=` on the API overrides it. */
  windowMinutes?: number;
}

export interface DashboardServer {
  url: string;
  close(): Promise<void>;
}

const MAX_WINDOW_MINUTES = 24 * 60;

export async function startDashboard(twin: LocalTwin, options: DashboardOptions = {}): Promise<DashboardServer> {
  const context = twinIntrinsicContext(twin);
  const dashboards = readDashboards(twin.stack.template, context);
  const alarms = readAlarms(twin.stack.template, context);
  const source = new MetricSource(twinMetricInputs(twin));
  const data = new DashboardData(dashboards, alarms, source);
  const refreshMs = options.refreshMs ?? 5000;
  const windowMinutes = options.windowMinutes ?? 30;

  const server = createServer((request, response) => {
    try {
      route(request, response);
    } catch (error) {
      // Errors here are the dashboard's own (never function output), so they carry no PHI.
      send(response, 500, 'text/plain; charset=utf-8', `dashboard error: ${(error as Error).message}\n`);
    }
  });

  function route(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      send(
        response,
        405,
        'text/plain; charset=utf-8',
        `${request.method} is not allowed; the dashboard is read-only\n`,
      );
      return;
    }
    if (url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      response.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
      const html = renderPage(dashboards, { stackName: twin.stack.stackName, refreshMs, windowMinutes, nonce });
      send(response, 200, 'text/html; charset=utf-8', html);
      return;
    }
    if (url.pathname === '/api/dashboard') {
      const minutes = Number(url.searchParams.get('minutes') ?? windowMinutes);
      if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_WINDOW_MINUTES) {
        const message = `minutes must be a number between 1 and ${MAX_WINDOW_MINUTES}, got '${url.searchParams.get('minutes')}'`;
        send(response, 400, 'application/json', JSON.stringify({ error: message }));
        return;
      }
      // A sample per request too, so a page refresh always sees the queues as they are now.
      source.sampleQueues();
      send(response, 200, 'application/json', JSON.stringify(data.view(Date.now(), minutes * 60_000)));
      return;
    }
    send(response, 404, 'text/plain; charset=utf-8', `no page at ${url.pathname}; the dashboard is at /\n`);
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  source.startSampling(options.sampleIntervalMs ?? 5000);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/`,
    close: async () => {
      source.stopSampling();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
