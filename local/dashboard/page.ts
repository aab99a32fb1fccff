/**
 * The dashboard page: the widget grid rendered on the server (every title is in the HTML, escaped), and a small inline
 * script that fills each widget from `/api/dashboard`. No external resources: the machine may have no internet.
 */
import { readFileSync } from 'node:fs';
import type { DashboardModel } from './widgets.ts';

const CLIENT_SCRIPT = readFileSync(new URL('./client/dashboard.js', import.meta.url), 'utf8');
const STYLES = readFileSync(new URL('./client/dashboard.css', import.meta.url), 'utf8');

export interface PageOptions {
  stackName: string;
  refreshMs: number;
  windowMinutes: number;
  /** A fresh random value per response: only the page's own inline script may run. */
  nonce: string;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c as '&' | '<' | '>' | '"' | "'"],
  );
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "connect-src 'self'",
    `script-src 'nonce-${nonce}'`,
    // Widget positions and legend swatches are inline style attributes.
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function renderPage(dashboards: readonly DashboardModel[], options: PageOptions): string {
  const title = `${options.stackName} operations (local twin)`;
  const sections = dashboards.map((dashboard, d) => {
    const widgets = dashboard.widgets.map((widget, w) => {
      const style = `grid-column:${widget.x + 1} / span ${widget.width};grid-row:${widget.y + 1} / span ${widget.height}`;
      return (
        `<section class="widget" data-dashboard="${d}" data-widget="${w}" data-kind="${escapeHtml(widget.kind)}" ` +
        `style="${escapeHtml(style)}"><h2>${escapeHtml(widget.title)}</h2><div class="body">loading…</div></section>`
      );
    });
    const heading = dashboards.length > 1 ? `<h2 class="dashboard-name">${escapeHtml(dashboard.logicalId)}</h2>` : '';
    return `${heading}<div class="grid">${widgets.join('')}</div>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${escapeHtml(options.nonce)}">${STYLES}</style>
</head>
<body data-refresh-ms="${options.refreshMs}" data-minutes="${options.windowMinutes}">
<header><h1>${escapeHtml(title)}</h1><span id="status" class="status">loading…</span></header>
${sections.join('\n')}
<script nonce="${escapeHtml(options.nonce)}">${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
