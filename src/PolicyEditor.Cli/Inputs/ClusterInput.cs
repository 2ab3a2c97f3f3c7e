using PolicyEditor.LiveCluster;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Cli.Inputs;

/// <summary>A live cluster as a command's input (<c>--kubeconfig</c>, <c>--context</c>, <c>--namespace</c>), read with progress on standard error.</summary>
internal static class ClusterInput
{
    /// <summary>Reads the cluster the command line names.</summary>
    public static LoadResult Load(CommandLine line, CliContext context, bool echoProblems = true)
    {
        var timeout = line.OptionalPositive(InputOptions.RequestTimeout.Name) is { } seconds ? TimeSpan.FromSeconds(seconds) : ClusterSource.DefaultRequestTimeout;
        var source = new ClusterSource(line.Optional(InputOptions.Kubeconfig.Name), line.Optional(InputOptions.Context.Name), line.Optional(InputOptions.Namespace.Name), timeout);
        var progress = new SynchronousProgress(p => context.Error.WriteLine($"reading {p}"));
        ClusterReadResult read;
        try
        {
            read = ClusterReader.ReadAsync(source, LimitFlag.From(line), progress).GetAwaiter().GetResult();
        }
        catch (ClusterReadException e)
        {
            throw new InputException(e.Message);
        }

        foreach (var note in read.Notes)
        {
            context.Error.WriteLine($"note: {note}");
        }

        return InputLoader.Report(read.Result, $"the {read.Description}", context, echoProblems);
    }

    /// <summary>Reports on the reading thread, so lines reach standard error in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<ReadProgress> report) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) => report(value);
    }
}
