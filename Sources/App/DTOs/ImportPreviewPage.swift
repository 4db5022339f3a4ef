/// The 导入预览's body: the save form, the whole file's notes, the first tables in full with each repaired
/// or unreadable cell marked and linked to its note, and one line for each of the rest. Written in Swift
/// (`HTML`) for the reason `TablePage` is: a large paste's preview renders thousands of cells, and Leaf's
/// loop over them was 8 % of the preview's samples (`perf`, `scripts/import-bench.sh`).
extension PageContext.ImportPreview {
    func bodyHTML(_ session: PageSession) -> HTML {
        var out: HTML = """
            <h1>导入预览</h1>
            <p class="lead">从\(source)中识别出 \(total) 张表，自动修复 \(repairs) 处。修复过的单元格以蓝色标出，无法读取的以红色标出，\
            右上角的数字对应下面的处理记录。请核对后勾选要保存的表。</p>
            <form method="post" action="\(save)" class="save-import" id="save-form"><input type="hidden" name="_csrf" value="\(session.csrf)">
              <input type="hidden" name="draft" value="\(draft)">
              <input type="hidden" name="choosing" value="1">
              <button type="submit">保存勾选的表</button> <a href="\(back)">重新导入</a>
            </form>

            """
        if !notes.isEmpty {
            out += """
                <section class="notes">
                  <h2>整份文件的处理记录</h2>
                  <ul class="notes">\(HTML.joined(notes.map(\.html)))</ul>
                </section>

                """
        }
        for t in tables { out += t.html }
        if !others.isEmpty {
            out += """
                <section class="preview-others">
                  <h2>其余 \(others.count) 张表（概况）</h2>
                  <p class="lead">共 \(total) 张表，上面列出前 \(shownInFull) 张的全部内容；以下每张只列概况，保存时按识别结果保存，\
                不需要的请取消勾选。保存后可在各表页面查看和修改。</p>
                  <div class="scroll">
                  <table class="grid">
                    <thead><tr><th>保存</th><th>序号</th><th>表名</th><th>指标行数</th><th>修复</th><th>错误</th><th>警告</th></tr></thead>
                    <tbody>

                """
            for t in others {
                let from: HTML = t.source.map { "（来自\($0)）" } ?? .empty
                out += """
                    <tr><td><input type="checkbox" name="keep[]" value="\(t.index)" form="save-form" checked \
                    aria-label="保存第 \(t.number) 张"></td><td>\(t.number)</td><td>\(t.heading)\(from)</td><td>\(t.indicators)</td>\
                    <td>\(t.repaired)</td><td class="bad">\(t.errors)</td><td class="warn">\(t.warnings)</td></tr>

                    """
            }
            out += "    </tbody>\n  </table>\n  </div>\n</section>\n"
        }
        return out + "<p><button type=\"submit\" form=\"save-form\">保存勾选的表</button></p>\n"
    }
}

extension PageContext.ImportPreview.NoteLine {
    /// One note of the 处理记录, with the id its cells' marks link to.
    var html: HTML { "<li id=\"\(id)\" class=\"\(kind)\"><b>\(kindLabel)</b> \(place)：\(message)</li>" }
}

extension PageContext.ImportPreview.Cell {
    /// A grid cell: its text, and when the reader repaired or could not read it, the mark's colour, the
    /// notes as its title and their numbers linked to them.
    func td(_ cls: String = "", span: Int? = nil) -> HTML {
        let rowspan: HTML = span.map { " rowspan=\"\($0)\"" } ?? .empty
        let title: HTML = mark.has ? " title=\"\(mark.title)\"" : .empty
        let refs = HTML.joined(mark.refs.map { r in "<sup class=\"note-ref\"><a href=\"\(r.href)\">\(r.number)</a></sup>" })
        let classes = [cls, mark.cls].filter { !$0.isEmpty }.joined(separator: " ")
        return "<td\(rowspan) class=\"\(classes)\"\(title)>\(text)\(refs)</td>"
    }
}

extension PageContext.ImportPreview.PreviewTable {
    /// One table in full: the box to keep it, its notes, its header and its grid.
    var html: HTML {
        let from: HTML = source.map { "来自\($0) · " } ?? .empty
        var out: HTML = """
            <section class="preview official">
              <h2><label class="pick"><input type="checkbox" name="keep[]" value="\(index)" form="save-form" checked> 第 \(number) 张：\(heading)</label></h2>
              <p class="meta">\(from)\(indicators) 行指标 · 修复 \(repaired) 处 · <span class="bad">错误 \(errors)</span> · \
            <span class="warn">警告 \(warnings)</span></p>

            """
        if notes.isEmpty {
            out += "  <p class=\"ok\">识别时没有做任何修复。</p>\n"
        } else {
            out += """
                  <details open><summary>识别时的修复与问题（\(notes.count) 条）</summary>
                    <ol class="notes">\(HTML.joined(notes.map(\.html)))</ol>
                  </details>

                """
        }
        let header = HTML.joined(header.map { h in "<tr><th>\(h.label)</th><td>\(h.value)</td></tr>" })
        let columnHeads = HTML.joined(columns.map { c in "<th>\(c)</th>" })
        out += """
              <table class="form-header">\(header)</table>
              <div class="scroll">
              <table class="grid">
                <thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th>\(columnHeads)</tr></thead>
                <tbody>

            """
        for row in rows {
            var cells: HTML = "      <tr>\n        "
            if row.showLevel1 { cells += row.level1.td("merged", span: row.level1Span) }
            if row.showLevel2 { cells += row.level2.td("merged", span: row.level2Span) }
            cells += row.name.td() + row.target.td("target") + HTML.joined(row.cells.map { $0.td() })
            out += cells + "\n      </tr>\n"
        }
        return out + "    </tbody>\n  </table>\n  </div>\n</section>\n"
    }
}
