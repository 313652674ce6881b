import Foundation

exit(await BenchmarkCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
