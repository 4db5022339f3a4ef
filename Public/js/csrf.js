// Every change this page's scripts send to the server carries the session's CSRF token, in one place:
// fetch is wrapped so that a same-origin POST/PUT/DELETE gets the X-CSRF-Token header.
"use strict";
(function () {
  var meta = document.querySelector("meta[name='csrf-token']");
  if (!meta || !window.fetch) return;
  var token = meta.getAttribute("content");
  var original = window.fetch;
  window.fetch = function (url, init) {
    init = init || {};
    var method = String(init.method || "GET").toUpperCase();
    var sameOrigin = typeof url === "string" && (url.charAt(0) === "/" && url.charAt(1) !== "/");
    if (sameOrigin && method !== "GET" && method !== "HEAD") {
      var headers = new Headers(init.headers || {});
      headers.set("X-CSRF-Token", token);
      init.headers = headers;
    }
    return original.call(window, url, init);
  };
})();
