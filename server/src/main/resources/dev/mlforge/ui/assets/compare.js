// The comparison charts: overlaid metric histories, scatter, parallel coordinates, box plots and bars over the runs'
// values (the value chosen above: last, min, max or at a step), with a log scale. The chart setup is saved per
// experiment in the browser's localStorage ("mlforge.compare.<experiment id>").
(function () {
  "use strict";
  var dataNode = document.getElementById("compare-data");
  var chart = document.getElementById("compare-chart");
  if (!dataNode || !chart) return;
  var data = JSON.parse(dataNode.textContent);
  var storageKey = "mlforge.compare." + dataNode.dataset.experiment;
  var type = document.getElementById("chart-type");
  var y = document.getElementById("chart-y");
  var x = document.getElementById("chart-x");
  var log = document.getElementById("chart-log");
  var saved = document.getElementById("chart-saved");
  var names = {};
  data.runs.forEach(function (run) { names[run.id] = run.name; });

  try {
    var setup = JSON.parse(localStorage.getItem(storageKey) || "null");
    if (setup) {
      if (setup.type) type.value = setup.type;
      if (setup.y && hasOption(y, setup.y)) y.value = setup.y;
      if (setup.x && hasOption(x, setup.x)) x.value = setup.x;
      log.checked = !!setup.log;
      saved.textContent = "Chart setup restored";
    }
  } catch (e) { /* no storage */ }
  // a metric logged once per run (a final score) draws as bars: overlaid "histories" of one point each are dots
  var firstHistory = data.histories[y.value];
  if (!setup && type.value === "lines" && firstHistory && Object.keys(firstHistory).every(function (id) {
    return firstHistory[id].length <= 1;
  })) type.value = "bar";
  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }
  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ type: type.value, y: y.value, x: x.value, log: log.checked }));
      saved.textContent = "Chart setup saved for this experiment";
    } catch (e) { /* no storage */ }
  }
  function value(run, key) {
    if (!key) return undefined;
    var dot = key.indexOf(".");
    var kind = key.slice(0, dot), name = key.slice(dot + 1);
    var v = run[kind] ? run[kind][name] : undefined;
    return v;
  }
  function numeric(v) { return v !== undefined && v !== "" && !isNaN(Number(v)); }
  function yAxis() { return { type: log.checked ? "log" : "value", scale: true, name: y.value }; }

  function lines() {
    var key = y.value;
    var have = data.histories[key];
    if (!have) {
      // another metric: its sampled histories from the server (about 320 steps a run, read by the database)
      var ids = data.runs.map(function (r) { return r.id; }).join(",");
      fetch("/ui/compare/history?runs=" + encodeURIComponent(ids) + "&key=" + encodeURIComponent(key),
        { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (body) {
        data.histories[key] = body.histories || {};
        draw();
      });
      return;
    }
    var named = {};
    Object.keys(have).forEach(function (id) { named[names[id] || id] = have[id]; });
    window.mlforge.lines(chart, named, { log: log.checked });
  }
  function scatter() {
    var points = data.runs.filter(function (r) { return numeric(value(r, x.value)) && numeric(r.metrics[y.value]); })
      .map(function (r) { return { name: r.name, value: [Number(value(r, x.value)), r.metrics[y.value]] }; });
    window.mlforge.chart(chart, {
      tooltip: { trigger: "item", formatter: function (p) { return p.name + "<br>" + x.value + ": " + p.value[0] + "<br>" + y.value + ": " + p.value[1]; } },
      xAxis: { type: "value", scale: true, name: x.value }, yAxis: yAxis(),
      series: [{ type: "scatter", symbolSize: 10, data: points }]
    });
  }
  function parallel() {
    var dims = [];
    var params = {};
    data.runs.forEach(function (r) { Object.keys(r.params).forEach(function (k) { params[k] = true; }); });
    Object.keys(params).slice(0, 6).forEach(function (k) { dims.push("params." + k); });
    var metrics = {};
    data.runs.forEach(function (r) { Object.keys(r.metrics).forEach(function (k) { metrics[k] = true; }); });
    Object.keys(metrics).slice(0, 8).forEach(function (k) { dims.push("metrics." + k); });
    var axes = dims.map(function (d, i) {
      var all = data.runs.map(function (r) { return value(r, d); }).filter(function (v) { return v !== undefined; });
      var isNumber = all.every(numeric);
      var axis = { dim: i, name: d.replace(/^(params|metrics)\./, ""), nameLocation: "start" };
      if (!isNumber) { axis.type = "category"; axis.data = Array.from(new Set(all.map(String))); }
      else if (log.checked && d.indexOf("metrics.") === 0 && all.every(function (v) { return Number(v) > 0; })) axis.type = "log";
      return axis;
    });
    window.mlforge.chart(chart, {
      tooltip: { trigger: "item", formatter: function (p) { return p.name; } },
      parallelAxis: axes, parallel: { left: 60, right: 80, top: 60, bottom: 30 },
      series: [{ type: "parallel", lineStyle: { width: 2, opacity: .7 },
        data: data.runs.map(function (r) {
          return { name: r.name, value: dims.map(function (d) { var v = value(r, d); return numeric(v) ? Number(v) : (v === undefined ? null : String(v)); }) };
        }) }]
    });
  }
  function box() {
    var groups = {};
    data.runs.forEach(function (r) {
      var v = r.metrics[y.value];
      if (!numeric(v)) return;
      var g = value(r, x.value);
      g = g === undefined ? "(none)" : String(g);
      (groups[g] = groups[g] || []).push(Number(v));
    });
    var labels = Object.keys(groups).sort();
    var stats = labels.map(function (g) { return quartiles(groups[g]); });
    window.mlforge.chart(chart, {
      tooltip: { trigger: "item" },
      xAxis: { type: "category", data: labels, name: x.value }, yAxis: yAxis(),
      series: [{ name: y.value, type: "boxplot", data: stats },
        { name: "runs", type: "scatter", symbolSize: 6,
          data: [].concat.apply([], labels.map(function (g) { return groups[g].map(function (v) { return [g, v]; }); })) }]
    });
  }
  function quartiles(values) {
    var s = values.slice().sort(function (a, b) { return a - b; });
    function q(p) { var i = (s.length - 1) * p, lo = Math.floor(i), hi = Math.ceil(i); return s[lo] + (s[hi] - s[lo]) * (i - lo); }
    return [s[0], q(.25), q(.5), q(.75), s[s.length - 1]];
  }
  function bar() {
    var runs = data.runs.filter(function (r) { return numeric(r.metrics[y.value]); });
    window.mlforge.chart(chart, {
      xAxis: { type: "category", data: runs.map(function (r) { return r.name; }), axisLabel: { rotate: runs.length > 8 ? 30 : 0 } },
      yAxis: yAxis(), series: [{ name: y.value, type: "bar", data: runs.map(function (r) { return r.metrics[y.value]; }) }]
    });
  }
  function draw() {
    document.querySelectorAll("[data-for]").forEach(function (node) {
      node.hidden = node.dataset.for.split(" ").indexOf(type.value) < 0;
    });
    y.disabled = type.value === "parallel";
    if (!y.value && type.value !== "parallel") { chart.textContent = "No metrics logged."; return; }
    ({ lines: lines, scatter: scatter, parallel: parallel, box: box, bar: bar })[type.value]();
  }
  [type, y, x, log].forEach(function (control) { control.addEventListener("change", function () { save(); draw(); }); });
  draw();
})();
