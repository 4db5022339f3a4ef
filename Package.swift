// swift-tools-version:6.0
import PackageDescription

// Dependencies point inward: jixiao (CLI) → GoalIO → OfficeXML, and everything → GoalCore.
// GoalCheck, GoalScoring and GoalMonitoring are pure domain modules beside GoalCore (see docs/ARCHITECTURE.md).
let package = Package(
    name: "Jixiao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jixiao", targets: ["jixiao"]),
        .library(name: "GoalCore", targets: ["GoalCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        // used by App directly (event-loop types, thread pool, raw SQL), so declared, not borrowed from Vapor's
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        // the busiest reads as PostgreSQL prepared statements (Sources/App/Services/PreparedRead.swift)
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // /metrics in Prometheus text format (see Sources/App/Services/Observability)
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // CSV reading for CSVKit: one parser for every CSV the project reads
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
    ],
    targets: [
        .target(name: "GoalCore"),
        // The project's one CSV module: reading through SwiftCSV, writing with one formula-defusing rule.
        // Pure: no web, no database, so GoalIO and GoalScoring may depend on it.
        .target(name: "CSVKit", dependencies: [.product(name: "SwiftCSV", package: "SwiftCSV")]),
        .target(name: "GoalCheck", dependencies: ["GoalCore"]),
        .target(name: "GoalScoring", dependencies: ["GoalCore", "CSVKit"]),
        // The year's phases as state machines: who may do what, when, what it signs (no web, no database).
        .target(name: "GoalWorkflow", dependencies: ["GoalCore"]),
        // 运行监控: the monitoring form's values, the warning lights and their profiles (no web, no database).
        .target(name: "GoalMonitoring", dependencies: ["GoalCore", "GoalScoring"]),
        // 指标库: entries grouped from approved tables, their statistics, search and suggestions (no web, no database).
        .target(name: "GoalLibrary", dependencies: ["GoalCore"]),
        // 总览的图: bars, stacked bars, histogram, scatter, light matrix as small SVG, each with its table (no web, no database).
        .target(name: "GoalCharts"),
        // zlib itself, for inflating uploaded packages under our own bounds and deflating the packages
        // we write (OfficeXML/Zip).
        .systemLibrary(name: "CJixiaoZlib", pkgConfig: "zlib"),
        .target(name: "OfficeXML", dependencies: ["CJixiaoZlib"]),
        .target(
            name: "GoalIO",
            dependencies: ["GoalCore", "GoalScoring", "GoalMonitoring", "GoalLibrary", "GoalCharts", "OfficeXML", "CSVKit"]),
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "GoalCore", "GoalCheck", "GoalScoring", "GoalMonitoring", "GoalWorkflow", "GoalIO", "OfficeXML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "jixiao-bench",
            dependencies: ["GoalCore", "GoalCheck", "GoalScoring", "GoalMonitoring", "GoalLibrary", "GoalIO", "OfficeXML"]
        ),
        // The web application: Vapor + Fluent + Leaf. Calls GoalIO/GoalCheck/GoalScoring, never the other way.
        .target(
            name: "App",
            dependencies: [
                "GoalCore", "GoalCheck", "GoalScoring", "GoalWorkflow", "GoalMonitoring", "GoalLibrary", "GoalIO", "OfficeXML",
                "CSVKit", "GoalCharts", .product(name: "Vapor", package: "vapor"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
            ]
        ),
        .executableTarget(
            name: "jixiao-server",
            dependencies: [
                "App", .product(name: "Vapor", package: "vapor"),
                // the entry point makes NIO's event loops Swift concurrency's executor
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CSVKitTests", dependencies: ["CSVKit"]),
        .testTarget(name: "GoalCoreTests", dependencies: ["GoalCore", "TestSupport"]),
        .testTarget(name: "GoalCheckTests", dependencies: ["GoalCheck", "GoalCore", "GoalIO", "TestSupport"]),
        .testTarget(name: "GoalScoringTests", dependencies: ["GoalScoring", "GoalCore", "GoalIO", "TestSupport"]),
        .testTarget(name: "GoalWorkflowTests", dependencies: ["GoalWorkflow", "GoalCore"]),
        .testTarget(name: "GoalLibraryTests", dependencies: ["GoalLibrary", "GoalCore", "GoalIO", "OfficeXML", "TestSupport"]),
        .testTarget(name: "GoalMonitoringTests", dependencies: ["GoalMonitoring", "GoalCore", "GoalScoring"]),
        .testTarget(name: "GoalChartsTests", dependencies: ["GoalCharts"]),
        .testTarget(name: "OfficeXMLTests", dependencies: ["OfficeXML", "TestSupport"]),
        .testTarget(
            name: "GoalIOTests",
            dependencies: ["GoalIO", "GoalCore", "GoalScoring", "GoalMonitoring", "GoalCharts", "OfficeXML", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["jixiao", "GoalCore", "OfficeXML", "TestSupport"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "GoalCore", "GoalIO", "GoalWorkflow", "GoalMonitoring", "OfficeXML", "TestSupport", "CSVKit",
                .product(name: "VaporTesting", package: "vapor"),
                // `HTMLTests` checks the page's escaping against Leaf's own
                .product(name: "Leaf", package: "leaf"),
                // imported by the tests themselves (raw SQL, the database, event-loop types), so declared
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
