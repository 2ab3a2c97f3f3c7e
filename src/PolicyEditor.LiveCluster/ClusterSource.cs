namespace PolicyEditor.LiveCluster;

/// <summary>
/// Which cluster to read and how: a kubeconfig (null: <c>$KUBECONFIG</c> or <c>~/.kube/config</c>), a
/// context in it (null: its current context), one namespace or all (null), how long one request may take,
/// and how many objects each page of a list holds.
/// </summary>
public sealed record ClusterSource(string? Kubeconfig, string? Context, string? Namespace, TimeSpan RequestTimeout, int PageSize = ClusterSource.DefaultPageSize)
{
    /// <summary>Objects asked for per request; the API server pages longer lists with a continue token.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>The request timeout when none is given.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);
}
