// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Jiansuo",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Jiansuo", targets: ["Jiansuo"]),
        .executable(name: "jiansuo", targets: ["jiansuo"]),
        .executable(name: "jiansuo-server", targets: ["jiansuo-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Tests only: builds the .docx fixtures. The library reads ZIP archives itself with
        // zlib, which keeps Foundation (~9 ms of start-up per command) out of the CLI.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // Documentation only: `swift package generate-documentation --target Jiansuo`
        // builds the DocC catalog in Sources/Jiansuo/Jiansuo.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The web app and HTTP API (`jiansuo serve`). Only JiansuoServer and its executable
        // link it: Hummingbird brings Foundation and NIO, whose loading would slow every command.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // The system ICU (libicu-dev), located with pkg-config. Only CICU links against it.
        .systemLibrary(
            name: "ICUSystem",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev", "pkg-config"])]
        ),
        // A small C shim: the only code that calls ICU. Debian renames every ICU symbol by
        // version (ubrk_open → ubrk_open_72) through header macros Swift cannot import.
        .target(name: "CICU", dependencies: ["ICUSystem"]),
        // The system zlib (zlib1g-dev), which inflates the parts of .docx archives.
        .systemLibrary(name: "CSystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The system zstd (libzstd-dev), which compresses the stored text in blocks.
        .systemLibrary(name: "CSystemZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // glibc's <malloc.h>: the writer returns a written segment's buffer to the system
        // (`malloc_trim`), and the CLI tunes the allocator while it indexes (`mallopt`).
        .systemLibrary(name: "CGlibcMalloc"),
        .target(name: "Jiansuo", dependencies: ["CICU", "CSystemZlib", "CSystemZstd", "CGlibcMalloc"]),
        .executableTarget(
            name: "jiansuo",
            dependencies: [
                "Jiansuo", "CGlibcMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime linked in: a command-line search is a short process, and
            // loading and relocating a dozen shared Swift libraries was 3 of its 34 ms
            // (docs/BENCHMARKS.md). Argument parsing brings FoundationEssentials, whose two
            // support libraries `-static-stdlib` alone does not name. Release builds only:
            // the sanitizer builds (debug) link the runtime as usual, as do the library and
            // the server.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims"], .when(platforms: [.linux], configuration: .release))]
        ),
        // The web app and JSON API over the library; `jiansuo serve` runs its executable.
        .target(
            name: "JiansuoServer",
            dependencies: ["Jiansuo", .product(name: "Hummingbird", package: "hummingbird")],
            resources: [.embedInCode("Web/index.html"), .embedInCode("Web/app.css"), .embedInCode("Web/app.js")]
        ),
        .executableTarget(
            name: "jiansuo-server",
            dependencies: [
                "JiansuoServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark program: `swift build -c release && swift run -c release jiansuo-bench FOLDER…`
        .executableTarget(
            name: "jiansuo-bench",
            dependencies: [
                "Jiansuo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/jiansuo-bench"
        ),
        // Tests by kind, each runnable alone (`swift test --filter JiansuoOracleTests`):
        // unit tests of each part, oracles (results against brute-force scans), the CLI as
        // users see it (golden output), and robustness (crashes, power loss, damaged files,
        // hostile inputs). They share JiansuoTestSupport: paths, the CLI runner, generated
        // reports, the scanning oracle.
        .target(name: "JiansuoTestSupport", dependencies: ["Jiansuo"], path: "Tests/JiansuoTestSupport"),
        .testTarget(
            name: "JiansuoTests",
            dependencies: ["Jiansuo", "JiansuoTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "JiansuoOracleTests", dependencies: ["Jiansuo", "JiansuoTestSupport"]),
        .testTarget(name: "JiansuoCLITests", dependencies: ["Jiansuo", "JiansuoTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "JiansuoRobustnessTests", dependencies: ["Jiansuo", "JiansuoTestSupport"]),
        .testTarget(
            name: "JiansuoServerTests",
            dependencies: [
                "JiansuoServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
