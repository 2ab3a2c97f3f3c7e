using PolicyEditor.Cli.Commands;

namespace PolicyEditor.Cli;

/// <summary>The <c>policyeditor</c> command line: dispatches to a command and turns user errors into messages and exit codes.</summary>
public static class Cli
{
    private const string Usage = """
        policyeditor: understand and change Kubernetes network policy.

        Commands:
          list     --dirpath DIR [--output txt|json]                 every allowed connection
          diff     --dir1 BEFORE --dir2 AFTER [--output txt|json]    how connectivity changed
          explain  --dirpath DIR --source PEER --destination PEER --port N [--protocol TCP|UDP|SCTP]
                   why one connection is allowed or denied (PEER: ns/name, ns/name[Kind], an IP address, or {ingress-controller})
          generate --profile S0|MED|OCP|REAL|XL --out DIR [--seed N]    write a synthetic cluster as manifests
          bench    --profile NAME [--seed N] [--runs N] [--verify]      measure the engine on a synthetic cluster
          bench    --hostile [--runs N]                                   measure the loader on hostile input (bad documents, alias amplification, archive bombs)
          tutorial check DIR [--samples DIR]    check lesson files: each step's goal fails at its start and holds after its solution

        Exit codes: 0 success, 1 the input could not be analysed, 2 wrong usage.
        """;

    /// <summary>Runs a command line; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var line = CommandLine.Parse(args);
            return line.Command switch
            {
                "list" => ListCommand.Run(line, output, error),
                "diff" => DiffCommand.Run(line, output, error),
                "explain" => ExplainCommand.Run(line, output, error),
                "generate" => GenerateCommand.Run(line, output, error),
                "bench" => BenchCommand.Run(line, output, error),
                "tutorial" => TutorialCommand.Run(line, output, error),

                _ => throw new UsageException($"unknown command '{line.Command}'."),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"policyeditor: {e.Message}");
            error.WriteLine("Run 'policyeditor --help' for usage.");
            return 2;
        }
        catch (InputException e)
        {
            error.WriteLine($"policyeditor: {e.Message}");
            return 1;
        }
    }
}

/// <summary>The input cannot be analysed; the message says why.</summary>
internal sealed class InputException(string message) : Exception(message);
