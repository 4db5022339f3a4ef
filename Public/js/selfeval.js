// 自评: actuals and execution in, scores from /api/v1/score out, live.
"use strict";
(function () {
  var form = document.getElementById("selfeval");
  var tbody = document.getElementById("rows");
  var el = Jixiao.el;
  var execFields = ["budget", "spent", "weight", "explanation"];
  var guesses = {};
  try { guesses = JSON.parse(form.dataset.guesses || "{}"); } catch (e) { guesses = {}; }
  // 投入管理 indicators the system computed from its own records (监控完成率 …), by indicator id
  var computed = {};
  try { computed = JSON.parse(form.dataset.computed || "{}"); } catch (e) { computed = {}; }
  // each target as the server writes it (Indicator.targetText), by indicator id: the page never composes one
  var targets = {};
  try { targets = JSON.parse(form.dataset.targets || "{}"); } catch (e) { targets = {}; }

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
      // data-label: the column's name, shown above each field when a phone lays the rows out as cards
      tr.appendChild(el("td", { "class": "num row-no", "data-label": "行" }, i + 1));
      tr.appendChild(el("td", { "class": "c-name", "data-label": "三级指标" }, ind.name));
      tr.appendChild(el("td", { "class": "target", "data-label": "指标值" }, ind.id && targets[ind.id] !== undefined ? targets[ind.id] : ind.value));
      tr.appendChild(el("td", { "class": "num", "data-label": "分值" }, ind.weight === null || ind.weight === undefined ? "—" : ind.weight));
      [["actual", "实际完成值", "实际完成值"], ["deviation", "偏差原因", "偏差原因分析及改进措施"]].forEach(function (f) {
        var td = el("td", { "class": "c-" + f[0], "data-label": f[2] }), input = el("input", { "aria-label": "第" + (i + 1) + "行 " + f[1], id: f[0] + "-" + i });
        input.value = ind[f[0]] || "";
        // the last monitoring round's 全年预计完成值: a marked hint in an empty 实际完成值, never a value
        if (f[0] === "actual" && !input.value && ind.id && guesses[ind.id]) input.placeholder = "监控预计：" + guesses[ind.id];
        if (f[0] === "actual" && !input.value && ind.id && computed[ind.id]) input.placeholder = "系统计算：" + computed[ind.id];
        input.addEventListener("input", function () { ind[f[0]] = input.value === "" ? null : input.value; page.changed(); score(); });
        td.appendChild(input); tr.appendChild(td);
      });
      tr.appendChild(el("td", { "class": "num score", id: "score-" + i, "data-label": "得分" }, ""));
      tr.appendChild(el("td", { "class": "explain", id: "explain-" + i, "data-label": "计分说明" }, ""));
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
      // points lost: 偏差原因 must be written, and is marked until it is
      var why = document.getElementById("deviation-" + row.index);
      why.required = row.deviationRequired;
      why.placeholder = row.deviationRequired ? "失分，须填写偏差原因" : "";
      why.classList.toggle("missing", row.deviationMissing);
    });
    var whatIf = document.getElementById("whatif");
    whatIf.textContent = "";
    // a line starting with "·" is one of the changes listed under the line before it
    (s.whatIf || []).forEach(function (line) {
      var t = line.trim(), sub = t.charAt(0) === "·";
      whatIf.appendChild(el("li", sub ? { "class": "sub" } : null, sub ? t.slice(1).trim() : t));
    });
    document.getElementById("whatif-box").hidden = !(s.whatIf && s.whatIf.length);
    document.getElementById("execution-result").textContent = s.execution ? s.execution.explanation + "（得分 " + s.execution.score + "）" : "未填写预算执行";
    document.getElementById("total").textContent = s.summary + (s.capped ? "（按预算执行率封顶）" : "");
    // one table on this page: its messages start at the row, without 第1张表
    s.flags.forEach(function (m) { flags.appendChild(el("li", { "class": "warning" }, m.replace(/^第1张表(：| )?/, ""))); });
  }, 300);
})();
