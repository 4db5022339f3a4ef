// 执行监控表: while the unit types, ask the server for the lights of what is typed (nothing is saved)
// and show them with their arithmetic, so a 红 and its required 偏差原因 appear before 保存.
"use strict";
(function () {
  var form = document.getElementById("monitoring-form");
  if (!form || !window.fetch || !form.dataset.lights) return;
  var timer = null;
  function paint(el, cell) {
    if (!el) return;
    el.className = el.className.replace(/\blight-\w+\b/g, "").trim() + " " + cell.css;
  }
  function update() {
    var body = new URLSearchParams(new FormData(form));
    fetch(form.dataset.lights, { method: "POST", body: body, headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (a) {
        if (!a) return;
        var t = document.getElementById("table-light");
        if (t) { t.textContent = a.light.light; paint(t, a.light); }
        var tw = document.getElementById("table-light-why");
        if (tw) tw.textContent = a.light.explanation;
        var b = document.getElementById("budget-light");
        if (b) { b.textContent = a.budget.light; paint(b, a.budget); }
        var bw = document.getElementById("budget-light-why");
        if (bw) bw.textContent = a.budget.explanation;
        var rates = form.querySelectorAll("table.budget td.rate");
        for (var i = 0; i < rates.length && i < a.rates.length; i++) rates[i].textContent = a.rates[i];
        a.rows.forEach(function (r) {
          var row = document.getElementById("row-" + r.number);
          if (!row) return;
          var cell = row.querySelector("td.light");
          if (cell) {
            cell.querySelector("b").textContent = r.light.light;
            cell.querySelector(".hint").textContent = r.light.explanation;
            paint(cell, r.light);
          }
          var missing = row.querySelector(".reason-missing");
          if (missing) { missing.hidden = !r.reasonMissing; missing.textContent = r.light.light + "灯须填写偏差原因（勾选类别并写明原因说明）"; }
          row.classList.toggle("has-errors", r.reasonMissing);
        });
      })
      .catch(function () { /* the lights are recomputed on 保存 anyway */ });
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 300); });
  form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(update, 100); });
})();
