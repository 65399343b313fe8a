// The runs table: a column chooser that pages through every key of the experiment from the server, and the
// compare button enabled once two runs are selected. The table, sort and paging work without this script.
(function () {
  "use strict";
  // The column chooser pages through every key of the experiment from the server's key route (GET
  // /ui/experiments/{id}/keys, a range of the per-experiment key summary), PAGE keys at a time: the next page is asked
  // for when the list is scrolled near its end (or "More" is pressed), so 5,000 keys never reach the DOM at once.
  var PAGE = 200;
  var KINDS = ["metrics", "params", "tags"];
  var details = document.getElementById("column-chooser");
  var list = document.getElementById("column-list");
  var search = document.getElementById("column-search");
  if (details && list && search && details.dataset.keys) {
    var chosen = {};
    var chosenOrder = [];
    list.querySelectorAll("input[name=col]").forEach(function (box) {
      if (box.checked) { chosen[box.value] = true; chosenOrder.push(box.value); }
    });
    list.addEventListener("change", function (event) {
      if (event.target.name !== "col") return;
      chosen[event.target.value] = event.target.checked;
      if (event.target.checked && chosenOrder.indexOf(event.target.value) < 0) chosenOrder.push(event.target.value);
    });
    var state = null;
    var generation = 0;
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(restart, 120);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); var first = list.querySelector("input"); if (first) first.focus(); }
    });
    list.addEventListener("scroll", function () {
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 80) more();
    });
    details.addEventListener("toggle", function () { if (details.open) { restart(); search.focus(); } });

    function restart() {
      generation++;
      state = { needle: search.value.trim(), kind: 0, after: null, done: false, loading: false, shown: 0 };
      list.textContent = "";
      chosenOrder.forEach(function (value) {
        if (chosen[value]) list.appendChild(row(value, true));
      });
      more();
    }

    function more() {
      if (!state || state.done || state.loading) return;
      state.loading = true;
      var mine = generation;
      var kind = KINDS[state.kind];
      var url = details.dataset.keys + "?kind=" + kind + "&limit=" + PAGE + "&q=" + encodeURIComponent(state.needle)
          + (state.after ? "&after=" + encodeURIComponent(state.after) : "");
      status("Loading…");
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("keys: " + response.status);
          return response.json();
        })
        .then(function (page) {
          if (mine !== generation) return;
          var fragment = document.createDocumentFragment();
          page.keys.forEach(function (key) {
            var value = kind + "." + key;
            if (!chosen[value]) { fragment.appendChild(row(value, false)); state.shown++; }
          });
          list.appendChild(fragment);
          if (page.next) {
            state.after = page.next;
          } else {
            state.after = null;
            state.kind++;
            state.done = state.kind >= KINDS.length;
          }
          state.loading = false;
          status(null);
          // keep filling until the list scrolls (or every kind is read)
          if (!state.done && list.scrollHeight <= list.clientHeight + 80) more();
        })
        .catch(function (error) {
          if (mine !== generation) return;
          state.loading = false;
          status("Could not load the keys (" + error.message + ")");
        });
    }

    function status(text) {
      var old = list.querySelector(".keys-status");
      if (old) old.remove();
      if (state && !state.done && !text) {
        var button = document.createElement("button");
        button.type = "button"; button.className = "btn ghost keys-status"; button.textContent = "More";
        button.addEventListener("click", more);
        list.appendChild(button);
      } else if (text || state.shown === 0) {
        var note = document.createElement("p");
        note.className = "dim keys-status";
        note.setAttribute("role", "status");
        note.textContent = text || "No key matches";
        list.appendChild(note);
      }
    }

    function row(value, checked) {
      var dot = value.indexOf(".");
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox"; box.name = "col"; box.value = value; box.checked = checked;
      var kind = document.createElement("span");
      kind.className = "dim"; kind.textContent = value.substring(0, dot);
      label.appendChild(box); label.appendChild(document.createTextNode(" ")); label.appendChild(kind);
      label.appendChild(document.createTextNode(" " + value.substring(dot + 1)));
      return label;
    }
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
  // read by the browser bench (RunsTableBench): the table is in the DOM and its script has run
  if (window.performance && performance.mark) performance.mark("mlforge:table-ready");
})();
