// 自评: actuals and execution in, scores from /api/v1/score out, live.
"use strict";
(function () {
  var form = document.getElementById("selfeval");
  var tbody = document.getElementById("rows");
  var el = Jixiao.el;
  var execFields = ["budget", "spent", "weight", "explanation"];

  var page = Jixiao.TablePage(form, function (page) {
    execFields.forEach(function (k) {
      var input = form.querySelector("[name='execution." + k + "']");
      input.addEventListener("input", function () { readExecution(); page.changed(); score(); });
    });
    page.refresh = refresh;
    refresh();
  });

  // fills every field from page.table (after loading, or after restoring a draft)
  function refresh() {
    var ex = page.table.execution || {};
    execFields.forEach(function (k) {
      var input = form.querySelector("[name='execution." + k + "']");
      input.value = ex[k] === null || ex[k] === undefined ? "" : ex[k];
    });
    render(); score();
  }

  function readExecution() {
    var v = {};
    execFields.forEach(function (k) { v[k] = form.querySelector("[name='execution." + k + "']").value; });
    var budget = Jixiao.numberOrNull(v.budget), spent = Jixiao.numberOrNull(v.spent), weight = Jixiao.numberOrNull(v.weight);
    if (budget === null && spent === null && weight === null) { delete page.table.execution; return; }
    page.table.execution = { budget: budget || 0, spent: spent || 0, weight: weight === null ? 0 : weight,
      explanation: v.explanation.trim() === "" ? null : v.explanation };
  }

  function render() {
    tbody.textContent = "";
    page.table.indicators.forEach(function (ind, i) {
      var tr = el("tr");
      tr.appendChild(el("td", { "class": "num" }, i + 1));
      tr.appendChild(el("td", null, ind.name));
      tr.appendChild(el("td", { "class": "target" }, ind.type === "定性" ? ind.value : ind.type + ind.value + (ind.unit || "")));
      tr.appendChild(el("td", { "class": "num" }, ind.weight === null || ind.weight === undefined ? "—" : ind.weight));
      [["actual", "实际完成值"], ["deviation", "偏差原因"]].forEach(function (f) {
        var td = el("td"), input = el("input", { "aria-label": "第" + (i + 1) + "行 " + f[1] });
        input.value = ind[f[0]] || "";
        input.addEventListener("input", function () { ind[f[0]] = input.value === "" ? null : input.value; page.changed(); score(); });
        td.appendChild(input); tr.appendChild(td);
      });
      tr.appendChild(el("td", { "class": "num score", id: "score-" + i }, ""));
      tr.appendChild(el("td", { "class": "explain", id: "explain-" + i }, ""));
      tbody.appendChild(tr);
    });
  }

  var score = Jixiao.live(form.dataset.score, function () { return { tables: [page.table] }; }, function (r) {
    var flags = document.getElementById("flags");
    flags.textContent = "";
    if (!r.ok) { document.getElementById("total").textContent = r.data.reason; return; }
    var s = r.data.tables[0];
    s.indicators.forEach(function (row) {
      document.getElementById("score-" + row.index).textContent = row.score == null ? "—" : row.score;
      document.getElementById("explain-" + row.index).textContent = row.explanation;
    });
    document.getElementById("execution-result").textContent = s.execution ? s.execution.explanation + "（得分 " + s.execution.score + "）" : "未填写预算执行";
    document.getElementById("total").textContent = s.summary + (s.capped ? "（按预算执行率封顶）" : "");
    s.flags.forEach(function (m) { flags.appendChild(el("li", { "class": "warning" }, m)); });
  }, 300);
})();
