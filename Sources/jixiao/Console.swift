import ArgumentParser
import Foundation
import GoalCore
import GoalIO
import OfficeXML

/// Standard error output for people: Chinese messages, one per line.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Reads the INPUT argument every command takes: a path or `-` for standard input.
enum InputLoader {
    /// The most a command reads from one input (a goal-table file is kilobytes; this stops a runaway pipe).
    static let maxBytes = 256 << 20

    /// The input's bytes and its file name (empty for standard input), checked for size.
    static func bytes(_ input: String) throws -> (data: Data, name: String) {
        try reporting { () throws(ImportError) in
            if input == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                if data.count > maxBytes { throw ImportError("输入超过 256 MB，已停止读取。") }
                return (data, "")
            }
            let url = URL(fileURLWithPath: input)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
                throw ImportError("找不到文件“\(input)”。")
            }
            if isDir.boolValue { throw ImportError("“\(input)”是文件夹，请指定一个文件。") }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            if size > maxBytes { throw ImportError("文件“\(input)”超过 256 MB，不像是绩效目标表，已停止读取。") }
            return (try DocumentReader.bytes(contentsOf: url), url.lastPathComponent)
        }
    }

    /// An `ImportError` printed in Chinese, and the command ended with exit code 1.
    static func reporting<T>(_ body: () throws(ImportError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Console.error("错误：\(error.message)")
            throw ExitCode(1)
        }
    }
}

/// Writes a command's result to a file or standard output.
enum OutputWriter {
    static func write(_ data: Data, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try FileOutput.write(data, to: URL(fileURLWithPath: path))
        } catch let error as OfficeError {
            // a refused write names the file and the reason already; another failure is named here
            guard case .cannotWrite = error else {
                Console.error("错误：无法写入“\(path)”：\(error.message)")
                throw ExitCode(1)
            }
            Console.error("错误：\(error.message)")
            throw ExitCode(1)
        } catch {
            Console.error("错误：无法写入“\(path)”：\(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}

/// Prints import notes to standard error, grouped by kind.
enum NotePrinter {
    static func print(_ notes: [ImportNote], source: String) {
        let label: [ImportNote.Kind: String] = [.repaired: "已修复", .unreadable: "未能读取", .skipped: "已跳过"]
        for n in notes {
            let place = n.location.table.map { "第\($0 + 1)张表 " } ?? ""
            // A note read from a workbook names its cell too, where the column is known.
            let cell = n.location.sheet.flatMap { sheet in n.location.cell.map { "（\(sheet)!\($0)）" } } ?? ""
            Console.error("\(label[n.kind] ?? "")：\(place)\(n.message)\(cell)")
        }
    }
}
