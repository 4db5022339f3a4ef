// 编辑: the header, the tasks, the indicator grid (long texts in a detail row under each row) and the
// sign-off; findings from /api/v1/check as you type, marked on the field they name.
"use strict";
(function () {
  var form = document.getElementById("editor");
  var taxonomies = JSON.parse(form.dataset.taxonomies || "{}");
  // each form's own words for a field (指标分值权重 on the 项目支出 form, 分值 elsewhere)
  var fieldLabels = JSON.parse(form.dataset.fieldLabels || "{}");
  function fieldLabel(field, fallback) { return ((fieldLabels[page.table.kind] || {})[field]) || fallback; }
  var taxonomy = JSON.parse(form.dataset.taxonomy || "{}");
  var typeOptions = Array.prototype.map.call(document.getElementById("type-options").content.querySelectorAll("option"),
    function (o) { return o.textContent; });
  var tbody = document.getElementById("rows");
  var tasksList = document.getElementById("tasks");
  var el = Jixiao.el;
  var numberFields = { "funds.total": true, "funds.fiscal": true, "funds.other": true };
  // the long texts of a row, shown in its detail area: [field, label, multi-line]
  // (the labels of explanation and scoring are the 表种's own words: `fieldLabel`)
  var details = [
    ["explanation", "指标解释", true], ["scoring", "评（扣）分标准", true],
    ["basis", "指标值设置依据", false], ["lastYear", "上年完成值", false],
    ["evidence", "佐证资料", true], ["note", "备注", true]
  ];
  var detailFields = {};
  details.forEach(function (d) { detailFields[d[0]] = true; });
  // rows whose detail area is open; keyed by the row object so that moving a row keeps it open
  var open = new WeakSet();
  var columnCount = 10;

  // what a header field holds: a whole year, an amount, text that is never null (title, unit), or optional text
  function parse(name, text) {
    if (name === "year") { var t = String(text).trim(); return /^\d{4}$/.test(t) ? parseInt(t, 10) : null; }
    if (numberFields[name]) return Jixiao.numberOrNull(text);
    if (name === "title" || name === "unit" || name === "kind") return text;
    return text === "" ? null : text;
  }
  function isNumberField(name) { return name === "year" || numberFields[name]; }

  // Text typed into a number field that is not a plain number (二〇二六, 五十万, abc) is never dropped: it stays
  // in its box, marked, and goes to the server beside the table (typed), which reads it where the meaning is
  // sure and names the rest in its answer (unread). Header fields by name; 分值 by the row object.
  var typedHeader = {};
  var typedWeight = new WeakMap();
  var unreadFields = {};
  function keepTyped(name, text, value) {
    if (String(text).trim() !== "" && value === null) typedHeader[name] = text; else delete typedHeader[name];
  }
  function typedBody() {
    var typed = {};
    Object.keys(typedHeader).forEach(function (k) { typed[k] = typedHeader[k]; });
    page.table.indicators.forEach(function (ind, i) { if (typedWeight.has(ind)) typed["indicators." + i + ".weight"] = typedWeight.get(ind); });
    return Object.keys(typed).length ? { typed: typed } : {};
  }
  // after a save: the server's table (二〇二六 read as 2026), and what it could not read kept where it was typed
  function saved(data) {
    var unread = data.unread || [];
    page.table = data.table;
    typedHeader = {}; typedWeight = new WeakMap(); unreadFields = {};
    unread.forEach(function (u) {
      unreadFields[u.field] = u.reason;
      var m = /^indicators\.(\d+)\.weight$/.exec(u.field);
      if (m && page.table.indicators[+m[1]]) typedWeight.set(page.table.indicators[+m[1]], u.typed);
      else typedHeader[u.field] = u.typed;
    });
    refresh();
  }
  // marks a number box holding text that is not a plain number: doubtful while typing, invalid once the save refused it
  function markTyped(box, key, typedText) {
    box.classList.remove("invalid", "doubtful");
    box.removeAttribute("aria-invalid");
    box.removeAttribute("title");
    if (typedText === undefined) return;
    var refused = unreadFields[key];
    box.classList.add(refused ? "invalid" : "doubtful");
    box.setAttribute("aria-invalid", "true");
    box.title = refused ? "保存时无法读取“" + typedText + "”：" + refused : "不是纯数字：保存时尝试读取（如“二〇二六”“五十万”），读不出的会列出";
  }

  var page = Jixiao.TablePage(form, function (page) {
    form.querySelectorAll(".header-fields [name]").forEach(function (input) {
      input.addEventListener("input", function () {
        if (input.name === "status") page.status = input.value;
        else {
          var value = parse(input.name, input.value);
          Jixiao.setPath(page.table, input.name, value);
          if (isNumberField(input.name)) {
            delete unreadFields[input.name];
            keepTyped(input.name, input.value, value);
            markTyped(input, input.name, typedHeader[input.name]);
          }
        }
        if (input.name === "kind") { applyKind(); render(); }
        if (["kind", "title", "unit", "project.name"].indexOf(input.name) >= 0) startingSetSoon();
        page.changed(); check();
      });
    });
    page.refresh = refresh;
    page.extra = typedBody;
    page.saved = saved;
    refresh();
  });

  // fills every field from page.table (after loading, or after restoring a draft)
  function refresh() {
    if (!page.table.tasks) page.table.tasks = [];
    form.querySelectorAll(".header-fields [name]").forEach(function (input) {
      var v = input.name === "status" ? page.status : Jixiao.getPath(page.table, input.name);
      // a date written some other way (2026年3月) stays visible as text rather than being blanked by a date box
      if (input.name === "signoff.filledOn" && v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) input.type = "text";
      input.value = v === null || v === undefined ? "" : v;
      if (isNumberField(input.name)) {
        if (typedHeader[input.name] !== undefined) input.value = typedHeader[input.name];
        markTyped(input, input.name, typedHeader[input.name]);
      }
    });
    openFromAddress(); applyKind(); renderTasks(); render(); labelAll(); check(); startingSet();
  }

  // 表种: its 一级/二级 choices, its labels, and the parts of the header only its form has
  function applyKind() {
    var kind = page.table.kind;
    taxonomy = taxonomies[kind] || taxonomy;
    form.querySelectorAll("[data-words]").forEach(function (span) { span.textContent = fieldLabel(span.dataset.words, span.textContent); });
    form.querySelectorAll("[data-kind-label]").forEach(function (span) {
      var spec = span.dataset.kindLabel.split(":"), names = spec[1].split("|");
      span.textContent = spec[0] === kind ? names[0] : names[1];
    });
    form.querySelectorAll("[data-kinds]").forEach(function (box) {
      var mine = box.dataset.kinds.split(" ").indexOf(kind) >= 0;
      // a field holding something stays visible whatever the kind, so nothing is hidden with data in it
      var filled = Array.prototype.some.call(box.querySelectorAll("input, textarea"), function (i) { return i.value !== ""; });
      box.hidden = !mine && !filled;
    });
  }

  function select(options, value, onChange, label, attrs) {
    var s = el("select", attrs || {});
    s.setAttribute("aria-label", label);
    var list = options.slice();
    if (value && list.indexOf(value) < 0) list.unshift(value);
    if (!value) list.unshift("");
    list.forEach(function (o) { var opt = el("option", null, o === "" ? "（请选择）" : o); opt.value = o; s.appendChild(opt); });
    s.value = value || "";
    s.addEventListener("change", function () { onChange(s.value); });
    return s;
  }

  function input(value, onInput, label, attrs, multiline) {
    var i = el(multiline ? "textarea" : "input", attrs || {});
    if (multiline) i.rows = 2;
    i.setAttribute("aria-label", label);
    i.value = value === null || value === undefined ? "" : value;
    i.addEventListener("input", function () { onInput(i.value); });
    return i;
  }

  function optional(v) { return v.trim() === "" ? null : v; }
  function edited() { page.changed(); check(); }

  function cell(tr, label, child, cls) {
    var td = el("td", { "data-label": label });
    if (cls) td.className = cls;
    td.appendChild(child);
    tr.appendChild(td);
    return td;
  }

  function detailCount(ind) {
    return details.filter(function (d) { return ind[d[0]] !== null && ind[d[0]] !== undefined && ind[d[0]] !== ""; }).length;
  }

  function render() {
    tbody.textContent = "";
    var rows = page.table.indicators;
    rows.forEach(function (ind, i) {
      var n = "第" + (i + 1) + "行 ";
      var at = function (field, cls) { return { "data-row": String(i), "data-field": field, "class": cls || "" }; };
      var tr = el("tr", { id: "edit-row-" + (i + 1), "class": "main" });
      tr.appendChild(el("td", { "class": "num row-no", "data-label": "行" }, i + 1));
      cell(tr, "一级指标", select(Object.keys(taxonomy), ind.level1, function (v) { ind.level1 = v; render(); edited(); }, n + "一级指标", at("level1")));
      cell(tr, "二级指标", select(taxonomy[ind.level1] || [], ind.level2, function (v) { ind.level2 = v; edited(); }, n + "二级指标", at("level2")));
      var nameBox = input(ind.name, function (v) { ind.name = v; edited(); suggestFor(ind, nameBox, suggestBox); }, n + "三级指标",
        Object.assign(at("name", "name"), { "aria-describedby": "suggest-" + (i + 1) }));
      var nameCell = cell(tr, "三级指标", nameBox, "c-name");
      // 指标库: entries for the name being typed; taking one fills the row (see suggestFor)
      var suggestBox = el("div", { "class": "suggest-box", id: "suggest-" + (i + 1), "aria-live": "polite" });
      suggestBox.hidden = true;
      nameCell.appendChild(suggestBox);
      if (reasons.has(ind)) nameCell.appendChild(el("span", { "class": "target-reason" }, "建议值理由：" + reasons.get(ind)));
      cell(tr, "指标值类型", select(typeOptions, ind.type, function (v) { ind.type = v; edited(); }, n + "指标值类型", at("type")));
      cell(tr, "指标值", input(ind.value, function (v) { ind.value = v; edited(); }, n + "指标值", at("value", "short")));
      cell(tr, "计量单位", input(ind.unit, function (v) { ind.unit = optional(v); edited(); }, n + "计量单位", at("unit", "short")));
      var weightBox = input(typedWeight.has(ind) ? typedWeight.get(ind) : ind.weight, function (v) {
        ind.weight = Jixiao.numberOrNull(v);
        delete unreadFields["indicators." + i + ".weight"];
        if (v.trim() !== "" && ind.weight === null) typedWeight.set(ind, v); else typedWeight.delete(ind);
        markTyped(weightBox, "indicators." + i + ".weight", typedWeight.get(ind));
        edited();
      }, n + fieldLabel("weight", "分值"), Object.assign(at("weight", "short"), { inputmode: "decimal" }));
      cell(tr, fieldLabel("weight", "分值"), weightBox);
      markTyped(weightBox, "indicators." + i + ".weight", typedWeight.get(ind));

      var actions = el("div", { "class": "row-actions" });
      var toggle = el("button", { type: "button", "class": "detail-toggle", "aria-controls": "edit-detail-" + (i + 1), "data-row": String(i) });
      function label() {
        var c = detailCount(ind);
        toggle.textContent = (open.has(ind) ? "收起" : "详情") + (c ? "（" + c + "）" : "");
        toggle.setAttribute("aria-expanded", open.has(ind) ? "true" : "false");
        toggle.title = "第" + (i + 1) + "行：指标解释、评分标准、依据、上年完成值、佐证资料、备注";
      }
      label();
      actions.appendChild(toggle);
      [["↑", "上移", -1], ["↓", "下移", 1]].forEach(function (b) {
        var btn = el("button", { type: "button", title: b[1], "aria-label": "第" + (i + 1) + "行" + b[1] }, b[0]);
        var j = i + b[2];
        btn.disabled = j < 0 || j >= rows.length;
        btn.addEventListener("click", function () { var t = rows[i]; rows[i] = rows[j]; rows[j] = t; render(); edited(); });
        actions.appendChild(btn);
      });
      var del = el("button", { type: "button", title: "删除此行", "aria-label": "删除第" + (i + 1) + "行", "class": "danger" }, "✕");
      del.addEventListener("click", function () {
        if ((ind.name || ind.value) && !window.confirm("删除第" + (i + 1) + "行“" + (ind.name || "") + "”？保存前可以不保存离开来撤销。")) return;
        rows.splice(i, 1); render(); edited();
      });
      actions.appendChild(del);
      cell(tr, "调整", actions, "c-actions");
      tr.appendChild(el("td", { "class": "check-col", id: "findings-" + i, "data-label": "检查结果" }));
      tbody.appendChild(tr);

      // the long texts, one row down, spanning the grid: readable at 1366 px and on a phone
      var dtr = el("tr", { id: "edit-detail-" + (i + 1), "class": "detail" });
      dtr.hidden = !open.has(ind);
      var dtd = el("td", { colspan: String(columnCount) });
      var box = el("div", { "class": "detail-fields" });
      details.forEach(function (d) {
        var lab = el("label", { "class": d[2] ? "wide" : "" });
        var words = fieldLabel(d[0], d[1]);
        lab.appendChild(el("span", null, words));
        var attrs = at(d[0]);
        if (d[0] === "basis") attrs.list = "basis-options";
        lab.appendChild(input(ind[d[0]], function (v) { ind[d[0]] = optional(v); label(); edited(); }, n + words, attrs, d[2]));
        box.appendChild(lab);
      });
      dtd.appendChild(box);
      dtr.appendChild(dtd);
      tbody.appendChild(dtr);
      toggle.addEventListener("click", function () {
        if (open.has(ind)) open.delete(ind); else open.add(ind);
        dtr.hidden = !open.has(ind);
        label();
        if (!dtr.hidden) { var first = dtr.querySelector("textarea, input"); if (first) first.focus(); }
      });
    });
  }

  // 指标库 suggestions: after the name settles, up to five entries with why; taking one fills 二级, type,
  // unit, explanation and scoring (where empty), and proposes a target with its reason (kept beside the row).
  var reasons = new WeakMap();
  var suggestSeq = 0, suggestTimer = null;
  function suggestFor(ind, box, out) {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(function () {
      var name = (ind.name || "").trim();
      var mine = ++suggestSeq;
      if (name.length < 2 || !form.dataset.suggest) { out.hidden = true; return; }
      var url = form.dataset.suggest + "?kind=" + encodeURIComponent(page.table.kind || "") + "&name=" + encodeURIComponent(name);
      Jixiao.request("GET", url).then(function (r) {
        if (mine !== suggestSeq) return;
        out.textContent = "";
        var list = r.ok ? r.data.suggestions : [];
        // nothing to offer when the name is already exactly the first entry and the row is filled
        if (!list.length || (list[0].name === name && ind.unit === list[0].unit && ind.type === list[0].type)) { out.hidden = true; return; }
        out.appendChild(el("span", { "class": "why" }, "指标库建议（点击采用）："));
        list.forEach(function (sg) {
          var b = el("button", { type: "button", "class": "suggestion" });
          var head = sg.name + " — " + sg.level2 + " · " + sg.type + (sg.unit ? " " + sg.unit : "") + (sg.target ? " · 建议值 " + sg.target : "");
          b.appendChild(document.createTextNode(head));
          b.appendChild(el("span", { "class": "why" }, sg.why.join("；")));
          if (sg.target) b.appendChild(el("span", { "class": "why" }, sg.targetReason));
          b.addEventListener("click", function () { take(ind, sg); out.hidden = true; });
          out.appendChild(b);
        });
        out.hidden = false;
      });
    }, 300);
  }

  function take(ind, sg) {
    ind.name = sg.name;
    if (sg.level1 && taxonomy[sg.level1]) {
      ind.level1 = sg.level1;
      if ((taxonomy[sg.level1] || []).indexOf(sg.level2) >= 0) ind.level2 = sg.level2;
    }
    ind.type = sg.type;
    ind.unit = sg.unit || null;
    if (sg.target) ind.value = sg.target;
    if (!ind.explanation && sg.explanation) ind.explanation = sg.explanation;
    if (!ind.scoring && sg.scoring) ind.scoring = sg.scoring;
    if (!ind.basis && sg.standard) ind.basis = sg.standard;
    if (sg.target) reasons.set(ind, sg.targetReason); else reasons.delete(ind);
    render(); edited();
  }

  // a new table: indicators the most similar approved tables use, each with why (shown while the grid is empty)
  var startingSetSoon = Jixiao.debounce(function () { startingSet(); }, 400);
  function startingSet() {
    var box = document.getElementById("starting-set");
    if (!box || !form.dataset.starting) return;
    if (page.table.indicators.length) { box.hidden = true; return; }
    var t = page.table;
    var url = form.dataset.starting + "?kind=" + encodeURIComponent(t.kind || "project") +
      "&name=" + encodeURIComponent((t.project && t.project.name) || t.title || "") + "&unit=" + encodeURIComponent(t.unit || "");
    Jixiao.request("GET", url).then(function (r) {
      var list = r.ok ? r.data.suggestions : [];
      var ul = box.querySelector("ul");
      ul.textContent = "";
      box.hidden = !list.length;
      list.forEach(function (sg) {
        var li = el("li");
        var b = el("button", { type: "button" }, "添加：" + sg.name + "（" + sg.level2 + " · " + sg.type + (sg.unit ? " " + sg.unit : "") + "）");
        b.addEventListener("click", function () {
          page.table.indicators.push({ level1: sg.level1, level2: sg.level2, name: sg.name, type: sg.type, value: sg.target || "",
            unit: sg.unit || null, explanation: sg.explanation || null, scoring: sg.scoring || null, weight: null, basis: null,
            lastYear: null, evidence: null, note: null });
          li.remove();
          render(); edited();
        });
        li.appendChild(b);
        li.appendChild(el("span", { "class": "why" }, sg.why));
        ul.appendChild(li);
      });
    });
  }

  function renderTasks() {
    tasksList.textContent = "";
    var tasks = page.table.tasks;
    tasks.forEach(function (task, i) {
      var li = el("li");
      var n = "第" + (i + 1) + "项任务 ";
      var name = el("label", null, "任务名称");
      name.appendChild(input(task.name, function (v) { task.name = v; edited(); }, n + "任务名称"));
      var content = el("label", { "class": "wide" }, "主要内容");
      content.appendChild(input(task.content, function (v) { task.content = optional(v); edited(); }, n + "主要内容", null, true));
      var actions = el("div", { "class": "row-actions" });
      [["↑", "上移", -1], ["↓", "下移", 1]].forEach(function (b) {
        var btn = el("button", { type: "button", title: b[1], "aria-label": n + b[1] }, b[0]);
        var j = i + b[2];
        btn.disabled = j < 0 || j >= tasks.length;
        btn.addEventListener("click", function () { var t = tasks[i]; tasks[i] = tasks[j]; tasks[j] = t; renderTasks(); edited(); });
        actions.appendChild(btn);
      });
      var del = el("button", { type: "button", "class": "danger", title: "删除此任务", "aria-label": "删除" + n }, "✕");
      del.addEventListener("click", function () { tasks.splice(i, 1); renderTasks(); edited(); });
      actions.appendChild(del);
      li.appendChild(name); li.appendChild(content); li.appendChild(actions);
      tasksList.appendChild(li);
    });
  }

  // 全部展开 / 全部收起; an address ending in #details opens them all (a link from the 表格 page, the browser check)
  var toggleAll = document.getElementById("toggle-details");
  function allOpen() { return page.table.indicators.length > 0 && page.table.indicators.every(function (ind) { return open.has(ind); }); }
  function labelAll() { toggleAll.textContent = allOpen() ? "全部收起" : "全部展开"; }
  toggleAll.addEventListener("click", function () {
    var openAll = !allOpen();
    page.table.indicators.forEach(function (ind) { if (openAll) open.add(ind); else open.delete(ind); });
    render(); labelAll(); check();
  });
  function openFromAddress() {
    if (window.location.hash === "#details") { page.table.indicators.forEach(function (ind) { open.add(ind); }); }
  }
  // the address changed to #details on this page (no reload): open them all now
  window.addEventListener("hashchange", function () {
    if (window.location.hash !== "#details" || !page.table) return;
    openFromAddress(); render(); labelAll(); check();
  });

  document.getElementById("add-task").addEventListener("click", function () {
    page.table.tasks.push({ name: "", content: null });
    renderTasks(); edited();
    var inputs = tasksList.querySelectorAll("li:last-child input");
    if (inputs.length) inputs[0].focus();
  });

  document.getElementById("add-row").addEventListener("click", function () {
    var rows = page.table.indicators, last = rows[rows.length - 1];
    rows.push({ level1: last ? last.level1 : "", level2: last ? last.level2 : "", name: "", type: "≥", value: "", unit: null,
      explanation: null, scoring: null, weight: null, basis: null, lastYear: null, evidence: null, note: null });
    render(); edited();
    var mains = tbody.querySelectorAll("tr.main");
    var first = mains.length ? mains[mains.length - 1].querySelector("input") : null;
    if (first) first.focus();
  });

  // findings beside their rows, and the field each names marked (a detail field marks the 详情 button)
  var check = Jixiao.live(form.dataset.check, function () { return { tables: [page.table] }; }, function (r) {
    var list = document.getElementById("table-findings");
    list.textContent = "";
    page.table.indicators.forEach(function (_, i) { var c = document.getElementById("findings-" + i); if (c) c.textContent = ""; });
    tbody.querySelectorAll(".invalid, .doubtful, .has-issue").forEach(function (x) {
      x.classList.remove("invalid", "doubtful", "has-issue"); x.removeAttribute("aria-invalid");
    });
    tbody.querySelectorAll("tr.has-errors").forEach(function (x) { x.classList.remove("has-errors"); });
    if (!r.ok) { list.appendChild(el("li", { "class": "error" }, r.data.reason)); return; }
    document.getElementById("counts").textContent = "错误 " + r.data.errors + " · 警告 " + r.data.warnings + " · 提示 " + r.data.hints;
    r.data.findings.forEach(function (f) {
      var hasRow = f.indicator !== null && f.indicator !== undefined;
      var c = hasRow ? document.getElementById("findings-" + f.indicator) : null;
      var li = el("li", { "class": f.severity });
      li.appendChild(el("b", null, f.severityLabel + " "));
      if (f.fieldLabel) li.appendChild(el("span", { "class": "field" }, f.fieldLabel + "："));
      // one table on this page: its messages start at the row, without 第1张表; beside its row, without the row
      var text = f.message.replace(/^第1张表(：| )/, "");
      if (c) text = text.replace(/^第\d+行(“[^”]*”)?(（[^）]*）)?：/, "");
      li.appendChild(document.createTextNode(text + (f.suggestion ? " 建议：" + f.suggestion : "")));
      if (c) {
        // two lines beside the row, the rest on a click (or Enter): the row keeps its height
        li.classList.add("compact");
        li.tabIndex = 0;
        li.title = "点击显示全文";
        var flip = function () { li.classList.toggle("open"); };
        li.addEventListener("click", flip);
        li.addEventListener("keydown", function (e) { if (e.key === "Enter") flip(); });
      }
      if (c) { var ul = c.querySelector("ul") || c.appendChild(el("ul", { "class": "findings" })); ul.appendChild(li); }
      else list.appendChild(li);
      if (!hasRow || f.severity === "hint") return;
      var row = document.getElementById("edit-row-" + (f.indicator + 1));
      if (row && f.severity === "error") row.classList.add("has-errors");
      if (!f.field) return;
      var target = tbody.querySelector("[data-row='" + f.indicator + "'][data-field='" + f.field + "']");
      if (target) {
        target.classList.add(f.severity === "error" ? "invalid" : "doubtful");
        target.setAttribute("aria-invalid", "true");
      }
      if (detailFields[f.field]) {
        var toggle = tbody.querySelector(".detail-toggle[data-row='" + f.indicator + "']");
        if (toggle) toggle.classList.add("has-issue");
      }
    });
    // what was typed into number fields and is not (yet) read: marked where it is, and listed here
    tbody.querySelectorAll("[data-field='weight']").forEach(function (box) {
      var ind = page.table.indicators[+box.dataset.row];
      if (ind) markTyped(box, "indicators." + box.dataset.row + ".weight", typedWeight.get(ind));
    });
    var typed = typedBody().typed || {};
    Object.keys(typed).forEach(function (k) {
      var m = /^indicators\.(\d+)\.weight$/.exec(k);
      var where = m ? "第" + (+m[1] + 1) + "行 分值" : form.querySelector("[name='" + k + "']").closest("label").textContent.trim();
      var li = el("li", { "class": unreadFields[k] ? "error" : "warning" });
      li.appendChild(el("b", null, (unreadFields[k] ? "未保存" : "待读取") + " "));
      li.appendChild(document.createTextNode(where + "“" + typed[k] + "”" + (unreadFields[k] ? "：" + unreadFields[k] : "不是纯数字，保存时尝试读取（如“二〇二六”“五十万”），读不出的会列出")));
      list.appendChild(li);
    });
    if (!list.children.length) list.appendChild(el("li", { "class": "ok" }, "整表没有问题"));
  }, 350);
})();
