// swift-tools-version: 6.0
import PackageDescription

/// lienthong: connects an agency's shared folders to the national document axis.
///
/// Modules follow the pipeline (see ../shared/docs/style.md): the folder tree is the architecture diagram.
/// Dependencies point one way: pipelines use the building blocks; nothing uses the command line.
let package = Package(
    name: "lienthong",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lienthong", targets: ["LienthongCommand"]),
        .executable(name: "lienthong-axis", targets: ["LienthongAxisCommand"]),
        .executable(name: "lienthong-bench", targets: ["LienthongBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // One HTTP stack for the simulator and the status page: Hummingbird 2 on SwiftNIO, TLS through NIOSSL.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // The status page's metrics API and Prometheus exposition.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        // C libraries, wrapped once each.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .target(name: "CLinux"),
        // PKCS#11 (the OASIS header from p11-kit); nothing is linked: token modules are loaded with dlopen.
        .systemLibrary(name: "CPKCS11", providers: [.apt(["libp11-kit-dev"])]),

        // Building blocks.
        // The version string, in one place (debian/rules checks debian/changelog against it).
        .target(name: "LienthongVersion"),
        .target(name: "SystemSupport", dependencies: ["CLinux"]),
        .target(name: "CryptoPrimitives", dependencies: ["COpenSSL"]),
        .target(
            name: "Signing", dependencies: ["COpenSSL", "CPKCS11", "CryptoPrimitives", "SystemSupport"],
            // zlib inflates PDF xref and object streams.
            linkerSettings: [.linkedLibrary("z")]),
        .target(
            name: "EdXML",
            dependencies: [
                "CryptoPrimitives", "SystemSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(name: "AxisProtocol", dependencies: ["CryptoPrimitives"]),
        .target(
            name: "AxisClient",
            dependencies: [
                "CCurl", "AxisProtocol", "SystemSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "FolderWatch", dependencies: ["CLinux", "SystemSupport"]),
        .target(
            name: "Config",
            dependencies: ["SystemSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "StateStore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "Systemd",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),

        // Pipelines.
        .target(
            name: "Outbound",
            dependencies: [
                "AxisClient", "Config", "CryptoPrimitives", "EdXML", "FolderWatch", "Signing", "StateStore",
                "SystemSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Inbound",
            dependencies: [
                "AxisClient", "Config", "CryptoPrimitives", "EdXML", "Signing", "StateStore", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Daemon",
            dependencies: [
                "Config", "EdXML", "Inbound", "Outbound", "StateStore", "Systemd", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The loopback status page: `/`, `/api/status` and `/metrics`, renderings of the daemon's one status model.
        .target(
            name: "StatusPage",
            dependencies: [
                "Config", "Daemon", "LienthongVersion", "StateStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // The local stand-in for the national axis.
        .target(
            name: "AxisSimulator",
            dependencies: [
                "AxisProtocol", "COpenSSL", "CryptoPrimitives", "EdXML", "SystemSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // Executables.
        .executableTarget(
            name: "LienthongCommand",
            dependencies: [
                "AxisClient", "AxisProtocol", "Config", "Daemon", "EdXML", "LienthongVersion", "Outbound", "Signing",
                "StateStore", "StatusPage", "Systemd", "SystemSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "LienthongAxisCommand",
            dependencies: [
                "AxisSimulator", "LienthongVersion", "Systemd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Benchmarks print figures (memory, throughput); targets live here, never in timed unit tests.
        .executableTarget(
            name: "LienthongBenchmarks",
            dependencies: [
                "AxisClient", "AxisProtocol", "AxisSimulator", "CryptoPrimitives", "EdXML", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Tests mirror the modules; IntegrationTests run the real binaries on loopback.
        .testTarget(name: "SystemSupportTests", dependencies: ["SystemSupport"]),
        .testTarget(name: "CryptoPrimitivesTests", dependencies: ["CryptoPrimitives"]),
        .testTarget(name: "SigningTests", dependencies: ["Signing", "CryptoPrimitives"]),
        .testTarget(name: "EdXMLTests", dependencies: ["CryptoPrimitives", "EdXML", "SystemSupport"]),
        .testTarget(name: "AxisProtocolTests", dependencies: ["AxisProtocol"]),
        .testTarget(
            name: "AxisClientTests",
            dependencies: ["AxisClient", "AxisProtocol", "AxisSimulator", "EdXML", "SystemSupport"]),
        .testTarget(name: "FolderWatchTests", dependencies: ["FolderWatch", "Config", "SystemSupport", "CLinux"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config"]),
        .testTarget(name: "StateStoreTests", dependencies: ["StateStore"]),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd"]),
        .testTarget(
            name: "OutboundTests",
            dependencies: [
                "Outbound", "AxisProtocol", "Config", "EdXML", "FolderWatch", "Signing", "StateStore", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "InboundTests",
            dependencies: [
                "Inbound", "AxisProtocol", "Config", "EdXML", "Signing", "StateStore", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "StatusPageTests",
            dependencies: [
                "StatusPage", "Config", "Daemon", "StateStore",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),
        .testTarget(name: "AxisSimulatorTests", dependencies: ["AxisSimulator", "AxisProtocol", "EdXML"]),
        .testTarget(name: "IntegrationTests", dependencies: ["LienthongVersion"]),
    ],
    swiftLanguageModes: [.v6]
)
