import Foundation
import TestSupport
import Testing
@testable import App

@Suite("启动配置")
struct ConfigTests {
    let root = SharedFiles.packageRoot.path

    @Test("默认：SQLite 在 ./data 下，示例数据取自 ../shared/seeds，上限 10 MB")
    func defaults() throws {
        let c = try AppConfig.fromEnvironment([:], currentDirectory: root)
        #expect(c.database == .sqliteFile(root + "/data/jixiao.sqlite"))
        #expect(c.seedDirectory == root + "/../shared/seeds")
        #expect(c.maxBodyBytes == 10 * 1024 * 1024)
        #expect(c.poolPerLoop == 1)
    }

    @Test("JIXIAO_DB_POOL：每个事件循环的数据库连接数；PostgreSQL 默认 4，写错时说明范围")
    func databasePool() throws {
        let pg = try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://u@127.0.0.1:5432/db"], currentDirectory: root)
        #expect(pg.poolPerLoop == 4)
        let set = try AppConfig.fromEnvironment(
            ["DATABASE_URL": "postgres://u@127.0.0.1:5432/db", "JIXIAO_DB_POOL": "8"],
            currentDirectory: root)
        #expect(set.poolPerLoop == 8)
        #expect {
            try AppConfig.fromEnvironment(["JIXIAO_DB_POOL": "0"], currentDirectory: root)
        } throws: { "\($0)".contains("JIXIAO_DB_POOL：应为 1 到 64 的整数") }
    }

    @Test("JIXIAO_MAX_EVIDENCE_MB：一个佐证材料文件的上限，默认 8 MB；写错时说明")
    func evidenceLimit() throws {
        #expect(try AppConfig.fromEnvironment([:], currentDirectory: root).maxEvidenceBytes == 8 * 1024 * 1024)
        let set = try AppConfig.fromEnvironment(["JIXIAO_MAX_EVIDENCE_MB": "20"], currentDirectory: root)
        #expect(set.maxEvidenceBytes == 20 * 1024 * 1024)
        #expect {
            try AppConfig.fromEnvironment(["JIXIAO_MAX_EVIDENCE_MB": "八"], currentDirectory: root)
        } throws: { "\($0)".contains("JIXIAO_MAX_EVIDENCE_MB：应为正整数") }
    }

    @Test("DATABASE_URL 选择 PostgreSQL；JIXIAO_SEEDS=none 表示空库启动")
    func postgresAndNoSeeds() throws {
        let c = try AppConfig.fromEnvironment(
            ["DATABASE_URL": "postgres://u@127.0.0.1:5432/db", "JIXIAO_SEEDS": "none", "JIXIAO_SQLITE": "/x/y.sqlite"],
            currentDirectory: root)
        #expect(c.database == .postgres("postgres://u@127.0.0.1:5432/db"))
        #expect(c.seedDirectory == nil)
    }

    @Test("配置有误时一次列出全部问题，用中文说明")
    func problemsListedTogether() {
        #expect {
            try AppConfig.fromEnvironment(
                ["DATABASE_URL": "mysql://x", "JIXIAO_MAX_BODY_MB": "很多"], currentDirectory: "/nonexistent")
        } throws: { error in
            let text = "\(error)"
            return text.contains("Resources/Views") && text.contains("DATABASE_URL") && text.contains("JIXIAO_MAX_BODY_MB")
                && text.contains("服务器配置有误")
        }
    }
}
