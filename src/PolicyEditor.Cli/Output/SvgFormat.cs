using System.ComponentModel;
using System.Diagnostics;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary><c>-o svg</c>: the DOT graph drawn by Graphviz's <c>dot</c>, which must be installed (the message says how when it is not).</summary>
internal sealed class SvgFormat : OutputFormat
{
    public override string Name => "svg";

    public override void WriteConnections(IReadOnlyList<ConnectionLine> lines, CliContext context) => Draw(DotFormat.Connections(lines), context);

    public override void WriteChanges(IReadOnlyList<ConnectionChange> changes, bool explained, CliContext context) => Draw(DotFormat.Changes(changes, explained), context);

    private static void Draw(string dot, CliContext context)
    {
        var program = context.FindProgram("dot") ?? throw new InputException(
            "-o svg draws the graph with Graphviz's 'dot' program, which is not installed: install the 'graphviz' package (apt-get install graphviz, dnf install graphviz, brew install graphviz, choco install graphviz), or write -o dot and draw it elsewhere.");
        var start = new ProcessStartInfo(program, ["-Tsvg"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start) ?? throw new InputException($"'{program}' could not be started.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InputException($"Graphviz's dot failed (exit code {process.ExitCode}): {stderr.Result.Trim()}");
            }

            context.Output.Write(stdout.Result);
        }
        catch (Win32Exception e)
        {
            throw new InputException($"'{program}' could not be started: {e.Message}");
        }
    }
}
