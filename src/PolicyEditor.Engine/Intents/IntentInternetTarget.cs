using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>An internet target: domains (resolved by the operator at run time), address blocks and ports (every port when none).</summary>
public sealed record IntentInternetTarget(ValueArray<string> Domains, ValueArray<Cidr> Addresses, ValueArray<int> Ports)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var what = Domains.Select(d => d).Concat(Addresses.Select(a => a.ToString())).ToList();
        var target = what.Count == 0 ? "anywhere" : string.Join(", ", what);
        return Ports.IsEmpty ? target : $"{target} on port {string.Join(",", Ports)}";
    }
}
