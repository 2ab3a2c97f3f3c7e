using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>An item of <c>toPorts</c>: ports, and the L7 rules (<c>http</c>, <c>dns</c>, <c>kafka</c>...) the proxy applies on them, kept as written.</summary>
public sealed record CiliumPortRule(ValueArray<CiliumPort> Ports, CiliumField? Rules, ValueArray<CiliumField> Undecided)
{
    /// <summary>The L7 rules in words, e.g. "HTTP GET /api/.*", or null when there are none.</summary>
    public string? L7Text => Rules is null ? null : CiliumL7.Describe(Rules);
}
