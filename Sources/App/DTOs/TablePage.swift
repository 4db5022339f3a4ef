/// The table page's body (表格 tab): the tabs, the 流程 panel, the check's counts, the warnings beside the
/// form, the printed form and the audit trail. Written in Swift (`HTML`), not Leaf, because this is
/// the page a province reads most; `base.leaf` still lays out the page around it (`Request.page(body:)`).
/// The printed form and the trail arrive rendered (`RenderedParts`, `AuditTrailPart`).
extension PageContext.Table {
    func bodyHTML(_ session: PageSession) -> HTML {
        let edit: HTML = session.canImport ? "<a href=\"\(links.edit)\">编辑</a>" : .empty
        var out: HTML = """
            <nav class="tabs"><a class="current" href="\(links.view)">表格</a>\(edit)<a href="\(links.selfEvaluation)">自评</a>\
            <a href="\(links.export)">导出</a></nav>

            """
        if let workflow { out += workflow.html(csrf: session.csrf) }
        out += """
            <p class="meta">状态：\(summary.statusLabel) · 第 \(summary.version) 版 · 检查：<span class="bad">错误 \(errors)</span> · \
            <span class="warn">警告 \(warnings)</span> · 提示 \(hints) · 自评：\(score)</p>

            """
        if !monitoringWarnings.isEmpty {
            let items = HTML.joined(monitoringWarnings.map { w in "<li class=\"warning\"><b>警告</b> \(w)</li>" })
            out += "<ul class=\"findings table-wide\" id=\"monitoring-warnings\">\(items)</ul>\n"
        }
        if !historyFindings.isEmpty {
            let items = HTML.joined(
                historyFindings.map { f in
                    let fix: HTML = f.suggestion.map { " <span class=\"fix\">建议：\($0)</span>" } ?? .empty
                    return "<li class=\"\(f.severity)\"><b>\(f.severityLabel)</b> \(f.message)\(fix) <code>\(f.code)</code></li>"
                })
            out += """
                <section class="history-findings" id="history-findings"><h2>与上年和其他单位对照</h2>\
                <ul class="findings table-wide">\(items)</ul></section>

                """
        }
        out += HTML(trusted: official ?? "") + "\n" + HTML(trusted: trail ?? "") + "\n"
        if workflow?.canDelete == true {
            out += """
                <p class="danger-zone"><button type="button" id="delete" data-api="\(links.api)?version=\(summary.version)" \
                data-home="\(nav.home)">删除此表</button> <span id="delete-status" role="status"></span></p>

                """
        }
        return out + "<script src=\"/js/table.js\"></script>\n"
    }
}

extension WorkflowPanel {
    /// The 流程 panel: state, notices, the year links, and one form per action this account can take now
    /// (each with the CSRF token and the version it was shown at), or why an action cannot be taken yet.
    func html(csrf: String) -> HTML {
        func notice(_ text: String?, id: String, label: String) -> HTML {
            guard let text, !text.isEmpty else { return .empty }
            return "  <p class=\"notice\" id=\"\(id)\"><b>\(label)</b>：\(text)</p>\n"
        }
        var out: HTML = """
            <section class="workflow" id="workflow">
              <p class="workflow-status"><b>流程</b> · 目标表状态：<b>\(status)</b>
            """
        if let evaluationStatus, !evaluationStatus.isEmpty { out += " · 自评状态：<b>\(evaluationStatus)</b>" }
        out += " · 第 \(version) 版\n  "
        if let compare, !compare.isEmpty { out += " · 这是一次调整：<a href=\"\(compare)\">与已批复版本对照</a>" }
        out += "</p>\n" + notice(adjustmentReason, id: "adjustment-reason", label: "调整理由")
        if headConfirmation {
            out += "  <p class=\"hint\" id=\"head-confirmation\">本单位要求：提交后先由单位负责人确认，确认后才进入业务股室审核。</p>\n"
        }
        if let returnComment, !returnComment.isEmpty {
            out += "  <p class=\"notice bad\" id=\"return-comment\">\(returnWhat)，意见：\(returnComment)</p>\n"
        }
        if let editNote, !editNote.isEmpty { out += "  <p class=\"hint\">\(editNote)</p>\n" }
        for b in blocked {
            let missing = HTML.joined(b.missing.map { m in "<li>\(m)</li>" })
            let more: HTML = b.more > 0 ? "<li>……另有 \(b.more) 处</li>" : .empty
            out += """
                  <div class="notice warn blocked-action" id="blocked-\(b.label)">
                    <p><b>还不能\(b.label)</b>：\(b.why)，<a href="\(b.fix)">\(b.fixLabel)</a>后再\(b.label)。</p>
                    <ul>\(missing)\(more)</ul>
                  </div>

                """
        }
        if let from = carriedFrom {
            out += """
                  <p class="notice" id="carried-from"><a href="\(from.href)">\(from.text)</a> · <a href="\(from.compare)">与上年对比</a></p>

                """
        }
        if let to = carriedTo {
            out += """
                  <p class="notice" id="carried-to"><a href="\(to.href)">\(to.text)</a> · <a href="\(to.compare)">与下一年对比</a></p>

                """
        }
        if let carry {
            out += """
                  <form method="post" action="\(carry.href)" class="action carry" id="carry-forward">
                    <input type="hidden" name="_csrf" value="\(csrf)">
                    <button type="submit">结转到\(carry.nextYear)年度</button>
                    <span class="hint">生成\(carry.nextYear)年度草稿：指标照搬并与本表逐项关联，上年完成值取本表自评实际完成值（未自评的取监控预计值，标“预计”）</span>
                  </form>

                """
        }
        if let open = openAdjustment {
            out += "  <p class=\"notice\" id=\"open-adjustment\"><b>调整</b>：<a href=\"\(open.href)\">\(open.text)</a></p>\n"
        }
        if !actions.isEmpty {
            let forms = HTML.joined(actions.map { $0.html(csrf: csrf, version: version) })
            out += "  <div class=\"actions\">\n\(forms)  </div>\n"
        } else if nothingToDo {
            out += "  <p class=\"hint\">您当前没有可执行的流程操作。</p>\n"
        }
        return out + "</section>\n"
    }
}

extension WorkflowPanel.ActionButton {
    /// One action's form: what the action requires (a comment, a reason, the 批复文号, having read the
    /// warnings) is a required field, so the browser asks before the server refuses.
    func html(csrf: String, version: Int) -> HTML {
        var fields: HTML = .empty
        if needsComment {
            fields += "      <label>\(label)意见（必填）<textarea name=\"comment\" rows=\"2\" required></textarea></label>\n"
        }
        if needsReason {
            fields += """
                      <label>调整理由（必填）<textarea name="comment" rows="2" required placeholder="为什么要调整已批复的绩效目标"></textarea></label>

                """
        }
        if needsApproval {
            fields += """
                      <label>批复文号（必填）<input name="approvalNumber" required placeholder="如 某财预〔2026〕12号"></label>\
                <label>批复日期<input name="approvalDate" type="date" value="\(today)" required></label>

                """
        }
        if warnings > 0 {
            fields += """
                      <label class="ack"><input type="checkbox" name="acknowledgeWarnings" required> 已阅读 \(warnings) 条警告，确认提交</label>

                """
        }
        let danger: HTML = self.danger ? " danger" : .empty
        return """
                <form method="post" action="\(href)" class="action\(danger)">
                  <input type="hidden" name="_csrf" value="\(csrf)">
                  <input type="hidden" name="version" value="\(version)">
            \(fields)      <button type="submit">\(label)</button>
                </form>

            """
    }
}
