using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>How the app names a Calico host endpoint: its node, interface, addresses and profiles.</summary>
public static class HostEndpointText
{
    /// <summary>A host endpoint in one sentence, for the graph's tooltip and the inspector.</summary>
    public static string Describe(HostEndpoint host)
    {
        var d = host.Definition;
        var where = d.IsAllInterfaces ? "every interface" : d.InterfaceName is { Length: > 0 } name ? $"interface {name}" : "the interface of its addresses";
        var addresses = d.ExpectedIps.IsEmpty ? "no expected addresses (rules' selectors cannot take it in)" : $"addresses {string.Join(", ", d.ExpectedIps.Select(ip => ip.Text))}";
        var profiles = d.Profiles.IsEmpty ? "no profile (what no policy allows is denied, but the failsafe ports)" : $"profiles {string.Join(", ", d.Profiles)}";
        return $"Calico host endpoint {d.Name}: {where} of node {d.Node ?? "(unnamed)"}, {addresses}, {profiles}";
    }

    /// <summary>What Calico does with a host endpoint's traffic that no policy decides, and on which of the node's interfaces, in one or two sentences.</summary>
    public static string Default(HostEndpointSummary facts)
    {
        var d = facts.Host.Definition;
        var where = d.IsAllInterfaces
            ? $"on every interface of node {d.Node ?? "(not given)"} (interfaceName: *)"
            : $"on {(d.InterfaceName is { Length: > 0 } name ? $"interface {name}" : "the interface of its expected IPs")} only (the node's other interfaces are not affected)";
        string Direction(string word, string? profile) => profile is null ? $"{word} denied" : $"{word} allowed by profile {profile}";
        var what = facts.IngressAllowedBy is null && facts.EgressAllowedBy is null ? "Denied in both directions"
            : facts.IngressAllowedBy is not null && facts.IngressAllowedBy == facts.EgressAllowedBy ? $"Allowed in both directions by profile {facts.IngressAllowedBy}"
            : $"{Direction("Ingress", facts.IngressAllowedBy)}, {Direction("egress", facts.EgressAllowedBy)}";
        return facts.IsDefaultDeny
            ? $"{what} {where}. Calico denies a host endpoint's traffic that no policy or profile allows; only the failsafe ports stay open."
            : $"{what} {where}, once the policies that select it have decided what they decide.";
    }
}
