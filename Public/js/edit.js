// 编辑: header fields and the indicator grid; findings from /api/v1/check as you type.
"use strict";
(function () {
  var form = document.getElementById("editor");
  var taxonomy = JSON.parse(form.dataset.taxonomy || "{}");
  var typeOptions = Array.prototype.map.call(document.getElementById("type-options").content.querySelectorAll("option"),
    function (o) { return o.textContent; });
  var tbody = document.getElementById("rows");
  var numberFields = { "funds.total": true, "funds.fiscal": true, "funds.other": true };
  // what a header field holds: a whole year, an amount, text that is never null (title, unit), or optional text
  function parse(name, text) {
    if (name === "year") { var y = parseInt(text, 10); return isFinite(y) ? y : null; }
    if (numberFields[name]) return Jixiao.numberOrNull(text);
    if (name === "title" || name === "unit" || name === "kind") return text;
    return text === "" ? null : text;
  }
  var el = Jixiao.el;

  var page = Jixiao.TablePage(form, function (page) {
    form.querySelectorAll(".header-fields [name]").forEach(function (input) {
      var v = input.name === "status" ? page.status : Jixiao.getPath(page.table, input.name);
      input.value = v === null || v === undefined ? "" : v;
      input.addEventListener("input", function () {
        if (input.name === "status") page.status = input.value;
        else Jixiao.setPath(page.table, input.name, parse(input.name, input.value));
        page.changed(); check();
      });
    });
    render(); check();
  });

  function select(options, value, onChange, label) {
    var s = el("select", { "aria-label": label });
    var list = options.slice();
    if (value && list.indexOf(value) < 0) list.unshift(value);
    if (!value) list.unshift("");
    list.forEach(function (o) { var opt = el("option", null, o === "" ? "（请选择）" : o); opt.value = o; s.appendChild(opt); });
    s.value = value || "";
    s.addEventListener("change", function () { onChange(s.value); });
    return s;
  }

  function input(value, onInput, label, attrs) {
    var i = el("input", attrs || {});
    i.setAttribute("aria-label", label);
    i.value = value === null || value === undefined ? "" : value;
    i.addEventListener("input", function () { onInput(i.value); });
    return i;
  }

  function edited() { page.changed(); check(); }

  function render() {
    tbody.textContent = "";
    var rows = page.table.indicators;
    rows.forEach(function (ind, i) {
      var tr = el("tr", { id: "edit-row-" + (i + 1) });
      tr.appendChild(el("td", { "class": "num" }, i + 1));
      var td1 = el("td"); td1.appendChild(select(Object.keys(taxonomy), ind.level1, function (v) { ind.level1 = v; render(); edited(); }, "第" + (i + 1) + "行 一级指标")); tr.appendChild(td1);
      var td2 = el("td"); td2.appendChild(select(taxonomy[ind.level1] || [], ind.level2, function (v) { ind.level2 = v; edited(); }, "第" + (i + 1) + "行 二级指标")); tr.appendChild(td2);
      var td3 = el("td"); td3.appendChild(input(ind.name, function (v) { ind.name = v; edited(); }, "第" + (i + 1) + "行 三级指标", { "class": "name" })); tr.appendChild(td3);
      var td4 = el("td"); td4.appendChild(select(typeOptions, ind.type, function (v) { ind.type = v; edited(); }, "第" + (i + 1) + "行 指标值类型")); tr.appendChild(td4);
      var td5 = el("td"); td5.appendChild(input(ind.value, function (v) { ind.value = v; edited(); }, "第" + (i + 1) + "行 指标值", { "class": "short" })); tr.appendChild(td5);
      var td6 = el("td"); td6.appendChild(input(ind.unit, function (v) { ind.unit = v === "" ? null : v; edited(); }, "第" + (i + 1) + "行 计量单位", { "class": "short" })); tr.appendChild(td6);
      var td7 = el("td"); td7.appendChild(input(ind.weight, function (v) { ind.weight = Jixiao.numberOrNull(v); edited(); }, "第" + (i + 1) + "行 分值", { "class": "short", inputmode: "decimal" })); tr.appendChild(td7);
      var td8 = el("td"); td8.appendChild(input(ind.scoring, function (v) { ind.scoring = v === "" ? null : v; edited(); }, "第" + (i + 1) + "行 评（扣）分标准", { "class": "scoring" })); tr.appendChild(td8);
      var tdMove = el("td", { "class": "row-actions" });
      [["↑", "上移", -1], ["↓", "下移", 1]].forEach(function (b) {
        var btn = el("button", { type: "button", title: b[1], "aria-label": "第" + (i + 1) + "行" + b[1] }, b[0]);
        var j = i + b[2];
        btn.disabled = j < 0 || j >= rows.length;
        btn.addEventListener("click", function () { var t = rows[i]; rows[i] = rows[j]; rows[j] = t; render(); edited(); });
        tdMove.appendChild(btn);
      });
      var del = el("button", { type: "button", title: "删除此行", "aria-label": "删除第" + (i + 1) + "行", "class": "danger" }, "✕");
      del.addEventListener("click", function () { rows.splice(i, 1); render(); edited(); });
      tdMove.appendChild(del);
      tr.appendChild(tdMove);
      tr.appendChild(el("td", { "class": "check-col", id: "findings-" + i }));
      tbody.appendChild(tr);
    });
  }

  document.getElementById("add-row").addEventListener("click", function () {
    var rows = page.table.indicators, last = rows[rows.length - 1];
    rows.push({ level1: last ? last.level1 : "", level2: last ? last.level2 : "", name: "", type: "≥", value: "", unit: null,
      explanation: null, scoring: null, weight: null, basis: null, lastYear: null, evidence: null, note: null });
    render(); edited();
    var inputs = tbody.querySelectorAll("tr:last-child input");
    if (inputs.length) inputs[0].focus();
  });

  var check = Jixiao.live(form.dataset.check, function () { return { tables: [page.table] }; }, function (r) {
    var list = document.getElementById("table-findings");
    list.textContent = "";
    page.table.indicators.forEach(function (_, i) { var c = document.getElementById("findings-" + i); if (c) c.textContent = ""; });
    if (!r.ok) { list.appendChild(el("li", { "class": "error" }, r.data.reason)); return; }
    document.getElementById("counts").textContent = "错误 " + r.data.errors + " · 警告 " + r.data.warnings + " · 提示 " + r.data.hints;
    r.data.findings.forEach(function (f) {
      var li = el("li", { "class": f.severity });
      li.appendChild(el("b", null, f.severityLabel + " "));
      li.appendChild(document.createTextNode(f.message + (f.suggestion ? " 建议：" + f.suggestion : "")));
      var cell = f.indicator === null || f.indicator === undefined ? null : document.getElementById("findings-" + f.indicator);
      if (cell) { var ul = cell.querySelector("ul") || cell.appendChild(el("ul", { "class": "findings" })); ul.appendChild(li); }
      else list.appendChild(li);
    });
    if (!list.children.length) list.appendChild(el("li", { "class": "ok" }, "整表没有问题"));
  }, 350);
})();
