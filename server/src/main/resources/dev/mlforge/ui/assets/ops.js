// mlforge UI, operations pages: action buttons that call the REST API, live traffic polling, drift and distribution
// charts. The pages read fine without it; it only adds actions and charts.
(function () {
  "use strict";

  function status(message, bad) {
    var box = document.querySelector(".ops-status");
    if (!box) { if (bad) alert(message); return; }
    box.textContent = message;
    box.className = "ops-status " + (bad ? "error" : "notice");
  }

  // <button data-api="POST" data-url="/api/..." data-body='{...}' data-confirm="...">: the same REST call a client makes
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-api]");
    if (!button || button.disabled) return;
    var question = button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) return;
    var body = button.getAttribute("data-body");
    var options = { method: button.getAttribute("data-api"), credentials: "same-origin", headers: { "Accept": "application/json" } };
    // every state-changing API route reads JSON (the door refuses another type, or none): an empty object when the
    // route needs nothing more
    options.headers["Content-Type"] = "application/json";
    options.body = body || "{}";
    button.disabled = true;
    status((button.textContent || "Working").trim() + "…", false);
    fetch(button.getAttribute("data-url"), options).then(function (response) {
      return response.text().then(function (text) {
        if (response.ok) {
          status("Done: " + (button.textContent || "").trim() + ". Reloading…", false);
          var after = button.getAttribute("data-after");
          setTimeout(function () { if (after) window.location.assign(after); else window.location.reload(); }, 400);
          return;
        }
        var message = text;
        try { message = JSON.parse(text).message || text; } catch (e) { /* not JSON */ }
        status(response.status + ": " + message, true);
        button.disabled = false;
      });
    }).catch(function (error) {
      status("The request failed: " + error, true);
      button.disabled = false;
    });
  });

  // live traffic: poll the page's JSON twin every 2 s and update the figures in place
  var live = document.querySelector("[data-live]");
  if (live) {
    var poll = function () {
      fetch(live.getAttribute("data-live"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          live.querySelectorAll("[data-field]").forEach(function (field) {
            var value = data[field.getAttribute("data-field")];
            if (value !== undefined) field.textContent = value;
          });
          live.setAttribute("data-updated", String(Date.now()));
        }).catch(function () { /* next poll */ });
    };
    poll();
    setInterval(poll, 2000);
  }

  if (!window.echarts) return;

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }
  function data(element) {
    var source = document.getElementById(element.getAttribute("data-source"));
    return source ? JSON.parse(source.textContent) : null;
  }
  function base() {
    var text = css("--text"), dim = css("--dim"), line = css("--line");
    return {
      animation: false,
      textStyle: { color: text, fontFamily: "system-ui, sans-serif" },
      grid: { left: 52, right: 24, top: 40, bottom: 56, containLabel: false },
      tooltip: { trigger: "axis" },
      legend: { top: 0, textStyle: { color: text } },
      xAxis: { axisLine: { lineStyle: { color: line } }, axisLabel: { color: dim } },
      yAxis: { splitLine: { lineStyle: { color: line } }, axisLabel: { color: dim } }
    };
  }
  function shortTime(iso) {
    return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "");
  }
  var palette = ["#4c6ef5", "#f76707", "#2b8a3e", "#c2255c", "#1098ad", "#7048e8", "#e67700", "#5c940d", "#d6336c", "#0b7285"];

  function driftOption(chart) {
    var option = base();
    option.color = palette;
    option.xAxis.type = "category";
    option.xAxis.data = chart.times.map(shortTime);
    option.yAxis.type = "value";
    option.yAxis.name = "score";
    option.yAxis.nameTextStyle = { color: css("--dim") };
    option.series = Object.keys(chart.scores).map(function (column) {
      return { name: column, type: "line", symbolSize: 6, connectNulls: true, data: chart.scores[column] };
    });
    // one threshold for every column (the usual case): drawn as a line, so a score crossing it reads at a glance
    var thresholds = Object.keys(chart.thresholds).map(function (column) { return chart.thresholds[column]; });
    if (option.series.length && thresholds.length && thresholds.every(function (t) { return t === thresholds[0]; })) {
      option.series[0].markLine = { silent: true, symbol: "none", lineStyle: { color: css("--warn") || "#b7791f", type: "dotted" },
        label: { formatter: "threshold " + thresholds[0], position: "insideEndTop", color: css("--dim") },
        data: [{ yAxis: thresholds[0] }] };
    }
    // the legend wraps onto as many rows as the columns need; the plot starts below it
    option.grid.top = 40 + 22 * Math.ceil((option.series.length + 1) / 8);
    option.series.push({ name: "drift share", type: "line", lineStyle: { type: "dashed", width: 2 }, color: css("--bad") || "#c92a2a",
      symbol: "none", data: chart.share });
    return option;
  }

  function performanceOption(chart) {
    var option = base();
    option.color = palette;
    option.xAxis.type = "category";
    option.xAxis.data = chart.times.map(shortTime);
    option.yAxis.type = "value";
    option.series = Object.keys(chart.performance).map(function (metric) {
      return { name: metric, type: "line", symbolSize: 6, connectNulls: true, data: chart.performance[metric] };
    });
    return option;
  }

  function distributionOption(column) {
    var option = base();
    option.grid = { left: 44, right: 12, top: 34, bottom: 48 };
    option.color = [css("--dim") || "#868e96", column.drifted ? (css("--bad") || "#c92a2a") : (css("--accent") || "#4c6ef5")];
    option.xAxis.type = "category";
    option.xAxis.data = column.labels;
    option.xAxis.axisLabel = { color: css("--dim"), rotate: column.labels.length > 6 ? 30 : 0, fontSize: 10 };
    option.yAxis.type = "value";
    option.yAxis.axisLabel = { color: css("--dim"), formatter: function (v) { return Math.round(v * 100) + "%"; } };
    option.series = [
      { name: "reference", type: "bar", data: column.reference, barGap: "10%" },
      { name: "current", type: "bar", data: column.current }
    ];
    return option;
  }

  var charts = [];
  function draw() {
    charts.forEach(function (chart) { chart.dispose(); });
    charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var kind = element.getAttribute("data-chart");
      var json = data(element);
      if (!json) return;
      if (kind === "distributions") {
        element.innerHTML = "";
        json.forEach(function (column) {
          var card = document.createElement("figure");
          card.className = "dist" + (column.drifted ? " drifted" : "");
          card.setAttribute("data-column", column.column);
          var caption = document.createElement("figcaption");
          caption.textContent = column.column + (column.drifted ? " · drifted" : " · stable") + (column.method ? " (" + column.method + ")" : "");
          var box = document.createElement("div");
          box.className = "chart dist-chart";
          box.setAttribute("role", "img");
          box.setAttribute("aria-label", "Reference and current distribution of " + column.column);
          card.appendChild(caption);
          card.appendChild(box);
          element.appendChild(card);
          var chart = echarts.init(box, null, { renderer: "svg" });
          chart.setOption(distributionOption(column));
          charts.push(chart);
        });
        return;
      }
      var chart = echarts.init(element, null, { renderer: "svg" });
      chart.setOption(kind === "drift" ? driftOption(json) : performanceOption(json));
      element.setAttribute("data-rendered", "true");
      charts.push(chart);
    });
  }
  draw();
  document.addEventListener("mlforge:theme", draw);
  window.addEventListener("resize", function () { charts.forEach(function (chart) { chart.resize(); }); });
})();
