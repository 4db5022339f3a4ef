// 表格: delete with undo (the server keeps a deleted table restorable for a while).
"use strict";
(function () {
  var btn = document.getElementById("delete");
  var out = document.getElementById("delete-status");
  if (!btn) return;
  function send(method, url) {
    return fetch(url, { method: method }).then(function (r) { return r.json().then(function (d) { return { ok: r.ok, data: d }; }); });
  }
  btn.addEventListener("click", function () {
    if (!window.confirm("确定删除这张表吗？删除后 10 分钟内可以撤销。")) return;
    send("DELETE", btn.dataset.api).then(function (r) {
      if (!r.ok) { out.textContent = r.data.reason || "删除失败"; return; }
      out.textContent = "已删除。";
      var undo = document.createElement("button");
      undo.type = "button"; undo.textContent = "撤销删除";
      undo.addEventListener("click", function () {
        // the answer names the restore address with the version deleted
        send("POST", r.data.restore).then(function (r2) {
          out.textContent = r2.ok ? "已恢复。" : (r2.data.reason || "恢复失败");
        });
      });
      var home = document.createElement("a");
      home.href = btn.dataset.home; home.textContent = "返回首页";
      out.appendChild(undo); out.appendChild(document.createTextNode(" ")); out.appendChild(home);
      btn.disabled = true;
    });
  });
})();
