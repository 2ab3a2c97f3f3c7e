namespace PolicyEditor.Web.Reviews;

/// <summary>What a comment thread is about.</summary>
public enum AnchorKind
{
    /// <summary>The review as a whole.</summary>
    Review,

    /// <summary>A policy, optionally one line of its YAML.</summary>
    Policy,

    /// <summary>A node of the graph (workload, namespace, external block).</summary>
    Node,

    /// <summary>An edge of the graph (an allowed connection).</summary>
    Edge,

    /// <summary>A changed connection in the impact list.</summary>
    Change,
}

/// <summary>Where a comment thread is anchored: a policy (and line), a node, an edge or a changed connection.</summary>
public sealed record ReviewAnchor(AnchorKind Kind, string? Target = null, string? Destination = null, int? Line = null)
{
    /// <summary>The review as a whole.</summary>
    public static readonly ReviewAnchor Review = new(AnchorKind.Review);

    public static ReviewAnchor Policy(string policyId, int? line = null) => new(AnchorKind.Policy, policyId, null, line);

    public static ReviewAnchor Node(string nodeId) => new(AnchorKind.Node, nodeId);

    public static ReviewAnchor Edge(string source, string destination) => new(AnchorKind.Edge, source, destination);

    public static ReviewAnchor Change(string source, string destination) => new(AnchorKind.Change, source, destination);

    /// <summary>The anchor in words.</summary>
    public override string ToString() => Kind switch
    {
        AnchorKind.Policy => Line is null ? $"policy {Target}" : $"policy {Target}, line {Line}",
        AnchorKind.Node => Target!,
        AnchorKind.Edge or AnchorKind.Change => $"{Target} → {Destination}",
        _ => "the review",
    };
}
