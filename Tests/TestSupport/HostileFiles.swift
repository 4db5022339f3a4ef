import Foundation

/// Hostile and legacy files for the bad-input tests of OfficeXML and GoalIO, built the same way for both.
public enum HostileFiles {
    /// Writes a zip bomb to argv[1]: `honest` (1 GB declared) or `lying` (sizes declared as 1,000 bytes).
    public static let zipBombScript = #"""
        import sys, zipfile
        out, mode = sys.argv[1], sys.argv[2]
        megabytes = 1024 if mode == "honest" else 300
        rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        book = '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="炸弹" sheetId="1" r:id="rId1"/></sheets></workbook>'
        chunk = b"\0" * (1 << 20)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", book)
            z.writestr("xl/_rels/workbook.xml.rels", rels)
            with z.open("xl/worksheets/sheet1.xml", "w") as f:
                for _ in range(megabytes):
                    f.write(chunk)
        if mode == "lying":
            # Declare 1,000 bytes in both the local header and the central directory.
            data = bytearray(open(out, "rb").read())
            name = b"xl/worksheets/sheet1.xml"
            info = zipfile.ZipFile(out).getinfo(name.decode())
            local = info.header_offset
            data[local + 22: local + 26] = (1000).to_bytes(4, "little")
            index = 0
            while True:
                central = data.find(b"PK\x01\x02", index)
                if central < 0: break
                length = int.from_bytes(data[central + 28: central + 30], "little")
                if bytes(data[central + 46: central + 46 + length]) == name:
                    data[central + 24: central + 28] = (1000).to_bytes(4, "little")
                index = central + 4
            open(out, "wb").write(data)
        """#
}

/// Builds a minimal OLE2 compound file whose directory names the given streams, as .xls, .doc
/// and encrypted OOXML files do.
public enum CompoundFileFixture {
    public static func make(streams: [String]) -> Data {
        var data = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        data.append(Data(count: 512 - 8)) // rest of the header sector
        for name in ["Root Entry"] + streams {
            var entry = Data(count: 128)
            for (index, unit) in name.utf16.prefix(31).enumerated() {
                entry[index * 2] = UInt8(unit & 0xFF)
                entry[index * 2 + 1] = UInt8(unit >> 8)
            }
            entry[64] = UInt8((name.utf16.count + 1) * 2)
            data.append(entry)
        }
        return data
    }
}

/// Word documents of one large table, issue #23's: built as parts for `ZipWriter.data`.
public enum LargeWordTable {
    /// A table of `rows` rows of two cells, the row's number and 培训人数.
    public static func parts(rows: Int) -> [(path: String, data: Data)] {
        var body = "<w:tbl>"
        body.reserveCapacity(rows * 130)
        for i in 0..<rows {
            body += "<w:tr><w:tc><w:p><w:r><w:t>\(i)</w:t></w:r></w:p></w:tc>"
            body += "<w:tc><w:p><w:r><w:t>培训人数</w:t></w:r></w:p></w:tc></w:tr>"
        }
        body += "</w:tbl>"
        let document =
            #"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
            + body + "</w:body></w:document>"
        let types =
            #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
        return [("[Content_Types].xml", Data(types.utf8)), ("word/document.xml", Data(document.utf8))]
    }
}
