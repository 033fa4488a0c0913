import MSearchCLI

MSearchCommand.main(arguments: Array(CommandLine.arguments.dropFirst()))
