using PolicyEditor.Cli.Commands;

namespace PolicyEditor.Cli;

/// <summary>The <c>policyeditor</c> command line: dispatches to a command and turns user errors into messages and exit codes.</summary>
public static class Cli
{
    /// <summary>Every command, in the order the usage lists them.</summary>
    private static readonly IReadOnlyList<CommandSpec> Commands =
    [
        ListCommand.Spec, DiffCommand.Spec, ExplainCommand.Spec, CheckCommand.Spec, LintCommand.Spec, PostureCommand.Spec,
        GenerateCommand.Spec, FlowsCommand.Spec, BenchCommand.Spec, TutorialCommand.Spec, IntentsCommand.Spec, ExposureCommand.Spec,
    ];

    /// <summary>Runs a command line with the process's standard input; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, CliContext.ForProcess(output, error));

    /// <summary>Runs a command line in a context (tests give their own standard input and PATH).</summary>
    internal static int Run(string[] args, CliContext context)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            context.Output.WriteLine(Usage());
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        try
        {
            var command = Commands.FirstOrDefault(c => c.Name == args[0]) ?? throw new UsageException($"unknown command '{args[0]}'.");
            if (args.Skip(1).Any(a => a is "-h" or "--help"))
            {
                context.Output.WriteLine(command.Help());
                return ExitCodes.Success;
            }

            var line = CommandLine.Parse(command.Name, args[1..], command.Options, command.MaxWords);
            return command.Run(line, context);
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"policyeditor: {e.Message}");
            context.Error.WriteLine($"Run 'policyeditor {(Commands.Any(c => c.Name == args[0]) ? args[0] + " " : string.Empty)}--help' for usage.");
            return ExitCodes.Usage;
        }
        catch (InputException e)
        {
            context.Error.WriteLine($"policyeditor: {e.Message}");
            return ExitCodes.InputFailed;
        }
    }

    private static string Usage()
    {
        var width = Commands.Max(c => c.Name.Length);
        var lines = new List<string> { "policyeditor: understand, test and change Kubernetes network policy.", string.Empty, "Commands:" };
        lines.AddRange(Commands.Select(c => $"  {c.Name.PadRight(width)}  {c.Summary}"));
        lines.Add(string.Empty);
        lines.Add("Input: -f FILE|DIR|ARCHIVE|- (repeatable; - reads standard input), or a live cluster with --kubeconfig PATH [--context NAME] [--namespace NS].");
        lines.Add("Run 'policyeditor COMMAND --help' for a command's options.");
        lines.Add(string.Empty);
        lines.Add(ExitCodes.Explained);
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>The input cannot be analysed; the message says why.</summary>
internal sealed class InputException(string message) : Exception(message);
