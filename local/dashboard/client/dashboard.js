// The local dashboard page's script: fetches /api/dashboard every few seconds and draws each widget with SVG.
// Everything is built with DOM methods and textContent, never parsed as HTML, so no metric label or alarm text can inject
// markup.
(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
  const refreshMs = Number(document.body.dataset.refreshMs) || 5000;
  const minutes = Number(document.body.dataset.minutes) || 30;
  const status = document.getElementById('status');

  function element(tag, attributes = {}, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgElement(tag, attributes = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function formatNumber(value) {
    if (!Number.isFinite(value)) return '–';
    if (Math.abs(value) >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
    if (Math.abs(value) >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
    const rounded = Math.round(value * 100) / 100;
    return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(Math.abs(rounded) < 10 ? 2 : 1);
  }

  function formatTime(epochMs) {
    return new Date(epochMs).toISOString().slice(11, 16);
  }

  /** A round tick step for about four ticks up to `span`: 1, 2 or 5 times a power of ten. */
  function niceStep(span) {
    const raw = span > 0 ? span / 4 : 0.25;
    const power = 10 ** Math.floor(Math.log10(raw));
    for (const step of [1, 2, 5]) if (raw <= step * power) return step * power;
    return 10 * power;
  }

  /** The axis range (the widget's own min/max when it sets them) and its ticks at round values. */
  function axisScale(metrics, side, range) {
    const values = metrics.filter((m) => m.yAxis === side).flatMap((m) => m.datapoints.map((d) => d.value));
    const dataMin = range?.min ?? Math.min(0, ...values);
    const highest = range?.max ?? Math.max(0, ...values);
    // An axis with nothing above its minimum (all zeros, say) still spans one unit, as CloudWatch's does.
    const dataMax = highest > dataMin ? highest : dataMin + 1;
    const step = niceStep(dataMax - dataMin);
    const min = range?.min ?? Math.floor(dataMin / step) * step;
    let max = range?.max ?? Math.ceil(dataMax / step) * step;
    if (!(max > min)) max = min + step;
    const ticks = [];
    for (let tick = min; tick <= max + step / 1e6; tick += step) ticks.push(tick);
    return { min, max, ticks, used: metrics.some((m) => m.yAxis === side) };
  }

  /** Times on round minutes (every 1, 2, 5, 10, 15, 30 or more), at most six across the window. */
  function timeTicks(range) {
    const minute = 60_000;
    const span = range.end - range.start;
    const step = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720].find((m) => span / (m * minute) <= 6) * minute || span;
    const ticks = [];
    for (let t = Math.ceil(range.start / step) * step; t <= range.end; t += step) ticks.push(t);
    return ticks;
  }

  function drawChart(container, widget, range) {
    const width = Math.max(120, container.clientWidth);
    const height = Math.max(60, container.clientHeight);
    const axes = { left: axisScale(widget.metrics, 'left', widget.yAxis.left) };
    axes.right = axisScale(widget.metrics, 'right', widget.yAxis.right);
    const margin = { top: 8, right: axes.right.used ? 44 : 12, bottom: 18, left: 44 };
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;
    const x = (t) => margin.left + ((t - range.start) / (range.end - range.start)) * plotWidth;
    const y = (value, side) => {
      const axis = axes[side];
      return margin.top + plotHeight - ((value - axis.min) / (axis.max - axis.min)) * plotHeight;
    };
    const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
    svg.append(svgElement('title', {}, widget.title));
    for (const tick of axes.left.ticks) {
      const lineY = y(tick, 'left');
      svg.append(
        svgElement('line', { class: 'gridline', x1: margin.left, x2: width - margin.right, y1: lineY, y2: lineY }),
      );
      svg.append(svgElement('text', { x: margin.left - 4, y: lineY + 3, 'text-anchor': 'end' }, formatNumber(tick)));
    }
    if (axes.right.used) {
      for (const tick of axes.right.ticks) {
        const label = formatNumber(tick);
        svg.append(svgElement('text', { x: width - margin.right + 4, y: y(tick, 'right') + 3 }, label));
      }
    }
    for (const t of timeTicks(range)) {
      svg.append(svgElement('text', { x: x(t), y: height - 4, 'text-anchor': 'middle' }, formatTime(t)));
    }
    widget.metrics.forEach((metric, index) => {
      const color = metric.color || PALETTE[index % PALETTE.length];
      const points = metric.datapoints
        .filter((d) => d.timestamp >= range.start - metric.query.periodSeconds * 1000)
        .map((d) => ({ ...d, px: Math.max(margin.left, x(d.timestamp)), py: y(d.value, metric.yAxis) }));
      if (points.length > 1) {
        const path = points.map((p) => `${p.px.toFixed(1)},${p.py.toFixed(1)}`).join(' ');
        svg.append(svgElement('polyline', { points: path, fill: 'none', stroke: color, 'stroke-width': 1.5 }));
      }
      for (const p of points) {
        const dot = svgElement('circle', { cx: p.px, cy: p.py, r: 2.5, fill: color });
        dot.append(svgElement('title', {}, `${metric.label}: ${formatNumber(p.value)} at ${formatTime(p.timestamp)}`));
        svg.append(dot);
      }
    });
    container.replaceChildren(svg);
  }

  function legend(widget) {
    const list = element('div', { class: 'legend' });
    widget.metrics.forEach((metric, index) => {
      const color = metric.color || PALETTE[index % PALETTE.length];
      const item = element('span', {
        title: `${metric.query.namespace} ${metric.query.metricName} (${metric.query.statistic}, ${metric.query.periodSeconds} s)`,
      });
      item.append(element('span', { class: 'swatch', style: `background:${color}` }));
      item.append(document.createTextNode(metric.label + (metric.yAxis === 'right' ? ' (right)' : '')));
      const last = metric.datapoints[metric.datapoints.length - 1];
      const value = !metric.available ? 'no local source' : last ? formatNumber(last.value) : 'no data';
      item.append(element('span', { class: 'value' }, ` ${value}`));
      list.append(item);
    });
    return list;
  }

  function renderMetricWidget(body, widget, range) {
    const chart = element('div', { class: 'chart' });
    const parts = [chart, legend(widget)];
    if (widget.problems.length > 0) parts.push(element('div', { class: 'problems' }, widget.problems.join('; ')));
    body.replaceChildren(...parts);
    drawChart(chart, widget, range);
  }

  function renderAlarmWidget(body, widget) {
    const list = element('ul', { class: 'alarms' });
    for (const alarm of widget.alarms) {
      const item = element('li', { title: `${alarm.description ?? ''}\n${alarm.reason}`.trim() });
      item.append(element('span', { class: `state ${alarm.state}` }, alarm.state.replace('_', ' ')));
      item.append(document.createTextNode(alarm.name));
      list.append(item);
    }
    body.replaceChildren(list);
  }

  function render(view) {
    view.dashboards.forEach((dashboard, d) => {
      dashboard.widgets.forEach((widget, w) => {
        const body = document.querySelector(`[data-dashboard="${d}"][data-widget="${w}"] .body`);
        if (!body) return;
        if (widget.kind === 'metric') renderMetricWidget(body, widget, view.window);
        else if (widget.kind === 'alarm') renderAlarmWidget(body, widget);
        else if (widget.kind === 'text') body.replaceChildren(element('pre', { class: 'text' }, widget.markdown));
        else
          body.replaceChildren(element('div', { class: 'problems' }, `${widget.type} widgets are not drawn locally`));
      });
    });
  }

  let lastView;

  async function refresh() {
    try {
      const response = await fetch(`api/dashboard?minutes=${minutes}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const view = await response.json();
      lastView = view;
      render(view);
      status.className = 'status';
      status.textContent = `last ${minutes} min, updated ${new Date(view.generatedAt).toISOString().slice(11, 19)} UTC`;
      document.body.dataset.loaded = 'true';
    } catch (error) {
      status.className = 'status stale';
      status.textContent = `cannot reach the twin (${error.message}); showing the last data`;
    }
  }

  refresh();
  setInterval(refresh, refreshMs);
  // Charts are drawn at the widget's pixel size: redraw the last data when the window changes size.
  window.addEventListener('resize', () => {
    if (lastView) render(lastView);
  });
})();
