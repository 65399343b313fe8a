// The runs table: a column chooser that stays fast with thousands of keys (search, at most LIMIT shown), and the
// compare button enabled once two runs are selected. The table, sort and paging work without this script.
(function () {
  "use strict";
  var LIMIT = 300;
  var keysNode = document.getElementById("column-keys");
  var list = document.getElementById("column-list");
  var search = document.getElementById("column-search");
  if (keysNode && list && search) {
    var keys = JSON.parse(keysNode.textContent);
    var all = [];
    ["metrics", "params", "tags"].forEach(function (kind) {
      (keys[kind] || []).forEach(function (key) { all.push({ kind: kind, key: key, value: kind + "." + key }); });
    });
    var chosen = {};
    list.querySelectorAll("input[name=col]").forEach(function (box) { if (box.checked) chosen[box.value] = true; });
    list.addEventListener("change", function (event) {
      if (event.target.name === "col") chosen[event.target.value] = event.target.checked;
    });
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 80);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); var first = list.querySelector("input"); if (first) first.focus(); }
    });
    function render() {
      var needle = search.value.trim().toLowerCase();
      var shown = 0, total = 0;
      var fragment = document.createDocumentFragment();
      all.forEach(function (item) {
        var match = !needle || item.value.toLowerCase().indexOf(needle) >= 0;
        if (chosen[item.value] || match) {
          total += match ? 1 : 0;
          if (chosen[item.value] || shown < LIMIT) {
            if (!chosen[item.value]) shown++;
            fragment.appendChild(row(item));
          }
        }
      });
      list.textContent = "";
      list.appendChild(fragment);
      if (total > shown) {
        var more = document.createElement("p");
        more.className = "dim";
        more.textContent = (total - shown) + " more: type to narrow";
        list.appendChild(more);
      }
    }
    function row(item) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox"; box.name = "col"; box.value = item.value; box.checked = !!chosen[item.value];
      var kind = document.createElement("span");
      kind.className = "dim"; kind.textContent = item.kind;
      label.appendChild(box); label.appendChild(document.createTextNode(" ")); label.appendChild(kind);
      label.appendChild(document.createTextNode(" " + item.key));
      return label;
    }
    var details = document.getElementById("column-chooser");
    if (details) details.addEventListener("toggle", function () { if (details.open) { render(); search.focus(); } });
  }

  var form = document.getElementById("compare-form");
  var button = document.getElementById("compare-button");
  if (form && button) {
    var update = function () {
      var count = form.querySelectorAll("input[name=runs]:checked").length;
      button.disabled = count < 2;
      button.textContent = count < 2 ? "Compare selected" : "Compare " + count + " runs";
    };
    form.addEventListener("change", update);
    update();
  }
  document.addEventListener("keydown", function (event) {
    var filter = document.getElementById("filter");
    if (event.key === "/" && filter && document.activeElement.tagName !== "INPUT") { event.preventDefault(); filter.focus(); }
  });
})();
