// 批量结转: the tables are carried one by one through the API, so the page shows how far it has got;
// without scripts the form posts them all at once and the page comes back with the result.
"use strict";
(function () {
  var form = document.getElementById("carry-all");
  var box = document.getElementById("carry-progress");
  if (!form || !box || !window.fetch) return;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-carry]"));
    var bar = box.querySelector("progress"), text = box.querySelector(".progress-text");
    var created = 0, skipped = 0, refused = 0, done = 0;
    form.querySelector("button").disabled = true;
    box.hidden = false;
    function show() {
      bar.value = done;
      text.textContent = "已处理 " + done + " / " + rows.length + " 张：生成 " + created + " 张，跳过 " + skipped + " 张" +
        (refused > 0 ? "，未能结转 " + refused + " 张" : "");
    }
    function cell(row, message, link, bad) {
      var c = row.querySelector(".carry-state");
      c.textContent = "";
      if (link) {
        var a = document.createElement("a");
        a.href = link; a.textContent = message; c.appendChild(a);
      } else {
        c.textContent = message;
      }
      if (bad) row.classList.add("bad");
    }
    function next(i) {
      if (i >= rows.length) {
        text.textContent = "完成：共 " + rows.length + " 张，生成 " + created + " 张下年度草稿，跳过 " + skipped + " 张（已结转过）" +
          (refused > 0 ? "，" + refused + " 张未能结转（原因见表中）" : "") + "。";
        return;
      }
      var row = rows[i];
      fetch(row.getAttribute("data-carry"), { method: "POST", headers: { "Accept": "application/json" } })
        .then(function (res) {
          return res.json().then(function (body) { return { ok: res.ok, status: res.status, body: body }; });
        })
        .then(function (r) {
          if (r.ok) {
            if (r.body.created) created++; else skipped++;
            cell(row, r.body.note, r.body.link, false);
          } else {
            refused++;
            cell(row, "未能结转：" + (r.body.reason || r.status), null, true);
          }
        })
        .catch(function () { refused++; cell(row, "未能结转：网络错误，请刷新后重试", null, true); })
        .then(function () { done++; show(); next(i + 1); });
    }
    show();
    next(0);
  });
})();
