using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// Reads policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy objects. What the API server would reject
/// (a tier, action or protocol it does not know, a priority outside 0-1000, a port range whose end is not
/// above its start) refuses the object with the field that is wrong; the rest of the input loads.
/// </summary>
internal static class ClusterNetworkPolicyReader
{
    /// <summary>The API group whose ClusterNetworkPolicy this is (other projects have a kind of that name).</summary>
    public const string ApiGroup = "policy.networking.k8s.io/";

    /// <summary>The most rules the API accepts in one direction, and peers or protocols in one rule.</summary>
    private const int MaxItems = 25;

    public static ClusterNetworkPolicy? Read(ReadScope scope, YamlTreeMapping root, string name)
    {
        var errorsBefore = scope.ErrorCount;
        var spec = scope.Mapping(ReadScope.Get(root, "spec"), "spec");
        scope.CheckFields(spec, "spec", "tier", "priority", "subject", "ingress", "egress");
        var tier = ReadTier(scope, spec ?? (YamlTreeNode)root);
        var priority = ReadPriority(scope, spec ?? (YamlTreeNode)root);
        var subject = AdminPolicyReader.ReadSubject(scope, ReadScope.Get(spec, "subject"), spec ?? (YamlTreeNode)root);
        var ingress = ReadRules(scope, ReadScope.Get(spec, "ingress"), "spec.ingress", "from");
        var egress = ReadRules(scope, ReadScope.Get(spec, "egress"), "spec.egress", "to");
        if (scope.ErrorCount > errorsBefore || tier is null || priority is null || subject is null)
        {
            scope.Error(root, null, "the ClusterNetworkPolicy was not loaded because of the errors reported for it.");
            return null;
        }

        return new ClusterNetworkPolicy(name, tier.Value, priority.Value, subject, ingress.ToValueArray(), egress.ToValueArray());
    }

    private static ClusterNetworkPolicyTier? ReadTier(ReadScope scope, YamlTreeNode spec)
    {
        var node = ReadScope.Get(spec, "tier");
        switch (scope.String(node, "spec.tier"))
        {
            case "Admin": return ClusterNetworkPolicyTier.Admin;
            case "Baseline": return ClusterNetworkPolicyTier.Baseline;
            case null:
                scope.Error(node ?? spec, "spec.tier", "a ClusterNetworkPolicy needs a 'tier': Admin or Baseline.");
                return null;
            case var other:
                scope.Error(node, "spec.tier", $"tier '{other}' is not one of Admin, Baseline.");
                return null;
        }
    }

    private static int? ReadPriority(ReadScope scope, YamlTreeNode spec)
    {
        var node = ReadScope.Get(spec, "priority");
        var priority = scope.Integer(node, "spec.priority");
        if (priority is null)
        {
            scope.Error(node ?? spec, "spec.priority", $"a ClusterNetworkPolicy needs a 'priority' (0-{ClusterNetworkPolicy.MaxPriority}, lower is evaluated first).");
            return null;
        }

        if (priority is < 0 or > ClusterNetworkPolicy.MaxPriority)
        {
            scope.Error(node, "spec.priority", $"priority {priority} is outside 0-{ClusterNetworkPolicy.MaxPriority}; the API server refuses it.");
            return null;
        }

        return (int)priority.Value;
    }

    private static List<AdminRule> ReadRules(ReadScope scope, YamlTreeNode? node, string field, string peersKey)
    {
        var rules = new List<AdminRule>();
        var items = scope.List(node, field);
        if (items.Count > MaxItems)
        {
            scope.Warning(node, field, $"{items.Count} rules: the API allows at most {MaxItems} per direction.");
        }

        var egress = peersKey == "to";
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            var rule = scope.Mapping(items[i], path);
            if (rule is null)
            {
                continue;
            }

            scope.CheckFields(rule, path, "name", "action", peersKey, "protocols");

            // The name is optional: none stays none, so the policy writes back as it was read.
            var name = scope.String(ReadScope.Get(rule, "name"), $"{path}.name") ?? string.Empty;
            var action = ReadAction(scope, ReadScope.Get(rule, "action"), rule, $"{path}.action");
            var peerItems = scope.List(ReadScope.Get(rule, peersKey), $"{path}.{peersKey}");
            if (peerItems.Count == 0)
            {
                scope.Error(rule, $"{path}.{peersKey}", $"a ClusterNetworkPolicy rule needs at least one peer in '{peersKey}'.");
            }

            var peers = new List<AdminPeer>();
            for (var j = 0; j < peerItems.Count; j++)
            {
                if (AdminPolicyReader.ReadPeer(scope, peerItems[j], $"{path}.{peersKey}[{j}]", egress, domainNames: true) is { } peer)
                {
                    peers.Add(peer);
                }
            }

            var ports = new List<AdminPort>();
            var protocolItems = scope.List(ReadScope.Get(rule, "protocols"), $"{path}.protocols");
            for (var j = 0; j < protocolItems.Count; j++)
            {
                if (ReadProtocol(scope, protocolItems[j], $"{path}.protocols[{j}]") is { } port)
                {
                    ports.Add(port);
                }
            }

            if (action is not null)
            {
                rules.Add(new AdminRule(name, action.Value, peers.ToValueArray(), ports.ToValueArray()));
            }
        }

