// 导入: refuse an upload over the limit before sending it (nothing typed or chosen is lost), then send
// with XMLHttpRequest so that the upload shows its progress and the server's reading shows "正在识别…".
// Without this script the form still posts normally.
"use strict";
(function () {
  var form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;
  var fileInput = document.getElementById("file");
  var textArea = document.getElementById("text");
  var errorBox = document.getElementById("import-error");
  var progress = document.getElementById("progress");
  var bar = document.getElementById("progress-bar");
  var label = document.getElementById("progress-text");
  var submit = document.getElementById("import-submit");
  var maxBytes = parseInt(form.dataset.maxBytes, 10) || 0;
  var maxText = form.dataset.maxText || "";

  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }
  function fail(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    progress.hidden = true;
    submit.disabled = false;
    errorBox.scrollIntoView({ block: "nearest" });
  }

  // a new choice of files clears an old size complaint
  fileInput.addEventListener("change", function () { errorBox.hidden = true; });

  form.addEventListener("submit", function (e) {
    var files = Array.prototype.slice.call(fileInput.files || []);
    var total = new Blob([textArea.value]).size;
    files.forEach(function (f) { total += f.size; });
    if (maxBytes && total > maxBytes) {
      e.preventDefault();
      var biggest = files.slice().sort(function (a, b) { return b.size - a.size; })[0];
      fail("上传内容太大：合计 " + size(total) + "，超过 " + maxText + " 上限" +
        (biggest ? "（其中文件“" + biggest.name + "”有 " + size(biggest.size) + "）" : "") +
        "。请拆分文件后分批导入，或只粘贴需要的表格。已填写的文字和选择的文件都还在。");
      return;
    }
    e.preventDefault();
    errorBox.hidden = true;
    submit.disabled = true;
    progress.hidden = false;
    bar.value = 0;
    label.textContent = files.length ? "正在上传 0%" : "正在识别…";

    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (p) {
      if (!p.lengthComputable) return;
      var pct = Math.floor(p.loaded * 100 / p.total);
      bar.value = pct;
      label.textContent = "正在上传 " + pct + "%（" + size(p.loaded) + " / " + size(p.total) + "）";
    });
    xhr.upload.addEventListener("load", function () {
      bar.removeAttribute("value");  // indeterminate while the server reads the tables
      label.textContent = "正在识别…";
    });
    xhr.addEventListener("load", function () {
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (xhr.status === 413) {
        fail("上传内容太大：超过 " + maxText + " 上限。请拆分文件后分批导入。已填写的文字和选择的文件都还在。");
        return;
      }
      if (type.indexOf("text/html") < 0) { fail("识别失败（" + xhr.status + "），请稍后重试。"); return; }
      // the answer is a whole page (the preview, or this page with the reason): show it in place
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      if (xhr.status !== 200) {
        var reason = doc.getElementById("import-error") || doc.querySelector(".notice.bad");
        fail(reason ? reason.textContent : "识别失败（" + xhr.status + "），请稍后重试。");
        return;
      }
      document.title = doc.title;
      document.body.replaceWith(document.adoptNode(doc.body));
      window.scrollTo(0, 0);
    });
    xhr.addEventListener("error", function () { fail("上传中断：无法连接服务器，请检查网络后重试。已填写的内容都还在。"); });
    xhr.send(new FormData(form));
  });

  // 保存勾选的表 on the preview shown in place: a large import takes seconds to write, so its buttons say
  // so and cannot be pressed twice (the server, too, saves a preview's tables only once).
  document.addEventListener("submit", function (e) {
    if (!e.target || e.target.id !== "save-form") return;
    var ticked = document.querySelectorAll("input[name='keep[]'][form='save-form']:checked").length;
    var buttons = document.querySelectorAll("#save-form button[type='submit'], button[form='save-form']");
    Array.prototype.forEach.call(buttons, function (b) {
      b.disabled = true;
      b.textContent = "正在保存 " + ticked + " 张表…";
    });
  });
})();
