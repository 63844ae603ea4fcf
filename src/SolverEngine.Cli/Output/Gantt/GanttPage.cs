using System.Net;
using System.Text.Json;
using SolverEngine.Contracts.V1;

namespace SolverEngine.Cli.Output.Gantt;

/// <summary>
/// Writes the Gantt chart of a plan as one self-contained HTML page: inline CSS, inline JavaScript
/// (no library), the data as inline JSON, no external URL. The script draws an SVG: one row per line
/// (runs coloured by product family, changeovers hatched, downtime grey, time outside the calendar
/// light grey), per shared asset (occupations stacked into lanes, red outline past capacity) and
/// per tank (level over time, capacity line, fills and draws), with the frozen and slushy zones and
/// the bucket boundaries; zoom with the mouse wheel, the buttons or + / -, pan by dragging or with
/// the arrow keys, from the whole horizon down to one hour.
/// Every run is one <c>rect</c> with <c>data-run</c> (its index in Plan.runs), <c>data-line</c>,
/// <c>data-product</c>, <c>data-family</c>, <c>data-start</c>, <c>data-end</c> (ISO 8601 UTC),
/// <c>data-quantity</c>, <c>data-bucket</c>, <c>data-frozen</c> and a <c>title</c> tooltip.
/// </summary>
/// <remarks>
/// Lives in the CLI because only <c>solverengine gantt</c> uses it; it needs nothing of the CLI
/// (a model and a result in, HTML out), so a server that serves the page later can take the folder as it is.
/// </remarks>
internal static class GanttPage
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // The default encoder escapes <, > and &, so the JSON cannot close its script element.
    };

    /// <exception cref="Core.Validation.ModelValidationException">The model is invalid.</exception>
    public static string Render(PlanningModel model, SolveResult result)
    {
        var data = GanttData.Build(model, result);
        var json = JsonSerializer.Serialize(data, Json);
        return Template
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(data.Title), StringComparison.Ordinal)
            .Replace("{{DATA}}", json, StringComparison.Ordinal);
    }

    private const string Template = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Gantt</title>
