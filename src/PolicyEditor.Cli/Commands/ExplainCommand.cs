using System.Net;
using System.Text.Json;
using PolicyEditor.Cli.Inputs;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Cli.Commands;

/// <summary><c>policyeditor explain</c>: the verdict for one connection and the policies and rules that decided it.</summary>
internal static class ExplainCommand
{
    public static readonly CommandSpec Spec = new("explain", "explain -f FILE|DIR|- --source PEER --destination PEER [--protocol PROTOCOL] --port N|TYPE/CODE [-o txt|json]",
        "why one connection is allowed or denied (PEER: ns/name, ns/name[Kind], an IP address, {ingress-controller}, a special peer such as {host}, or a DNS name such as api.example.com[DNS])",
        [
            .. InputOptions.All,
            Option.Value("source", "PEER", "where the connection starts"),
            Option.Value("destination", "PEER", "where it goes"),
            Option.Value("port", "N|TYPE/CODE", "the destination port; for ICMP and ICMPv6 the type and code (8/0 is an echo request; a type alone means code 0); none for a protocol without ports"),
            Option.Value("protocol", "PROTOCOL", "TCP (default), UDP, SCTP, UDPLite, ICMP, ICMPv6, or any protocol by number 0-255 (47 is GRE)"),
            Option.Value("output", "FORMAT", "txt (default) or json", 'o'),
        ],
        Run);

    private static int Run(CommandLine line, CliContext context)
    {
        var output = context.Output;
        var format = line.Choice("output", ["txt", "json"], "txt");
        var sourceText = line.Required("source");
        var destinationText = line.Required("destination");
        var protocolText = line.Optional("protocol") ?? "TCP";
        var portText = line.Optional("port");
        if (!ConnectionPoint.TryParse(protocolText, portText, out var point, out var error))
        {
            throw new UsageException(portText is null && Protocol.TryParse(protocolText, out var protocol) && protocol.HasPorts
                ? $"--port is required: which {protocol} port to explain (1-65535)?"
                : $"--protocol and --port: {error}");
        }

        // The question is checked before the manifests are read: a mistyped option costs no load.
        var loaded = InputLoader.Load(line, context);
        var evaluator = new ClusterEvaluator(loaded.Cluster);
        var source = ResolvePeer(loaded.Cluster, sourceText);
        var destination = ResolvePeer(loaded.Cluster, destinationText);

        var explanation = evaluator.Explain(source, destination, point.Protocol, point.Value);
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(explanation, JsonOptions.Indented));
        }
        else
        {
            output.WriteLine(explanation);
        }

        return ExitCodes.Success;
    }

    /// <summary>A workload named on the command line (see <see cref="ResolvePeer"/>); an address or the ingress controller is refused.</summary>
    public static Workload ResolveWorkload(Cluster cluster, string text) =>
        ResolvePeer(cluster, text) is WorkloadEndpoint w ? w.Workload : throw new UsageException($"'{text}' is not a workload; name one as namespace/name.");

    /// <summary>A peer named on the command line: a workload (<c>ns/name</c> or <c>ns/name[Kind]</c>), a Calico host endpoint (<c>NAME[HostEndpoint]</c>), an IP address, or the ingress controller.</summary>
    public static Endpoint ResolvePeer(Cluster cluster, string text)
    {
        if (text == Endpoint.IngressController.Id)
        {
            return Endpoint.IngressController;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return Endpoint.Of(address);
        }

        if (text is ['{', .. var special, '}'] && special.Length > 0)
        {
            return new SpecialEndpoint(special);
        }

        if (text.EndsWith("[DNS]", StringComparison.Ordinal) && text.Length > "[DNS]".Length)
        {
            return new DnsEndpoint(Engine.Dialects.Cilium.CiliumFqdn.Normalize(text[..^"[DNS]".Length]));
        }

        if (cluster.OtherPolicies.OfType<Engine.Model.Calico.CalicoHostEndpoint>().FirstOrDefault(h => text == $"{h.Name}[{HostEndpoint.KindName}]") is { } host)
        {
            return new HostEndpoint(host);
        }

        var workload = cluster.FindWorkload(text);
        if (workload is not null)
        {
            return Endpoint.Of(workload);
        }

        // A bare name is enough when only one namespace has a workload of that name.
        var named = cluster.Workloads.Where(w => w.Name == text).ToList();
        if (named.Count == 1)
        {
            return Endpoint.Of(named[0]);
        }

        if (named.Count > 1)
        {
            throw new InputException($"'{text}' is ambiguous: {string.Join(", ", named.Select(w => w.Id))}; name it as namespace/name.");
        }

        var candidates = cluster.Workloads.Where(w => w.Name == text || w.Id.Contains(text, StringComparison.Ordinal)).Select(w => w.Id).Take(5).ToList();
        var hint = candidates.Count > 0 ? $" Did you mean {string.Join(", ", candidates)}?" : " Name it as namespace/name.";
        throw new InputException($"no workload '{text}' in the input.{hint}");
    }
}
