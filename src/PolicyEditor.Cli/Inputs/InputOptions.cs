namespace PolicyEditor.Cli.Inputs;

/// <summary>The options that say what a command reads: manifests (<c>-f</c>, <c>--dirpath</c>) or a live cluster, and the loader's limits.</summary>
internal static class InputOptions
{
    public static readonly Option Filename = Option.Repeated("filename", "FILE|DIR|ARCHIVE|-",
        "manifests: a YAML or JSON file, a folder (read recursively), a .zip/.tar/.tar.gz archive, or - for standard input; repeatable", 'f');

    public static readonly Option DirPath = Option.Value("dirpath", "DIR", "a folder of manifests (the same as -f DIR)");

    public static readonly Option Kubeconfig = Option.Value("kubeconfig", "PATH", "read a live cluster, read-only, with this kubeconfig");

    public static readonly Option Context = Option.Value("context", "NAME", "the kubeconfig context (default: its current context; with no --kubeconfig, $KUBECONFIG or ~/.kube/config)");

    public static readonly Option Namespace = Option.Value("namespace", "NS", "read only this namespace of the cluster (default: every namespace)", 'n');

    public static readonly Option RequestTimeout = Option.Value("request-timeout", "SECONDS", "give up on a cluster that does not answer a request in this long (default 30)");

    /// <summary>The options of a live cluster.</summary>
    public static readonly IReadOnlyList<Option> Cluster = [Kubeconfig, Context, Namespace, RequestTimeout];

    /// <summary>Every input option of a command that reads one cluster.</summary>
    public static readonly IReadOnlyList<Option> All = [Filename, DirPath, .. Cluster, .. LimitFlag.Options];

    /// <summary>Whether the command line names a live cluster.</summary>
    public static bool NamesCluster(CommandLine line) => line.Has(Kubeconfig.Name) || line.Has(Context.Name);
}
