using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Cli.Commands;

/// <summary>Loading a directory for a command, with diagnostics written to standard error.</summary>
internal static class Inputs
{
    /// <summary>Loads the manifests under <paramref name="path"/> (a directory or a single file) with the command line's limits (a user's own files: a 100,000-pod cluster fits), writing every diagnostic to <paramref name="error"/>.</summary>
    public static LoadResult Load(string path, TextWriter error)
    {
        LoadResult result;
        if (File.Exists(path))
        {
            result = ManifestLoader.LoadFiles([path], LoadOptions.CommandLine);
        }
        else if (Directory.Exists(path))
        {
            result = ManifestLoader.LoadDirectory(path, LoadOptions.CommandLine);
        }
        else
        {
            throw new UsageException($"'{path}' is neither a file nor a directory.");
        }

        foreach (var d in result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
        {
            error.WriteLine(d);
        }

        if (result.LoadedKinds.Count == 0)
        {
            // An empty version is a fair input (a diff from nothing), so this is a warning, not a failure.
            error.WriteLine($"warning: no workloads, namespaces or policies were loaded from '{path}'.");
        }

        return result;
    }

    /// <summary>Writes the engine's own findings to <paramref name="error"/>.</summary>
    public static void Report(ClusterEvaluator evaluator, TextWriter error)
    {
        foreach (var d in evaluator.Diagnostics)
        {
            error.WriteLine(d);
        }
    }
}
