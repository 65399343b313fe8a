// mlforge UI: small progressive enhancements; every page reads fine without this script.
(function () {
  "use strict";
  var root = document.documentElement;
  function currentTheme() {
    return root.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }
  window.mlforge = window.mlforge || {};
  window.mlforge.theme = currentTheme;
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-theme-toggle]");
    if (!toggle) return;
    var next = currentTheme() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    try { localStorage.setItem("mlforge-theme", next); } catch (e) { /* private mode */ }
    document.dispatchEvent(new CustomEvent("mlforge:theme", { detail: next }));
  });
})();
