using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;

namespace PolicyEditor.Manifests.Loading.Calico;

/// <summary>
/// Reads a Calico FelixConfiguration for what decides host endpoints' traffic: its failsafe ports
/// (<c>failsafeInboundHostPorts</c>, <c>failsafeOutboundHostPorts</c>: protocol, port and an optional net). Felix's
/// many other settings are left alone, without a warning.
/// </summary>
internal static class FelixConfigurationReader
{
    /// <summary>The kind this reader loads.</summary>
    public const string Kind = "FelixConfiguration";

    /// <summary>The configuration's failsafe ports; a list left out is null (Felix's default applies).</summary>
    public static CalicoFelixConfiguration Read(ReadScope scope, YamlTreeMapping? spec, string name) =>
        new(name, ReadPorts(scope, spec, "failsafeInboundHostPorts"), ReadPorts(scope, spec, "failsafeOutboundHostPorts"));

    private static ValueArray<CalicoFailsafePort>? ReadPorts(ReadScope scope, YamlTreeMapping? spec, string field)
    {
        var node = ReadScope.Get(spec, field);
        if (node is null)
        {
            return null;
        }

        var ports = new List<CalicoFailsafePort>();
        foreach (var (item, path) in scope.Mappings(node, $"spec.{field}"))
        {
            var protocolText = scope.String(ReadScope.Get(item, "protocol"), $"{path}.protocol") ?? "TCP";
            if (!Protocols.TryParseKubernetes(protocolText.ToUpperInvariant(), out var protocol))
            {
                scope.Error(ReadScope.Get(item, "protocol"), $"{path}.protocol", $"protocol '{protocolText}' is not one of TCP, UDP, SCTP.");
                continue;
            }

            var port = scope.Integer(ReadScope.Get(item, "port"), $"{path}.port");
            if (port is null || !PortRange.IsValidPort(port.Value))
            {
                scope.Error(ReadScope.Get(item, "port") ?? item, $"{path}.port", "a failsafe port needs a port between 1 and 65535.");
                continue;
            }

            Cidr? net = null;
            if (scope.String(ReadScope.Get(item, "net"), $"{path}.net") is { Length: > 0 } text)
            {
                if (!CalicoRuleReader.TryParseNet(text, out var cidr, out var error))
                {
                    scope.Error(ReadScope.Get(item, "net"), $"{path}.net", error ?? $"'{text}' is not a CIDR.");
                    continue;
                }

                net = cidr;
            }

            ports.Add(new CalicoFailsafePort(protocol, (int)port.Value, net));
        }

        return ports.ToValueArray();
    }
}
