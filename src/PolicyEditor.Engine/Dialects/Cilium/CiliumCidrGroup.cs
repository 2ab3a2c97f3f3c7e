using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>A cilium.io/v2 CiliumCIDRGroup: named external CIDRs that policies reference from <c>fromCIDRSet</c>/<c>toCIDRSet</c>.</summary>
public sealed record CiliumCidrGroup(string Name, LabelSet Labels, ValueArray<string> ExternalCidrs) : IPolicyResource
{
    /// <summary>The kind.</summary>
    public const string KindName = "CiliumCIDRGroup";

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public string? Namespace => null;

    /// <inheritdoc />
    public override string ToString() => $"{KindName} {Name}";
}
