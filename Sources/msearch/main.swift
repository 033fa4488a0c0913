import MSearchCLI

MSearchCommand.main(arguments: CommandLineArguments.fromArgv())
