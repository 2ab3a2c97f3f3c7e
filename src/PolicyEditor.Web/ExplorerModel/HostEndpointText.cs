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
}
