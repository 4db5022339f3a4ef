// Shared by the editor and the self-evaluation page: load, save with the version, unsaved-changes guard.
// User text only ever goes through textContent / value, never innerHTML.
"use strict";
var Jixiao = (function () {
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function debounce(fn, ms) {
    var t = null;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }
  function request(method, url, body) {
    return fetch(url, {
      method: method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (res) {
      return res.json().catch(function () { return { error: true, reason: "服务器返回的内容无法读取（" + res.status + "）" }; })
        .then(function (data) { return { status: res.status, ok: res.ok, data: data }; });
    }, function () {
      return { status: 0, ok: false, data: { error: true, reason: "无法连接服务器，请检查网络后重试" } };
    });
  }
  function numberOrNull(s) {
    s = String(s || "").trim();
    if (s === "") return null;
    var n = Number(s);
    return isFinite(n) ? n : null;
  }
  function setPath(obj, path, value) {
    var parts = path.split(".");
    for (var i = 0; i < parts.length - 1; i++) {
      if (obj[parts[i]] === null || typeof obj[parts[i]] !== "object") obj[parts[i]] = {};
      obj = obj[parts[i]];
    }
    obj[parts[parts.length - 1]] = value;
  }
  function getPath(obj, path) {
    return path.split(".").reduce(function (o, k) { return o === null || o === undefined ? undefined : o[k]; }, obj);
  }

  // POSTs body() to url after the input settles; only the answer to the latest call reaches onAnswer.
  function live(url, body, onAnswer, ms) {
    var seq = 0;
    return debounce(function () {
      var mine = ++seq;
      request("POST", url, body()).then(function (r) { if (mine === seq) onAnswer(r); });
    }, ms);
  }

  // Unsaved work is also kept in this browser (localStorage), so a closed tab or a crash loses nothing:
  // the next visit offers it back. Storage may be full or switched off; then only the leave warning remains.
  function Drafts(key) {
    return {
      read: function () { try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; } },
      write: function (d) { try { window.localStorage.setItem(key, JSON.stringify(d)); } catch (e) { /* storage unavailable */ } },
      clear: function () { try { window.localStorage.removeItem(key); } catch (e) { /* storage unavailable */ } }
    };
  }

  function offerDraft(page, drafts) {
    var box = document.getElementById("draft"), d = drafts.read();
    if (!box || !d || !d.table) return;
    if (d.version === page.version && JSON.stringify(d.table) === JSON.stringify(page.table)) { drafts.clear(); return; }
    box.textContent = "";
    var when = new Date(d.at || 0);
    var text = "这张表有一份没有保存的修改（" + when.toLocaleString("zh-CN") + "，基于第 " + d.version + " 版）。";
    if (d.version !== page.version) text += "服务器上已是第 " + page.version + " 版：恢复后保存时会提示冲突，请对照后再保存。";
    box.appendChild(document.createTextNode(text + " "));
    var restore = el("button", { type: "button" }, "恢复未保存的修改");
    var discard = el("button", { type: "button", "class": "danger" }, "丢弃");
    restore.addEventListener("click", function () {
      page.table = d.table; page.status = d.status || page.status;
      // keep the version the draft was made from, so that the optimistic lock still guards the save
      page.version = d.version;
      box.hidden = true;
      if (page.refresh) page.refresh();
      page.changed();
    });
    discard.addEventListener("click", function () { drafts.clear(); box.hidden = true; });
    box.appendChild(restore); box.appendChild(document.createTextNode(" ")); box.appendChild(discard);
    box.hidden = false;
  }

  // A page editing one stored table: state, dirty flag, beforeunload guard, local draft, save with optimistic lock.
  // onLoad(page) sets the page up once; page.refresh(), when the page sets it, refills every field from page.table.
  function TablePage(form, onLoad) {
    var page = { table: null, version: null, status: "draft", dirty: false, form: form, refresh: null };
    var statusEl = document.getElementById("status");
    var drafts = Drafts("jixiao-draft:" + form.dataset.api);
    var keep = debounce(function () {
      if (page.dirty) drafts.write({ version: page.version, status: page.status, table: page.table, at: Date.now() });
    }, 500);
    page.say = function (text, cls) { statusEl.textContent = text; statusEl.className = cls || ""; };
    page.changed = function () { page.dirty = true; page.say("有未保存的修改", "warn"); keep(); };
    window.addEventListener("beforeunload", function (e) {
      if (page.dirty) { e.preventDefault(); e.returnValue = ""; }
    });
    request("GET", form.dataset.api).then(function (r) {
      if (!r.ok) { page.say(r.data.reason || "读取失败", "bad"); return; }
      page.table = r.data.table; page.version = r.data.summary.version; page.status = r.data.summary.status;
      page.say("已读取第 " + page.version + " 版", "");
      onLoad(page);
      offerDraft(page, drafts);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!page.table) return;
      page.say("正在保存…", "");
      var body = { table: page.table, status: page.status, version: page.version };
      // a page may send more beside the table: the editor sends what was typed into number fields (typed)
      if (page.extra) Object.assign(body, page.extra());
      request("PUT", form.dataset.api, body).then(function (r) {
        if (r.ok) {
          page.version = r.data.summary.version; page.dirty = false; drafts.clear();
          var text = "已保存为第 " + page.version + " 版（错误 " + r.data.summary.errors + "，警告 " + r.data.summary.warnings + "）";
          var unread = r.data.unread || [];
          if (unread.length) {
            // saved, but not all of it: say what was not taken, and keep the page "unsaved" so leaving warns
            page.dirty = true;
            page.say(text + "；但以下 " + unread.length + " 处填写无法读取，没有保存（已保留在原处并标出，请改正后再保存）：" +
              unread.map(function (u) { return u.label + "“" + u.typed + "”：" + u.reason; }).join("；"), "bad");
          } else {
            page.say(text, "ok");
          }
          if (page.saved) page.saved(r.data);
        } else if (r.status === 409) {
          page.say(r.data.reason + "（您的版本：" + r.data.yourVersion + "，当前版本：" + r.data.currentVersion + "）", "bad");
        } else {
          page.say(r.data.reason || "保存失败", "bad");
        }
      });
    });
    return page;
  }

  return { el: el, debounce: debounce, live: live, request: request, numberOrNull: numberOrNull, setPath: setPath, getPath: getPath, TablePage: TablePage };
})();
