import ArgumentParser
import LienthongVersion

/// `lienthong`: links an agency's shared folders to the national document axis.
@main
struct Lienthong: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lienthong",
        abstract: "Links an agency's shared folders to the national document axis (Trục liên thông văn bản quốc gia).",
        discussion: """
            Clerks drop documents into outbox/<recipient code>/; lienthong signs them, wraps them in edXML, sends \
            them on the axis, and brings documents from other agencies into inbox/. Exit codes: 0 ok, 1 failure, \
            64 usage.
            """,
        version: LienthongVersion.current,
        subcommands: [
            RunCommand.self, CheckConfigCommand.self, StatusCommand.self, ListCommand.self, ShowCommand.self,
            RetryCommand.self, PollCommand.self, SignCommand.self, VerifyCommand.self, DemoCommand.self,
            AnswerCommand.self, ReportCommand.self,
            RevokeCommand.self, UpdateCommand.self, ReplaceCommand.self,
        ]
    )
}
