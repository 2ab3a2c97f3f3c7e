using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Engine.Dialects.Calico;

/// <summary>
/// What Calico's documentation says of a host endpoint's own side, beyond the policies that select it: Felix keeps the
/// failsafe ports open whatever the policy (its configuration's <c>failsafeInboundHostPorts</c> and
/// <c>failsafeOutboundHostPorts</c>, node by node, else Felix's defaults); untracked (<c>doNotTrack</c>) policies, then
/// pre-DNAT policies (ingress only), decide before the normal ones, and what they neither allow nor deny goes on (they
/// have no default drop); the normal policies run in their tiers, then the endpoint's profiles; what none allows is denied.
/// </summary>
internal static class CalicoHostSide
{
    /// <summary>The failsafe ports that keep <paramref name="host"/>'s traffic in <paramref name="direction"/> open.</summary>
    public static ValueArray<CalicoFailsafePort> Failsafe(Cluster cluster, CalicoHostEndpoint host, TrafficDirection direction) => Configured(cluster, host, direction).Ports;

    /// <summary>Where the failsafe ports of <paramref name="host"/> in <paramref name="direction"/> come from: its node's FelixConfiguration, the default one, or Felix's defaults.</summary>
    public static string FailsafeSource(Cluster cluster, CalicoHostEndpoint host, TrafficDirection direction) => Configured(cluster, host, direction).Source;

    /// <summary>
    /// The first of the host endpoint's profiles that allows all its traffic in <paramref name="direction"/>: Calico's
    /// <c>projectcalico-default-allow</c> when the manifests do not define it, or a profile whose first rule there allows
    /// everything, reached past profiles without rules there; null when none does (Calico then denies what no policy allows).
    /// </summary>
    public static string? AllowingProfile(Cluster cluster, CalicoHostEndpoint host, TrafficDirection direction)
    {
        var defined = cluster.OtherPolicies.OfType<CalicoProfile>().ToList();
        foreach (var name in host.Profiles)
        {
            var profile = defined.FirstOrDefault(p => p.Name == name);
            if (profile is null)
            {
                if (name == CalicoDialect.DefaultAllowProfile)
                {
                    return name;
                }

                continue;
            }

            var rules = direction == TrafficDirection.Ingress ? profile.Ingress : profile.Egress;
            if (!rules.IsEmpty)
            {
                return rules[0] == CalicoRule.Of(Program.RuleAction.Allow) ? name : null;
            }
        }

        return null;
    }

    /// <summary>How a stage is named to a person.</summary>
    public static string StageName(HostPolicyStage stage) => stage switch
    {
        HostPolicyStage.Untracked => "untracked",
        HostPolicyStage.PreDnat => "pre-DNAT",
        _ => "normal",
    };

    private static (ValueArray<CalicoFailsafePort> Ports, string Source) Configured(Cluster cluster, CalicoHostEndpoint host, TrafficDirection direction)
    {
        var configurations = cluster.OtherPolicies.OfType<CalicoFelixConfiguration>().ToList();
        var node = host.Node is { } n ? configurations.FirstOrDefault(c => c.Name == $"node.{n}") : null;
        var shared = configurations.FirstOrDefault(c => c.Name == CalicoFelixConfiguration.DefaultName);
        ValueArray<CalicoFailsafePort>? Of(CalicoFelixConfiguration? c) => direction == TrafficDirection.Ingress ? c?.FailsafeInbound : c?.FailsafeOutbound;
        return Of(node) is { } own ? (own, $"FelixConfiguration {node!.Name}")
            : Of(shared) is { } common ? (common, $"FelixConfiguration {CalicoFelixConfiguration.DefaultName}")
            : (direction == TrafficDirection.Ingress ? CalicoFailsafePort.DefaultInbound : CalicoFailsafePort.DefaultOutbound, "Felix's defaults");
    }

    /// <summary>The failsafe ports of <paramref name="ports"/> that hold for traffic with <paramref name="peer"/> (a port with a net only for a peer within it).</summary>
    public static IEnumerable<CalicoFailsafePort> Applying(ValueArray<CalicoFailsafePort> ports, Endpoint peer) =>
        ports.Where(p => p.Net is not { } net || Within(peer, Addresses.AddressSet.Of(net.Range)));

    /// <summary>The connections the failsafe ports keep open with <paramref name="peer"/>.</summary>
    public static ConnectionSet Open(ValueArray<CalicoFailsafePort> ports, Endpoint peer) =>
        Applying(ports, peer).Aggregate(ConnectionSet.None, (c, p) => c.Union(p.Connections));

    /// <summary>How a failsafe port is named in explanations: "Calico failsafe rule: TCP 22 inbound".</summary>
    public static string Describe(CalicoFailsafePort port, TrafficDirection direction) =>
        $"Calico failsafe rule: {port} {(direction == TrafficDirection.Ingress ? "inbound" : "outbound")}";

    /// <summary>Which stage of a host endpoint's side a policy of the program runs in, from its source object's options.</summary>
    public static HostPolicyStage StageOf(Cluster cluster, PolicyKey key) =>
        cluster.FindPolicy(key) is CalicoPolicy { HostOptions: var options }
            ? options.Contains("doNotTrack") ? HostPolicyStage.Untracked : options.Contains("preDNAT") ? HostPolicyStage.PreDnat : HostPolicyStage.Normal
            : HostPolicyStage.Normal;

    private static bool Within(Endpoint peer, Addresses.AddressSet net) => peer switch
    {
        ExternalEndpoint e => net.Contains(e.Range),
        WorkloadEndpoint w => !w.Workload.Addresses.IsEmpty && w.Workload.Addresses.All(a => net.Contains(a.Range)),
        HostEndpoint h => h.LiesWithin(net),
        _ => false,
    };
}

/// <summary>The stages of policy on a host endpoint's traffic, in the order Felix applies them.</summary>
internal enum HostPolicyStage
{
    /// <summary><c>doNotTrack</c> policies: an Allow skips the later stages.</summary>
    Untracked,

    /// <summary><c>preDNAT</c> policies (ingress only): an Allow skips the normal policies.</summary>
    PreDnat,

    /// <summary>Normal policies, then the endpoint's profiles; what none allows is denied.</summary>
    Normal,
}
