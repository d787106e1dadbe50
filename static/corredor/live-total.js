// Keeps a letter's signature count current while the page is open (progressive enhancement:
// without JavaScript the page shows the count as of loading). Our own code, no library.
(function () {
  "use strict";
  var script = document.currentScript;
  var targets = document.querySelectorAll("[data-live-total]");
  if (!script || !targets.length || !window.fetch) return;
  var url = script.getAttribute("data-url");
  var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
  function refresh() {
    if (document.hidden) return;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || typeof data.signatures !== "number") return;
        var text = format.format(data.signatures);
        targets.forEach(function (target) {
          if (target.textContent !== text) target.textContent = text;
        });
      })
      .catch(function () {});
  }
  window.setInterval(refresh, 30000);
})();
