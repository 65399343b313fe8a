// The run page: the metric chart (histories beyond the embedded ones come from the REST API) and the artifact
// browser, which lists and reads files through the REST API (the same permission checks as any client).
(function () {
  "use strict";
  var root = document.getElementById("artifacts");
  var runId = root ? root.dataset.run : null;

  var dataNode = document.getElementById("metric-data");
  var chartNode = document.getElementById("metric-chart");
  var select = document.getElementById("chart-key");
  var log = document.getElementById("chart-log");
  if (dataNode && chartNode && select) {
    var histories = JSON.parse(dataNode.textContent);
    var show = function () {
      var key = select.value;
      if (histories[key]) {
        var series = {}; series[key] = histories[key];
        window.mlforge.lines(chartNode, series, { log: log && log.checked });
        return;
      }
      fetch("/api/2.0/mlflow/metrics/get-history?run_id=" + encodeURIComponent(runId) + "&metric_key=" + encodeURIComponent(key),
        { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (body) {
        histories[key] = (body.metrics || []).map(function (m) { return [m.step, m.value]; })
          .sort(function (a, b) { return a[0] - b[0]; });
        show();
      });
    };
    select.addEventListener("change", show);
    if (log) log.addEventListener("change", show);
    show();
  }

  if (!root) return;
  var tree = document.getElementById("artifact-tree");
  var view = document.getElementById("artifact-view");
  var IMAGE = /\.(png|jpe?g|gif|svg|webp)$/i;
  function url(path) {
    return "/get-artifact?run_uuid=" + encodeURIComponent(runId) + "&path=" + encodeURIComponent(path);
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function list(path, into, depth) {
    fetch("/api/2.0/mlflow/artifacts/list?run_id=" + encodeURIComponent(runId) + (path ? "&path=" + encodeURIComponent(path) : ""),
      { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (body) {
      var files = body.files || [];
      if (!files.length && !path) { into.appendChild(el("li", { "class": "dim" }, "No artifacts.")); return; }
      files.forEach(function (file) {
        var name = file.path.split("/").pop();
        var item = el("li", { style: "padding-left:" + (depth * 14) + "px" });
        var link = el("a", { href: file.is_dir ? "#" : url(file.path), "data-path": file.path,
          "aria-expanded": file.is_dir ? "false" : null }, (file.is_dir ? "▸ " : "") + name);
        if (!file.is_dir) link.removeAttribute("aria-expanded");
        item.appendChild(link);
        into.appendChild(item);
        link.addEventListener("click", function (event) {
          event.preventDefault();
          if (file.is_dir) {
            if (link.dataset.loaded) { var sub = item.querySelector("ul"); sub.hidden = !sub.hidden; }
            else { var ul = el("ul", { style: "list-style:none;margin:0;padding:0" }); item.appendChild(ul); list(file.path, ul, depth + 1); link.dataset.loaded = "1"; }
            var expanded = link.getAttribute("aria-expanded") !== "true";
            link.setAttribute("aria-expanded", expanded ? "true" : "false");
            link.textContent = (expanded ? "▾ " : "▸ ") + name;
          } else {
            tree.querySelectorAll("a[aria-current]").forEach(function (a) { a.removeAttribute("aria-current"); });
            link.setAttribute("aria-current", "true");
            open(file);
          }
        });
      });
    });
  }
  function open(file) {
    view.textContent = "";
    var head = el("div", { "class": "toolbar" });
    head.appendChild(el("strong", { "class": "mono" }, file.path));
    if (file.file_size != null) head.appendChild(el("span", { "class": "dim" }, human(file.file_size)));
    var download = el("a", { "class": "btn ghost", href: url(file.path), download: file.path.split("/").pop() }, "Download");
    head.appendChild(download);
    view.appendChild(head);
    if (IMAGE.test(file.path)) { view.appendChild(el("img", { src: url(file.path), alt: file.path, style: "max-width:100%" })); return; }
    if (file.file_size > 5 * 1024 * 1024) { view.appendChild(el("p", { "class": "dim" }, "Too large to preview; download it.")); return; }
    fetch(url(file.path), { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (text) {
      var name = file.path.split("/").pop();
      if (/\.json$/i.test(name)) { try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* shown as is */ } }
      if (/\.(csv|tsv)$/i.test(name)) { view.appendChild(table(text, /\.tsv$/i.test(name) ? "\t" : ",")); return; }
      if (name === "MLmodel") signature(text);
      view.appendChild(el("pre", { "class": "view", tabindex: "0" }, text.length > 200000 ? text.slice(0, 200000) + "\n…" : text));
    });
  }
  function signature(text) {
    var box = el("div", { "class": "panels", id: "signature" });
    ["inputs", "outputs"].forEach(function (part) {
      var match = new RegExp("^\\s+" + part + ":\\s*'(.*)'\\s*$", "m").exec(text);
      if (!match) return;
      var fields;
      try { fields = JSON.parse(match[1].replace(/''/g, "'")); } catch (e) { return; }
      var section = el("div");
      section.appendChild(el("h2", {}, "Signature " + part));
      var t = el("table", { "class": "grid" });
      t.innerHTML = "<thead><tr><th scope=col>Name</th><th scope=col>Type</th></tr></thead>";
      var body = el("tbody");
      fields.forEach(function (f) {
        var tr = el("tr");
        tr.appendChild(el("td", {}, f.name || "(unnamed)"));
        tr.appendChild(el("td", { "class": "mono" }, f.type + (f["tensor-spec"] ? " " + JSON.stringify(f["tensor-spec"]) : "")));
        body.appendChild(tr);
      });
      t.appendChild(body);
      section.appendChild(t);
      box.appendChild(section);
    });
    if (box.childNodes.length) view.appendChild(box);
  }
  function table(text, separator) {
    var rows = text.split(/\r?\n/).filter(function (l) { return l.length; }).slice(0, 501).map(function (l) { return split(l, separator); });
    var wrap = el("div", { "class": "table-wrap", style: "max-height:520px" });
    var t = el("table", { "class": "grid", id: "csv-view" });
    var thead = el("thead"); var tr = el("tr");
    (rows[0] || []).forEach(function (c) { tr.appendChild(el("th", { scope: "col" }, c)); });
    thead.appendChild(tr); t.appendChild(thead);
    var body = el("tbody");
    rows.slice(1).forEach(function (r) {
      var row = el("tr");
      r.forEach(function (c) { row.appendChild(el("td", {}, c)); });
      body.appendChild(row);
    });
    t.appendChild(body); wrap.appendChild(t);
    return wrap;
  }
  function split(line, separator) {
    var out = [], cell = "", quoted = false;
    for (var i = 0; i < line.length; i++) {
      var c = line[i];
      if (quoted) { if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c; }
      else if (c === '"') quoted = true;
      else if (c === separator) { out.push(cell); cell = ""; }
      else cell += c;
    }
    out.push(cell);
    return out;
  }
  function human(bytes) {
    return bytes < 1024 ? bytes + " B" : bytes < 1048576 ? (bytes / 1024).toFixed(1) + " KB" : (bytes / 1048576).toFixed(1) + " MB";
  }
  list("", tree, 0);
})();
