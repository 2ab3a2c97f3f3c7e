using PolicyEditor.Engine.Lint;

namespace PolicyEditor.Cli.Lint;

/// <summary>The rules <c>lint</c> reports, with the sentence a code-scanning tool shows for each.</summary>
internal static class LintRules
{
    /// <summary>A manifest the loader could not read, or an object it refused.</summary>
    public const string ManifestError = "manifest-error";

    /// <summary>Something in a manifest that Kubernetes ignores or reads differently than it looks.</summary>
    public const string ManifestWarning = "manifest-warning";

    /// <summary>Something the engine noticed while compiling the cluster.</summary>
    public const string EngineWarning = "engine-warning";

    /// <summary>Every rule, with its one-line description, in the order tools list them.</summary>
    public static readonly IReadOnlyList<(string Id, string Description)> All =
    [
        (ManifestError, "A manifest could not be read, or an object in it is invalid and was not loaded."),
        (ManifestWarning, "A manifest holds something Kubernetes ignores or reads differently than it looks (an unknown field, an ignored port)."),
        (EngineWarning, "The cluster has something the engine cannot resolve (an Ingress backend without its Service, admin policies sharing a priority)."),
        (PolicyLinter.Codes.SelectsNothing, "The policy's podSelector selects no workload, so it has no effect."),
        (PolicyLinter.Codes.SplitPeer, "A namespaceSelector and a podSelector are two peers (OR) where one peer (AND) was probably meant."),
        (PolicyLinter.Codes.AllNamespacesPeer, "namespaceSelector: {} beside a podSelector takes in such pods in every namespace."),
        (PolicyLinter.Codes.BlocksDns, "Egress isolation without a rule to DNS: name lookups will fail."),
        (PolicyLinter.Codes.UnresolvedNamedPort, "A named port that no pod the rule applies to has: it allows nothing."),
        (PolicyLinter.Codes.IpBlockCoversPods, "An ipBlock covers the pod network, which network plugins treat differently."),
    ];

    /// <summary>The description of a rule (a linter code this list does not know yet is described by its id).</summary>
    public static string Describe(string id) => All.FirstOrDefault(r => r.Id == id).Description ?? id;
}
