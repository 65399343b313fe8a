// Charts over ECharts (served from the jar's WebJar): mlforge.chart(element, option) draws with the current light or
// dark palette, redraws when the theme is toggled, and follows the element's size.
(function () {
  "use strict";
  var charts = [];
  function palette() {
    var style = getComputedStyle(document.documentElement);
    return { text: style.getPropertyValue("--text").trim(), dim: style.getPropertyValue("--dim").trim(),
      line: style.getPropertyValue("--line").trim(), panel: style.getPropertyValue("--panel").trim() };
  }
  function themed(option) {
    var p = palette();
    var axis = { axisLine: { lineStyle: { color: p.line } }, axisLabel: { color: p.dim }, nameTextStyle: { color: p.dim },
      splitLine: { lineStyle: { color: p.line } } };
    var merged = Object.assign({
      backgroundColor: "transparent", animation: false, textStyle: { color: p.text },
      color: ["#4c6ef5", "#f76707", "#37b24d", "#e64980", "#15aabf", "#fab005", "#7950f2", "#868e96", "#d6336c", "#0ca678"],
      tooltip: { trigger: "axis", confine: true }, grid: { left: 56, right: 24, top: 36, bottom: 40, containLabel: true }
    }, option);
    merged.legend = Object.assign({ type: "scroll", top: 0, textStyle: { color: p.text } }, option.legend || {});
    ["xAxis", "yAxis"].forEach(function (name) {
      if (merged[name]) merged[name] = [].concat(merged[name]).map(function (a) { return Object.assign({}, axis, a); });
    });
    if (merged.parallelAxis) merged.parallelAxis = merged.parallelAxis.map(function (a) { return Object.assign({}, axis, a); });
    return merged;
  }
  function draw(entry) {
    if (entry.instance) entry.instance.dispose();
    entry.instance = echarts.init(entry.element, window.mlforge.theme() === "dark" ? "dark" : null, { renderer: "canvas" });
    entry.instance.setOption(themed(entry.option), true);
    entry.element.dataset.rendered = "true";
    // read by the browser bench (RunsTableBench): when the first chart of the page is drawn
    if (window.performance && performance.mark) performance.mark("mlforge:chart-drawn");
  }
  window.mlforge = window.mlforge || {};
  window.mlforge.chart = function (element, option) {
    var entry = charts.filter(function (c) { return c.element === element; })[0];
    if (!entry) { entry = { element: element }; charts.push(entry); }
    entry.option = option;
    draw(entry);
    return entry.instance;
  };
  /** A line chart: series is {name: [[x, y], ...]}; log for a logarithmic y axis. */
  window.mlforge.lines = function (element, series, options) {
    options = options || {};
    return window.mlforge.chart(element, {
      xAxis: { type: "value", name: options.xName || "step", nameLocation: "middle", nameGap: 26, scale: true },
      yAxis: { type: options.log ? "log" : "value", scale: true },
      dataZoom: [{ type: "inside" }],
      series: Object.keys(series).map(function (name) {
        return { name: name, type: "line", showSymbol: series[name].length < 60, sampling: "lttb", data: series[name] };
      })
    });
  };
  document.addEventListener("mlforge:theme", function () { charts.forEach(draw); });
  window.addEventListener("resize", function () { charts.forEach(function (c) { if (c.instance) c.instance.resize(); }); });
})();
