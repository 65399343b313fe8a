// mlforge UI: small progressive enhancements; every page reads fine without this script.
(function () {
  "use strict";
  var root = document.documentElement;
  function currentTheme() {
    return root.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }
  window.mlforge = window.mlforge || {};
  // A page signed in with the session cookie carries its CSRF token in a meta tag: every state-changing call to this
  // server sends it back (the server refuses such calls without it), whichever script makes the call. Every call to
  // this server names the page's workspace (the picker's) in MLflow's workspace header.
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var workspace = document.querySelector('meta[name="mlforge-workspace"]');
  if ((csrf || workspace) && window.fetch) {
    var plainFetch = window.fetch.bind(window);
    window.fetch = function (resource, options) {
      var init = Object.assign({}, options || {});
      var method = (init.method || (resource && resource.method) || "GET").toUpperCase();
      var url = new URL(typeof resource === "string" ? resource : resource.url, location.href);
      if (url.origin === location.origin) {
        var headers = new Headers(init.headers || (typeof resource === "string" ? undefined : resource.headers));
        if (csrf && method !== "GET" && method !== "HEAD") headers.set("X-CSRF-Token", csrf.getAttribute("content"));
        if (workspace) headers.set("X-MLFLOW-WORKSPACE", workspace.getAttribute("content"));
        init.headers = headers;
      }
      return plainFetch(resource, init);
    };
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-workspace-picker]")) event.target.form.submit();
  });
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
