/** The page's HTML: every widget in its grid cell, every template-provided text escaped, nothing loaded from outside. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, escapeHtml, renderPage } from '#local/dashboard/page';
import type { DashboardModel } from '#local/dashboard/widgets';

const HOSTILE = `<img src=x onerror="alert('t')">&`;

const dashboard: DashboardModel = {
  logicalId: 'Dashboard',
  widgets: [
    { kind: 'text', title: HOSTILE, x: 0, y: 0, width: 12, height: 2, markdown: HOSTILE },
    { kind: 'alarm', title: 'Alarms', x: 12, y: 0, width: 12, height: 3, alarmArns: [] },
  ],
};
const options = { stackName: 'Claim"Flow', refreshMs: 5000, windowMinutes: 30, nonce: 'bm9uY2U=' };

describe('the dashboard page', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('renders each widget title escaped, in the grid cell CloudWatch gives it', () => {
    const html = renderPage([dashboard], options);
    expect(html).toContain('<h2>&lt;img src=x onerror=&quot;alert(&#39;t&#39;)&quot;&gt;&amp;</h2>');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('style="grid-column:1 / span 12;grid-row:1 / span 2"');
    expect(html).toContain('style="grid-column:13 / span 12;grid-row:1 / span 3"');
    expect(html).toContain('<title>Claim&quot;Flow operations (local twin)</title>');
  });

  it('carries the nonce on its only script, and the policy allows no other script or origin', () => {
    const html = renderPage([dashboard], options);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="bm9uY2U=">');
    const policy = contentSecurityPolicy('bm9uY2U=');
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'nonce-bm9uY2U='");
    expect(policy).toContain("connect-src 'self'");
  });

  it('has a client script that never writes markup from data (text nodes only)', () => {
    const script = readFileSync(new URL('../../../local/dashboard/client/dashboard.js', import.meta.url), 'utf8');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});
