using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Cli.Inputs;

/// <summary>
/// Loads what a command reads, manifests or a live cluster, and tells the user on standard error what went
/// wrong (every problem with its file and line), which kinds were not modelled, and, when nothing at all
/// could be analysed, fails with exit code 1.
/// </summary>
internal static class InputLoader
{
    /// <summary>
    /// Loads the one cluster the command line names: <c>-f</c> and <c>--dirpath</c> files, or a live cluster.
    /// <paramref name="echoProblems"/> false leaves the problems to the caller (<c>lint</c> reports them itself).
    /// </summary>
    public static LoadResult Load(CommandLine line, CliContext context, bool echoProblems = true)
    {
        var paths = Paths(line);
        if (InputOptions.NamesCluster(line))
        {
            if (paths.Count > 0)
            {
                throw new UsageException("give manifests (-f, --dirpath) or a cluster (--kubeconfig, --context), not both.");
            }

            return ClusterInput.Load(line, context, echoProblems);
        }

        if (line.Has(InputOptions.Namespace.Name) || line.Has(InputOptions.RequestTimeout.Name))
        {
            throw new UsageException("--namespace and --request-timeout go with a cluster (--kubeconfig or --context).");
        }

        if (paths.Count == 0)
        {
            throw new UsageException("say what to read: -f FILE|DIR|ARCHIVE|- (or --dirpath DIR), or a cluster with --kubeconfig PATH.");
        }

        return LoadFiles(paths, LimitFlag.From(line), context, echoProblems);
    }

    /// <summary>The paths of <c>-f</c> and <c>--dirpath</c>, in the order given.</summary>
    public static IReadOnlyList<string> Paths(CommandLine line) =>
        [.. line.All(InputOptions.DirPath.Name), .. line.All(InputOptions.Filename.Name)];

    /// <summary>Loads manifests from files, folders, archives and standard input as one cluster.</summary>
    public static LoadResult LoadFiles(IReadOnlyList<string> paths, LoadOptions limits, CliContext context, bool echoProblems = true)
    {
        var files = new ManifestFiles(limits, context.OpenStandardInput);
        foreach (var path in paths)
        {
            files.Add(path);
        }

        var upload = Uploads.Load(files.Files, limits);
        var what = string.Join(", ", paths.Select(p => p == "-" ? ManifestFiles.StandardInputName : $"'{p}'"));
        if (upload.Refused)
        {
            Write(files.Problems, context);
            throw new InputException(upload.Refusal!);
        }

        foreach (var skipped in upload.FilesSkipped)
        {
            files.Problems.Add(new Diagnostic(DiagnosticSeverity.Warning, skipped, 0, 0, null, null,
                "this is not a .yaml, .yml or .json file or an archive; it was skipped."));
        }

        var result = upload.Result with { Diagnostics = [.. files.Problems, .. upload.Result.Diagnostics] };
        return Report(result, what, context, echoProblems);
    }

    /// <summary>Writes the problems of a load and the kinds it skipped; fails when nothing could be analysed because of errors.</summary>
    public static LoadResult Report(LoadResult result, string what, CliContext context, bool echoProblems = true)
    {
        if (echoProblems || result.LoadedKinds.Count == 0)
        {
            Write(result.Diagnostics, context);
        }

        if (result.SkippedKinds.Count > 0)
        {
            context.Error.WriteLine($"note: kinds that do not affect network policy were skipped: {string.Join(", ", result.SkippedKinds.Select(k => $"{k.Key} ({k.Value})"))}.");
        }

        if (result.LoadedKinds.Count == 0)
        {
            if (result.HasErrors)
            {
                throw new InputException($"nothing could be analysed in {what}: every object or file failed (see the errors above).");
            }

            // An empty version is a fair input (a diff from nothing), so this is a warning, not a failure.
            context.Error.WriteLine($"warning: no workloads, namespaces or policies were loaded from {what}.");
        }

        return result;
    }

    /// <summary>Writes the engine's own findings to standard error.</summary>
    public static void Report(ClusterEvaluator evaluator, CliContext context)
    {
        foreach (var d in evaluator.Diagnostics)
        {
            context.Error.WriteLine(d);
        }
    }

    private static void Write(IEnumerable<Diagnostic> diagnostics, CliContext context)
    {
        foreach (var d in diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
        {
            context.Error.WriteLine(d);
        }
    }
}
