// swift-tools-version:6.0
import PackageDescription

// Dependencies point inward: jixiao (CLI) → GoalIO → OfficeXML, and everything → GoalCore.
// GoalCheck and GoalScoring are pure domain modules beside GoalCore (see docs/ARCHITECTURE.md).
let package = Package(
    name: "Jixiao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jixiao", targets: ["jixiao"]),
        .library(name: "GoalCore", targets: ["GoalCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "GoalCore"),
        .target(name: "GoalCheck", dependencies: ["GoalCore"]),
        .target(name: "GoalScoring", dependencies: ["GoalCore"]),
        .target(name: "OfficeXML", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "GoalIO", dependencies: ["GoalCore", "OfficeXML"]),
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "GoalCore", "GoalCheck", "GoalScoring", "GoalIO", "OfficeXML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "jixiao-bench",
            dependencies: ["GoalCore", "GoalCheck", "GoalScoring", "GoalIO", "OfficeXML"]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GoalCoreTests", dependencies: ["GoalCore", "TestSupport"]),
        .testTarget(name: "GoalCheckTests", dependencies: ["GoalCheck", "GoalIO", "TestSupport"]),
        .testTarget(name: "GoalScoringTests", dependencies: ["GoalScoring", "GoalIO", "TestSupport"]),
        .testTarget(name: "OfficeXMLTests", dependencies: ["OfficeXML", "TestSupport"]),
        .testTarget(name: "GoalIOTests", dependencies: ["GoalIO", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["jixiao", "OfficeXML", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