        return rules;
    }

    private static AdminAction? ReadAction(ReadScope scope, YamlTreeNode? node, YamlTreeNode rule, string path)
    {
        switch (scope.String(node, path))
        {
            case "Accept": return AdminAction.Allow;
            case "Deny": return AdminAction.Deny;
            case "Pass": return AdminAction.Pass;
            case null:
                scope.Error(node ?? rule, path, "a ClusterNetworkPolicy rule needs an 'action': Accept, Deny or Pass.");
                return null;
            case var other:
                scope.Error(node, path, $"action '{other}' is not one of Accept, Deny, Pass.");
                return null;
        }
    }

    /// <summary>One entry of <c>protocols</c>: <c>tcp</c>, <c>udp</c> or <c>sctp</c> with a destination port or range, or a <c>destinationNamedPort</c>.</summary>
    private static AdminPort? ReadProtocol(ReadScope scope, YamlTreeNode node, string path)
    {
        var entry = scope.Mapping(node, path);
        if (entry is null)
        {
            return null;
        }

        scope.CheckFields(entry, path, "tcp", "udp", "sctp", "destinationNamedPort");
        if (ReadScope.Get(entry, "destinationNamedPort") is { } namedNode)
        {
            var name = scope.String(namedNode, $"{path}.destinationNamedPort");
            if (string.IsNullOrEmpty(name))
            {
                scope.Error(namedNode, $"{path}.destinationNamedPort", "destinationNamedPort needs a port name.");
                return null;
            }

            return AdminPort.Named(name);
        }

        foreach (var (key, protocol) in new[] { ("tcp", Protocol.TCP), ("udp", Protocol.UDP), ("sctp", Protocol.SCTP) })
        {
            if (ReadScope.Get(entry, key) is { } match)
            {
                return ReadDestinationPort(scope, match, $"{path}.{key}", protocol);
            }
        }

        scope.Error(entry, path, "a protocol must be one of tcp, udp, sctp (with a destinationPort) or a destinationNamedPort.");
        return null;
    }

    private static AdminPort? ReadDestinationPort(ReadScope scope, YamlTreeNode node, string path, Protocol protocol)
    {
        scope.CheckFields(node, path, "destinationPort");
        var port = scope.Mapping(ReadScope.Get(node, "destinationPort"), $"{path}.destinationPort");
        if (port is null)
        {
            scope.Error(node, $"{path}.destinationPort", $"{protocol} needs a destinationPort: a number or a range.");
            return null;
        }

        path = $"{path}.destinationPort";
        scope.CheckFields(port, path, "number", "range");
        if (ReadScope.Get(port, "number") is { } numberNode)
        {
            var number = scope.Integer(numberNode, $"{path}.number");
            if (number is null || !PortRange.IsValidPort(number.Value))
            {
                scope.Error(numberNode, $"{path}.number", "the port number must be between 1 and 65535.");
                return null;
            }

            return AdminPort.Number(protocol, (int)number.Value);
        }

        if (ReadScope.Get(port, "range") is { } rangeNode)
        {
            var startNode = ReadScope.Get(rangeNode, "start");
            var endNode = ReadScope.Get(rangeNode, "end");
            var start = scope.Integer(startNode, $"{path}.range.start");
            var end = scope.Integer(endNode, $"{path}.range.end");
            if (start is null || !PortRange.IsValidPort(start.Value))
            {
                scope.Error(startNode ?? rangeNode, $"{path}.range.start", "the range's start must be a port between 1 and 65535.");
                return null;
            }

            if (end is null || !PortRange.IsValidPort(end.Value))
            {
                scope.Error(endNode ?? rangeNode, $"{path}.range.end", "the range's end must be a port between 1 and 65535.");
                return null;
            }

            if (end <= start)
            {
                scope.Error(endNode, $"{path}.range.end", $"the range ends at {end}, not above its start {start}; the API server refuses it.");
                return null;
            }

            return AdminPort.Range(protocol, (int)start.Value, (int)end.Value);
        }

        scope.Error(port, path, "a destinationPort must be a number or a range.");
        return null;
    }
}