<style>
body { margin: 0; font: 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; background: #f4f5f7; }
header { padding: 10px 16px 4px; }
h1 { font-size: 18px; margin: 0 0 2px; }
.sub { color: #555; }
.toolbar { display: flex; gap: 6px; align-items: center; padding: 6px 16px; flex-wrap: wrap; }
.toolbar button { font: inherit; padding: 3px 10px; border: 1px solid #bbb; background: #fff; border-radius: 4px; cursor: pointer; }
.toolbar button:hover { background: #eef2ff; }
#range { margin-left: 10px; color: #333; font-variant-numeric: tabular-nums; }
.hint { color: #777; margin-left: 10px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 4px 16px 8px; }
.legend .sw { display: inline-block; width: 16px; height: 12px; vertical-align: -2px; margin-right: 5px; border: 1px solid rgba(0,0,0,.3); }
.sw.hatch { background: repeating-linear-gradient(45deg, #fff 0 2px, #444 2px 3px); }
.sw.down { background: #9a9a9a; } .sw.off { background: #e3e3e3; }
.sw.frozen { background: rgba(91,141,239,.25); border-color: #2f6fdf; } .sw.slushy { background: rgba(240,180,41,.25); border-color: #d99a00; }
.sw.frozenrun { background: #ccc; border: 2px solid #111; } .sw.over { background: #fff; border: 2px solid #d00; }
.sw.tank { background: rgba(127,179,230,.6); border-color: #2b6cb0; }
#chart { margin: 0 16px 16px; background: #fff; border: 1px solid #d5d7db; user-select: none; overflow: hidden; }
#chart.dragging { cursor: grabbing; }
svg { display: block; }
.rowbg { fill: #fff; } .rowbg.alt { fill: #f7f8fa; } .rowsep { stroke: #e2e4e8; }
.rowlabel { font-weight: 600; font-size: 12px; } .rowsub { fill: #777; font-size: 10.5px; }
.labelbg { fill: #fff; } .labelsep { stroke: #c8cbd0; }
.run { stroke: rgba(0,0,0,.4); stroke-width: .6; }
.run.frozen { stroke: #111; stroke-width: 2; }
.run:hover, .occ:hover, .changeover:hover { stroke: #000; stroke-width: 2; }
.changeover { fill: url(#hatch); stroke: #444; stroke-width: .6; }
.downtime { fill: #9a9a9a; opacity: .8; }
.offshift { fill: #e3e3e3; }
.fence.frozen { fill: #5b8def; opacity: .13; } .fence.slushy { fill: #f0b429; opacity: .12; }
.fenceline { stroke-width: 2; } .fenceline.frozen { stroke: #2f6fdf; } .fenceline.slushy { stroke: #d99a00; stroke-dasharray: 6 3; }
.fencelabel { font-size: 10.5px; font-weight: 600; } .fencelabel.frozen { fill: #2f6fdf; } .fencelabel.slushy { fill: #b07c00; }
.bucketline { stroke: #445; opacity: .22; }
.gridline { stroke: #000; opacity: .05; }
.axis text { font-size: 11px; fill: #333; } .axis .major { font-weight: 600; } .axisbg { fill: #fafbfc; }
.occ { stroke: rgba(0,0,0,.35); stroke-width: .6; } .occ.co { fill: url(#hatch); }
.occ.over { stroke: #d00; stroke-width: 2; }
.tanklevel { fill: #7fb3e6; fill-opacity: .5; stroke: #2b6cb0; stroke-width: 1.2; }
.tankcap { stroke: #c00; stroke-dasharray: 4 3; }
.flow { stroke: rgba(0,0,0,.3); stroke-width: .5; }
.held { opacity: .9; } .held.cleaning { stroke: #444; stroke-width: .5; }
.runlabel { font-size: 10.5px; fill: #fff; pointer-events: none; }
</style>
</head>
<body>
<header><h1 id="title"></h1><div class="sub" id="subtitle"></div></header>
<div class="toolbar">
  <button type="button" data-zoom="all">Horizon</button>
  <button type="button" data-zoom="month">Month</button>
  <button type="button" data-zoom="week">Week</button>
  <button type="button" data-zoom="day">Day</button>
  <button type="button" data-zoom="hours">8 hours</button>
  <button type="button" data-zoom="in" title="Zoom in (+)">+</button>
  <button type="button" data-zoom="out" title="Zoom out (-)">&minus;</button>
  <button type="button" data-pan="-1" title="Earlier (left arrow)">&#9664;</button>
  <button type="button" data-pan="1" title="Later (right arrow)">&#9654;</button>
  <span id="range"></span><span class="hint">mouse wheel: zoom · drag: pan</span>
</div>
<div class="legend" id="legend"></div>
<div id="chart"><svg id="gantt" role="img" aria-label="Gantt chart"></svg></div>
<script type="application/json" id="gantt-data">{{DATA}}</script>
<script>
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('gantt-data').textContent);
  var svg = document.getElementById('gantt');
  var chart = document.getElementById('chart');
  var NS = svg.namespaceURI;
  var LABEL = 200, AXIS = 42, HOUR = 3600000, DAY = 24 * HOUR;
  var W = 1000, H = 0;
  var items = [];          // {el, s, e, kind, min}: elements placed by time
  var tanks = [];          // {el, pts, y, h, cap}
  var view = { t0: data.start, t1: data.end };

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function tip(e, text) { var t = el('title', {}, e); t.textContent = text; return e; }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 19) + 'Z'; }
  // Shortens a label with an ellipsis until it fits the label column (the full text stays in its title).
  function fit(text, full) {
    if (!text.getComputedTextLength) return;
    var n = full.length;
    while (n > 4 && text.getComputedTextLength() > LABEL - 14) { n--; text.firstChild.nodeValue = full.slice(0, n) + '\u2026'; }
  }
  function place(e, s, end, kind, min) { items.push({ el: e, s: s, e: end, kind: kind, min: min || 0 }); return e; }

  document.getElementById('title').textContent = data.title;
  document.getElementById('subtitle').textContent = data.subtitle;

  // Legend: families, then the marks.
  var legend = document.getElementById('legend');
  function legendItem(cls, color, text) {
    var span = document.createElement('span');
    var sw = document.createElement('span');
    sw.className = 'sw ' + cls;
    if (color) sw.style.background = color;
    span.appendChild(sw);
    span.appendChild(document.createTextNode(text));
    legend.appendChild(span);
  }
  data.families.forEach(function (f) { legendItem('family', f.color, f.name); });
  legendItem('hatch', null, 'changeover');
  legendItem('down', null, 'downtime');
  legendItem('off', null, 'outside working time');
  if (data.frozenEnd) legendItem('frozen', null, 'frozen zone');
  if (data.slushyEnd) legendItem('slushy', null, 'slushy zone');
  legendItem('frozenrun', null, 'frozen run');
  if (data.rows.some(function (r) { return r.kind === 'asset'; })) legendItem('over', null, 'asset use beyond capacity');
  if (data.rows.some(function (r) { return r.kind === 'tank'; })) legendItem('tank', null, 'tank level');

  // Static structure.
  var defs = el('defs', {}, svg);
  var hatch = el('pattern', { id: 'hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' }, defs);
  el('rect', { width: 6, height: 6, fill: '#f4f4f4' }, hatch);
  el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#444', 'stroke-width': 2 }, hatch);
  var clip = el('clipPath', { id: 'plotclip' }, defs);
  var clipRect = el('rect', { x: LABEL, y: 0, width: 100, height: 100 }, clip);
  var bg = el('g', { 'class': 'bg' }, svg);
  var plot = el('g', { 'class': 'plot', 'clip-path': 'url(#plotclip)' }, svg);
  var gridLayer = el('g', { 'class': 'grid' }, plot);
  var fenceLayer = el('g', { 'class': 'fences' }, plot);
  var calLayer = el('g', { 'class': 'calendar' }, plot);
  var bucketLayer = el('g', { 'class': 'buckets' }, plot);
  var content = el('g', { 'class': 'content' }, plot);
  var fenceMarks = el('g', { 'class': 'fencemarks' }, plot);
  var labels = el('g', { 'class': 'labels' }, svg);
  var axis = el('g', { 'class': 'axis' }, svg);

  var y = AXIS, rowIndex = 0, rowBgs = [];
  data.rows.forEach(function (row) {
    var h = row.kind === 'line' ? 34 : row.kind === 'asset' ? Math.max(34, row.lanes * 14 + 10) : 70;
    var g = el('g', { 'class': 'row ' + row.kind, 'data-row-kind': row.kind, 'data-row-id': row.id }, content);
    rowBgs.push(el('rect', { 'class': 'rowbg' + (rowIndex % 2 ? ' alt' : ''), x: 0, y: y, height: h, width: 100 }, bg));
    var sep = el('line', { 'class': 'rowsep', x1: 0, y1: y + h, y2: y + h, x2: 100 }, bg);
    rowBgs.push(sep);
    (row.off || []).forEach(function (o) { place(el('rect', { 'class': 'offshift', y: y, height: h }, calLayer), o[0], o[1], 'rect'); });
    (row.down || []).forEach(function (d) {
      tip(place(el('rect', { 'class': 'downtime', y: y, height: h, 'data-downtime': d.reason }, calLayer), d.s, d.e, 'rect'),
        d.reason + '\n' + iso(d.s) + ' \u2192 ' + iso(d.e));
    });
    if (row.kind === 'line') {
      row.cos.forEach(function (c) {
        tip(place(el('rect', { 'class': 'changeover', y: y + 5, height: h - 10, 'data-changeover': c.run, 'data-from': c.from, 'data-to': c.to,
          'data-hours': c.h, 'data-start': iso(c.s), 'data-end': iso(c.e) }, g), c.s, c.e, 'rect', 1), c.tip);
      });
      row.runs.forEach(function (r) {
        var rect = el('rect', { 'class': 'run' + (r.fz ? ' frozen' : ''), y: y + 5, height: h - 10, fill: r.c, rx: 2,
          'data-run': r.i, 'data-line': r.line, 'data-product': r.p, 'data-family': r.f, 'data-start': iso(r.s), 'data-end': iso(r.e),
          'data-quantity': r.q, 'data-bucket': r.b, 'data-frozen': r.fz ? 'true' : 'false' }, g);
        tip(place(rect, r.s, r.e, 'rect', 1), r.tip);
        var text = el('text', { 'class': 'runlabel', y: y + h / 2 + 4 }, g);
        text.textContent = r.p;
        place(text, r.s, r.e, 'label');
      });
    } else if (row.kind === 'asset') {
      row.occ.forEach(function (o) {
        var rect = el('rect', { 'class': 'occ' + (o.type === 'changeover' ? ' co' : '') + (o.over ? ' over' : ''), y: y + 5 + o.lane * 14, height: 12,
          fill: o.type === 'changeover' ? null : o.c, 'data-occupation': o.type, 'data-line': o.line, 'data-product': o.p,
          'data-start': iso(o.s), 'data-end': iso(o.e), 'data-lane': o.lane }, g);
        tip(place(rect, o.s, o.e, 'rect', 1), o.tip + (o.over ? '\nBEYOND CAPACITY' : ''));
      });
    } else if (row.kind === 'tank') {
      var cap = row.cap > 0 ? row.cap : 1;
      place(el('line', { 'class': 'tankcap', y1: y + 8, y2: y + 8 }, g), data.start, data.end, 'hline');
      var path = el('path', { 'class': 'tanklevel', 'data-tank': row.id }, g);
      tip(path, row.label + ' level (capacity ' + row.cap + ')');
      tanks.push({ el: path, pts: row.pts, y: y, h: h, cap: cap });
      row.held.forEach(function (hd) {
        var rect = el('rect', { 'class': 'held' + (hd.p ? '' : ' cleaning'), y: y + 2, height: 4, fill: hd.p ? hd.c : 'url(#hatch)',
          'data-tank-holds': hd.p || 'cleaning', 'data-start': iso(hd.s), 'data-end': iso(hd.e) }, g);
        tip(place(rect, hd.s, hd.e, 'rect', 1), hd.tip + '\n' + iso(hd.s) + ' \u2192 ' + iso(hd.e));
      });
      row.flows.forEach(function (f) {
        var rect = el('rect', { 'class': 'flow', y: f.dir === 'fill' ? y + h - 12 : y + h - 6, height: 5, fill: f.c,
          'data-tank-flow': f.dir, 'data-product': f.p, 'data-quantity': f.q, 'data-start': iso(f.s), 'data-end': iso(f.e) }, g);
        tip(place(rect, f.s, f.e, 'rect', 1), f.tip);
      });
    }
    var label = el('text', { 'class': 'rowlabel', x: 8, y: y + (row.kind === 'tank' ? 28 : h / 2 - 1) }, labels);
    label.textContent = row.label;
    tip(label, row.label + (row.sub ? '\n' + row.sub : ''));
    fit(label, row.label);
    var sub = el('text', { 'class': 'rowsub', x: 8, y: y + (row.kind === 'tank' ? 42 : h / 2 + 11) }, labels);
    sub.textContent = row.sub || '';
    y += h;
    rowIndex++;
  });
  H = Math.max(y, AXIS + 40) + 2;
  // Label column drawn over the plot's edge.
  var labelBg = el('rect', { 'class': 'labelbg', x: 0, y: 0, width: LABEL, height: H }, svg);
  svg.insertBefore(labelBg, labels);
  el('line', { 'class': 'labelsep', x1: LABEL, x2: LABEL, y1: 0, y2: H }, svg);

  // Fences and bucket boundaries.
  if (data.frozenEnd) {
    place(el('rect', { 'class': 'fence frozen', y: AXIS, height: H - AXIS }, fenceLayer), data.start, data.frozenEnd, 'rect');
    place(el('line', { 'class': 'fenceline frozen', y1: AXIS - 12, y2: H, 'data-fence': 'frozen', 'data-time': iso(data.frozenEnd) }, fenceMarks), data.frozenEnd, data.frozenEnd, 'vline');
    var fl = el('text', { 'class': 'fencelabel frozen', y: AXIS - 3 }, fenceMarks); fl.textContent = 'frozen \u2192|';
    place(fl, data.frozenEnd, data.frozenEnd, 'endlabel');
  }
  if (data.slushyEnd) {
    place(el('rect', { 'class': 'fence slushy', y: AXIS, height: H - AXIS }, fenceLayer), data.frozenEnd || data.start, data.slushyEnd, 'rect');
    place(el('line', { 'class': 'fenceline slushy', y1: AXIS - 12, y2: H, 'data-fence': 'slushy', 'data-time': iso(data.slushyEnd) }, fenceMarks), data.slushyEnd, data.slushyEnd, 'vline');
    var sl = el('text', { 'class': 'fencelabel slushy', y: AXIS - 3 }, fenceMarks); sl.textContent = 'slushy \u2192|';
    place(sl, data.slushyEnd, data.slushyEnd, 'endlabel');
  }
  data.buckets.forEach(function (b, i) {
    var line = el('line', { 'class': 'bucketline', y1: AXIS, y2: H, 'data-bucket-start': iso(b.s), 'data-granularity': b.g }, bucketLayer);
    tip(line, 'bucket ' + i + ' (' + b.g + ', ' + b.fence + ') ' + iso(b.s) + ' \u2192 ' + iso(b.e));
    place(line, b.s, b.s, 'vline');
  });

  // Time axis: ticks chosen by the visible span.
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  function floorTo(t, unit) {
    var d = new Date(t);
    if (unit === 'year') return Date.UTC(d.getUTCFullYear(), 0, 1);
    if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    var day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    if (unit === 'week') return day - ((d.getUTCDay() + 6) % 7) * DAY;
    if (unit === 'day') return day;
    return Math.floor(t / unit) * unit; // hours as ms
  }
  function next(t, unit) {
    var d = new Date(t);
    if (unit === 'year') return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
    if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    if (unit === 'week') return t + 7 * DAY;
    if (unit === 'day') return t + DAY;
    return t + unit;
  }
  function isoWeek(t) {
    var d = new Date(t), day = (d.getUTCDay() + 6) % 7;
    var thursday = new Date(t - day * DAY + 3 * DAY);
    var jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
    return Math.floor((thursday.getTime() - jan1) / (7 * DAY)) + 1;
  }
  function fmt(t, unit) {
    var d = new Date(t);
    if (unit === 'year') return String(d.getUTCFullYear());
    if (unit === 'month') return MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
    if (unit === 'monthshort') return MONTHS[d.getUTCMonth()];
    if (unit === 'week') return 'W' + isoWeek(t);
    if (unit === 'day') return DAYS[d.getUTCDay()] + ' ' + d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()];
    if (unit === 'dayshort') return String(d.getUTCDate());
    return ('0' + d.getUTCHours()).slice(-2) + ':00';
  }
  function drawAxis() {
    while (axis.firstChild) axis.removeChild(axis.firstChild);
    while (gridLayer.firstChild) gridLayer.removeChild(gridLayer.firstChild);
    el('rect', { 'class': 'axisbg', x: LABEL, y: 0, width: W - LABEL, height: AXIS }, axis);
    var span = view.t1 - view.t0, major, minor, minorFmt;
    if (span <= 2 * DAY) { major = 'day'; minor = HOUR; minorFmt = 'hour'; }
    else if (span <= 6 * DAY) { major = 'day'; minor = 6 * HOUR; minorFmt = 'hour'; }
    else if (span <= 35 * DAY) { major = 'month'; minor = 'day'; minorFmt = 'dayshort'; }
    else if (span <= 150 * DAY) { major = 'month'; minor = 'week'; minorFmt = 'week'; }
    else { major = 'year'; minor = 'month'; minorFmt = 'monthshort'; }
    var t;
    for (t = floorTo(view.t0, minor); t < view.t1; t = next(t, minor)) {
      var x = X(t);
      if (x >= LABEL) {
        el('line', { 'class': 'gridline', x1: x, x2: x, y1: AXIS, y2: H }, gridLayer);
        el('line', { stroke: '#999', x1: x, x2: x, y1: AXIS - 8, y2: AXIS }, axis);
      }
      var w = X(next(t, minor)) - x;
      if (w > 22) {
        var tx = el('text', { x: Math.max(x, LABEL) + 3, y: AXIS - 10 }, axis);
        tx.textContent = fmt(t, minorFmt);
      }
    }
    for (t = floorTo(view.t0, major); t < view.t1; t = next(t, major)) {
      var mx = X(t);
      if (mx >= LABEL) el('line', { stroke: '#555', x1: mx, x2: mx, y1: 0, y2: AXIS }, axis);
      var label = el('text', { 'class': 'major', x: Math.max(mx, LABEL) + 4, y: 14 }, axis);
      label.textContent = fmt(t, major);
    }
    el('line', { stroke: '#999', x1: LABEL, x2: W, y1: AXIS, y2: AXIS }, axis);
    document.getElementById('range').textContent = iso(view.t0).slice(0, 16).replace('T', ' ') + '  \u2192  ' + iso(view.t1).slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function X(t) { return LABEL + (t - view.t0) / (view.t1 - view.t0) * (W - LABEL); }
  function update() {
    var lo = LABEL - 10, hi = W + 10;
    items.forEach(function (it) {
      var x0 = X(it.s), x1 = X(it.e), a, b;
      if (it.kind === 'vline') { it.el.setAttribute('x1', x0); it.el.setAttribute('x2', x0); return; }
      if (it.kind === 'endlabel') { it.el.setAttribute('x', x0 + 3); return; }
      a = Math.max(x0, lo); b = Math.min(x1, hi);
      if (it.kind === 'hline') { it.el.setAttribute('x1', a); it.el.setAttribute('x2', Math.max(a, b)); return; }
      if (it.kind === 'label') {
        var room = x1 - x0;
        it.el.setAttribute('x', Math.max(x0, LABEL) + 3);
        it.el.setAttribute('visibility', room > it.el.textContent.length * 6.5 + 8 && x1 > LABEL + 20 ? 'visible' : 'hidden');
        return;
      }
      var w = b - a;
      if (w < 0) w = 0; else if (w < it.min) w = it.min;
      it.el.setAttribute('x', a);
      it.el.setAttribute('width', w);
    });
    tanks.forEach(function (tk) {
      var base = tk.y + tk.h - 14, top = tk.y + 8, d = '';
      tk.pts.forEach(function (p, i) {
        var px = Math.min(Math.max(X(p[0]), LABEL - 10), W + 10);
        var py = base - Math.max(0, Math.min(p[1], tk.cap * 1.05)) / tk.cap * (base - top);
        d += (i === 0 ? 'M' + px + ',' + base + ' L' : ' L') + px + ',' + py;
      });
      if (tk.pts.length) d += ' L' + Math.min(Math.max(X(tk.pts[tk.pts.length - 1][0]), LABEL - 10), W + 10) + ',' + base + ' Z';
      tk.el.setAttribute('d', d);
    });
    drawAxis();
  }
  function layout() {
    W = Math.max(chart.clientWidth, LABEL + 300);
    svg.setAttribute('width', W);
    svg.setAttribute('height', H);
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    clipRect.setAttribute('width', W - LABEL);
    clipRect.setAttribute('height', H);
    rowBgs.forEach(function (r) { if (r.tagName === 'line') r.setAttribute('x2', W); else r.setAttribute('width', W); });
    update();
  }

  // Zoom and pan.
  var full = Math.max(data.end - data.start, HOUR), MIN = HOUR;
  function setView(t0, span) {
    span = Math.min(Math.max(span, MIN), full * 1.1);
    var lo = data.start - full * 0.05, hi = data.end + full * 0.05;
    if (t0 < lo) t0 = lo;
    if (t0 + span > hi) t0 = Math.max(lo, hi - span);
    view.t0 = t0; view.t1 = t0 + span;
    update();
  }
  function zoomAround(t, factor) {
    var span = view.t1 - view.t0, ratio = (t - view.t0) / span;
    var s = Math.min(Math.max(span * factor, MIN), full * 1.1);
    setView(t - ratio * s, s);
  }
  function center() { return (view.t0 + view.t1) / 2; }
  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect();
    var px = Math.max(ev.clientX - r.left, LABEL);
    var t = view.t0 + (px - LABEL) / (W - LABEL) * (view.t1 - view.t0);
    zoomAround(t, Math.exp(Math.max(-300, Math.min(300, ev.deltaY)) * 0.002));
  }, { passive: false });
  var drag = null;
  svg.addEventListener('mousedown', function (ev) { drag = { x: ev.clientX, t0: view.t0 }; chart.classList.add('dragging'); });
  window.addEventListener('mousemove', function (ev) {
    if (!drag) return;
    var span = view.t1 - view.t0;
    setView(drag.t0 - (ev.clientX - drag.x) / (W - LABEL) * span, span);
  });
  window.addEventListener('mouseup', function () { drag = null; chart.classList.remove('dragging'); });
  var spans = { month: 31 * DAY, week: 7 * DAY, day: DAY, hours: 8 * HOUR };
  document.querySelectorAll('[data-zoom]').forEach(function (b) {
    b.addEventListener('click', function () {
      var z = b.getAttribute('data-zoom');
      if (z === 'all') setView(data.start, full);
      else if (z === 'in') zoomAround(center(), 0.5);
      else if (z === 'out') zoomAround(center(), 2);
      else { var s = spans[z]; setView(center() - s / 2, s); }
    });
  });
  document.querySelectorAll('[data-pan]').forEach(function (b) {
    b.addEventListener('click', function () { var span = view.t1 - view.t0; setView(view.t0 + Number(b.getAttribute('data-pan')) * span * 0.5, span); });
  });
  window.addEventListener('keydown', function (ev) {
    var span = view.t1 - view.t0;
    if (ev.key === '+' || ev.key === '=') zoomAround(center(), 0.5);
    else if (ev.key === '-') zoomAround(center(), 2);
    else if (ev.key === 'ArrowLeft') setView(view.t0 - span * 0.25, span);
    else if (ev.key === 'ArrowRight') setView(view.t0 + span * 0.25, span);
  });
  window.addEventListener('resize', layout);
  layout();
  document.body.setAttribute('data-rendered', String(document.querySelectorAll('[data-run]').length));
})();
</script>
</body>
</html>
""";
}
