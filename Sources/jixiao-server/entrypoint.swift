import App
import Foundation
import NIOCore
import NIOPosix
import Vapor

/// Runs the web application: configuration from the environment (see `AppConfig.fromEnvironment`), then Vapor.
@main
enum Entrypoint {
    static func main() async throws {
        // Swift concurrency's tasks run on NIO's event loops, so a handler's awaits do not hop between
        // two thread pools. First, before any other async work, as NIO requires. Nothing here blocks an
        // event loop with `.wait()`, which this would turn into a crash.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        var config: AppConfig
        do {
            config = try AppConfig.fromEnvironment()
            // maintenance commands work on the data as it is: demo accounts and seed tables are never added
            // first (an empty database must stay empty for `import`, a backup must hold only real data)
            if let command = CommandLine.arguments.dropFirst().first, AppConfig.maintenanceCommands.contains(command) {
                config.demo = false
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(2)
        }
        let app = try await Application.make(env)
        do {
            try await configure(app, config)
            try await app.execute()
        } catch {
            // a command's refusal (already printed in Chinese) ends with exit 1, not a crash report
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            exit(1)
        }
        try await app.asyncShutdown()
    }
}
