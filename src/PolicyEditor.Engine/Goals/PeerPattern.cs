using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Goals;

/// <summary>
/// Which endpoints one side of a check names: a workload (<c>frontend</c>, <c>shop/frontend</c>,
/// <c>shop/frontend[Deployment]</c>), all workloads (<c>*</c>), all of a namespace (<c>payments/*</c>),
/// workloads with a label (<c>[app=web]</c>), addresses outside the cluster (<c>0.0.0.0/0</c>,
/// <c>203.0.113.0/24</c>), or the ingress controller (<c>{ingress-controller}</c>).
/// </summary>
public sealed record PeerPattern(string Text, PeerPatternKind Kind, string? Namespace, string? Name, (string Key, string Value)? Label, Cidr? Cidr)
{
    /// <summary>Parses one side of a check; false with a reason when it is not one of the forms above.</summary>
    public static bool TryParse(string text, out PeerPattern pattern, out string? error)
    {
        text = text.Trim();
        pattern = new PeerPattern(text, PeerPatternKind.Everything, null, null, null, null);
        error = null;
        if (text == "*")
        {
            return true;
        }

        if (text is "{ingress-controller}" or "ingress-controller")
        {
            pattern = pattern with { Kind = PeerPatternKind.IngressController };
            return true;
        }

        if ((text.EndsWith("[DNS]", StringComparison.Ordinal) && text.Length > 5) || (text.Length > 2 && text[0] == '{' && text[^1] == '}'))
        {
            pattern = pattern with { Kind = PeerPatternKind.Other, Name = text.EndsWith(']') ? text[..^5].TrimEnd('.').ToLowerInvariant() : text[1..^1] };
            return true;
        }

        if (text.Contains('/', StringComparison.Ordinal) && Addresses.Cidr.TryParse(text, out var cidr, out _))
        {
            pattern = pattern with { Kind = PeerPatternKind.External, Cidr = cidr };
            return true;
        }

        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq < 2)
            {
                error = $"'{text}' should be a label as [key=value]";
                return false;
            }

            pattern = pattern with { Kind = PeerPatternKind.Label, Label = (text[1..eq].Trim(), text[(eq + 1)..^1].Trim()) };
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && text[(slash + 1)..] == "*")
        {
            pattern = pattern with { Kind = PeerPatternKind.Namespace, Namespace = text[..slash] };
            return true;
        }

        var name = slash > 0 ? text[(slash + 1)..] : text;
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            name = name[..bracket];
        }

        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            error = $"'{text}' is not a workload, namespace/*, [label=value], CIDR, * or {{ingress-controller}}";
            return false;
        }

        pattern = pattern with { Kind = PeerPatternKind.Workload, Namespace = slash > 0 ? text[..slash] : null, Name = name };
        return true;
    }

    /// <summary>The workloads the pattern names in a cluster (empty for external and ingress-controller patterns).</summary>
    public IEnumerable<Workload> Workloads(Cluster cluster) => Kind switch
    {
        PeerPatternKind.Everything => cluster.Workloads,
        PeerPatternKind.Namespace => cluster.Workloads.Where(w => w.Namespace == Namespace),
        PeerPatternKind.Label => cluster.Workloads.Where(w => w.Labels.TryGetValue(Label!.Value.Key, out var v) && v == Label.Value.Value),
        PeerPatternKind.Workload => cluster.Workloads.Where(w => w.Name == Name && (Namespace is null || w.Namespace == Namespace)
            && (!Text.Contains('[', StringComparison.Ordinal) || w.Id.EndsWith(Text[Text.IndexOf('[', StringComparison.Ordinal)..], StringComparison.Ordinal))),
        _ => [],
    };

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>The forms of <see cref="PeerPattern"/>.</summary>
public enum PeerPatternKind
{
    Everything,
    Namespace,
    Workload,
    Label,
    External,
    IngressController,

    /// <summary>A DNS name (<c>api.example.com[DNS]</c>) or a special peer (<c>{host}</c>), as Cilium's rules name them.</summary>
    Other,
}
