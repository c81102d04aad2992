// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Jiansuo",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Jiansuo", targets: ["Jiansuo"]),
        .executable(name: "jiansuo", targets: ["jiansuo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Opens .docx files, which are ZIP archives of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
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
        .target(
            name: "Jiansuo",
            dependencies: ["CICU", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .executableTarget(
            name: "jiansuo",
            dependencies: [
                "Jiansuo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "JiansuoTests",
            dependencies: ["Jiansuo", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
