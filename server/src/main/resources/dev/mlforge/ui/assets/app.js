// mlforge UI: small progressive enhancements; every page reads fine without this script.
(function () {
  "use strict";
  var root = document.documentElement;
  function currentTheme() {
    return root.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }
  window.mlforge = window.mlforge || {};
  // A page signed in with the session cookie carries its CSRF token in a meta tag: every state-changing call to this
  // server sends it back (the server refuses such calls without it), whichever script makes the call.
  var csrf = document.querySelector('meta[name="csrf-token"]');
  if (csrf && window.fetch) {
    var token = csrf.getAttribute("content"), plainFetch = window.fetch.bind(window);
    window.fetch = function (resource, options) {
      var init = Object.assign({}, options || {});
      var method = (init.method || (resource && resource.method) || "GET").toUpperCase();
      var url = new URL(typeof resource === "string" ? resource : resource.url, location.href);
      if (method !== "GET" && method !== "HEAD" && url.origin === location.origin) {
        var headers = new Headers(init.headers || (typeof resource === "string" ? undefined : resource.headers));
        headers.set("X-CSRF-Token", token);
        init.headers = headers;
      }
      return plainFetch(resource, init);
    };
  }
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
