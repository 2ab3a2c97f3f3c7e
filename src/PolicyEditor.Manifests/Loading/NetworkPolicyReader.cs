using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// Reads a networking.k8s.io/v1 NetworkPolicy, checking it as the API server would. A policy the
/// API server would reject is reported and not loaded, because it would not exist in the cluster.
/// </summary>
internal static class NetworkPolicyReader
{
    public static NetworkPolicy? Read(ReadScope scope, YamlTreeMapping root, string ns, string name)
    {
        var errorsBefore = scope.ErrorCount;
        var spec = scope.Mapping(ReadScope.Get(root, "spec"), "spec");
        if (spec is null)
        {
            scope.Warning(root, "spec", "the policy has no spec; it selects every pod of the namespace and denies all their ingress.");
        }

        scope.CheckFields(spec, "spec", "podSelector", "policyTypes", "ingress", "egress");
        var podSelectorNode = ReadScope.Get(spec, "podSelector");
        var podSelector = SelectorReader.Read(scope, podSelectorNode, "spec.podSelector");
        if (podSelector is null && spec is not null)
        {
            scope.Warning(spec, "spec.podSelector", "podSelector is missing; Kubernetes treats that as {} and the policy selects every pod of the namespace.");
        }

        PolicyTypes? declared = null;
        if (ReadScope.Get(spec, "policyTypes") is { } typesNode)
        {
            var types = PolicyTypes.None;
            foreach (var item in scope.List(typesNode, "spec.policyTypes"))
            {
                switch (scope.String(item, "spec.policyTypes"))
                {
                    case "Ingress": types |= PolicyTypes.Ingress; break;
                    case "Egress": types |= PolicyTypes.Egress; break;
                    case var other: scope.Error(item, "spec.policyTypes", $"'{other}' is not a policy type; use Ingress and/or Egress."); break;
                }
            }

            declared = types;
        }

        var ingress = ReadRules(scope, ReadScope.Get(spec, "ingress"), "spec.ingress", "from", ns);
        var egress = ReadRules(scope, ReadScope.Get(spec, "egress"), "spec.egress", "to", ns);

        if (declared is { } d)
        {
            if ((d & PolicyTypes.Ingress) == 0 && ingress.Count > 0)
            {
                scope.Warning(ReadScope.Get(spec, "ingress"), "spec.ingress", "policyTypes does not list Ingress, so these ingress rules have no effect.");
            }

            if ((d & PolicyTypes.Egress) == 0 && egress.Count > 0)
            {
                scope.Warning(ReadScope.Get(spec, "egress"), "spec.egress", "policyTypes does not list Egress, so these egress rules have no effect.");
            }
        }

        if (scope.ErrorCount > errorsBefore)
        {
            scope.Error(root, null, "the policy was not loaded: Kubernetes would reject it because of the errors reported for it.");
            return null;
        }

        return new NetworkPolicy(ns, name, podSelector ?? LabelSelector.Everything, declared, ingress.ToValueArray(), egress.ToValueArray());
    }

    private static List<NetworkPolicyRule> ReadRules(ReadScope scope, YamlTreeNode? node, string field, string peersKey, string ns)
    {
        var rules = new List<NetworkPolicyRule>();
        var items = scope.List(node, field);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (items[i] is YamlTreeScalar { IsNull: true })
            {
                rules.Add(NetworkPolicyRule.AllowAll);
                continue;
            }

            var rule = scope.Mapping(items[i], path);
            if (rule is null)
            {
                continue;
            }

            scope.CheckFields(rule, path, peersKey, "ports");
            var peers = new List<NetworkPolicyPeer>();
            var peerItems = scope.List(ReadScope.Get(rule, peersKey), $"{path}.{peersKey}");
            for (var j = 0; j < peerItems.Count; j++)
            {
                var peer = ReadPeer(scope, peerItems[j], $"{path}.{peersKey}[{j}]");
                if (peer is not null)
                {
                    peers.Add(peer);
                }
            }

            var ports = new List<NetworkPolicyPort>();
            var portItems = scope.List(ReadScope.Get(rule, "ports"), $"{path}.ports");
            for (var j = 0; j < portItems.Count; j++)
            {
                var port = ReadPort(scope, portItems[j], $"{path}.ports[{j}]");
                if (port is not null)
                {
                    ports.Add(port);
                }
            }

            rules.Add(new NetworkPolicyRule(peers.ToValueArray(), ports.ToValueArray()));
        }

        return rules;
    }

    private static NetworkPolicyPeer? ReadPeer(ReadScope scope, YamlTreeNode node, string path)
    {
        var peer = scope.Mapping(node, path);
        if (peer is null)
        {
            if (node is YamlTreeScalar { IsNull: true })
            {
                scope.Error(node, path, "a peer must name a podSelector, a namespaceSelector or an ipBlock.");
            }

            return null;
        }

        scope.CheckFields(peer, path, "podSelector", "namespaceSelector", "ipBlock");
        var podSelector = SelectorReader.Read(scope, ReadScope.Get(peer, "podSelector"), $"{path}.podSelector");
        var namespaceSelector = SelectorReader.Read(scope, ReadScope.Get(peer, "namespaceSelector"), $"{path}.namespaceSelector");
        var ipBlockNode = ReadScope.Get(peer, "ipBlock");
        if (ipBlockNode is not null)
        {
            if (podSelector is not null || namespaceSelector is not null)
            {
                scope.Error(ipBlockNode, $"{path}.ipBlock",
                    "an ipBlock cannot share a peer with podSelector or namespaceSelector; write them as separate peers (separate '- ' entries).");
                return null;
            }

            var block = ReadIpBlock(scope, ipBlockNode, $"{path}.ipBlock");
            return block is null ? null : NetworkPolicyPeer.Addresses(block);
        }

        if (podSelector is null && namespaceSelector is null)
        {
            scope.Error(peer, path, "a peer must name a podSelector, a namespaceSelector or an ipBlock.");
            return null;
        }

        return new NetworkPolicyPeer(podSelector, namespaceSelector, null);
    }

    private static IpBlock? ReadIpBlock(ReadScope scope, YamlTreeNode node, string path)
    {
        var block = scope.Mapping(node, path);
        if (block is null)
        {
            return null;
        }

        scope.CheckFields(block, path, "cidr", "except");
        var cidrNode = ReadScope.Get(block, "cidr");
        var cidrText = scope.String(cidrNode, $"{path}.cidr");
        if (cidrText is null)
        {
            scope.Error(block, $"{path}.cidr", "an ipBlock needs a 'cidr', e.g. 10.0.0.0/8.");
            return null;
        }

        if (!Cidr.TryParse(cidrText, out var cidr, out var error))
        {
            scope.Error(cidrNode, $"{path}.cidr", error + ".");
            return null;
        }

        var excepts = new List<Cidr>();
        var items = scope.List(ReadScope.Get(block, "except"), $"{path}.except");
        for (var i = 0; i < items.Count; i++)
        {
            var text = scope.String(items[i], $"{path}.except[{i}]");
            if (text is null)
            {
                continue;
            }

            if (!Cidr.TryParse(text, out var except, out var exceptError))
            {
                scope.Error(items[i], $"{path}.except[{i}]", exceptError + ".");
                continue;
            }

            if (except.Family != cidr.Family || !cidr.Range.Contains(except.Range) || except.PrefixLength <= cidr.PrefixLength)
            {
                scope.Error(items[i], $"{path}.except[{i}]", $"except {except.Text} must lie strictly inside cidr {cidr.Text}.");
                continue;
            }

            excepts.Add(except);
        }

        return new IpBlock(cidr, excepts.ToValueArray());
    }

    private static NetworkPolicyPort? ReadPort(ReadScope scope, YamlTreeNode node, string path)
    {
        var port = scope.Mapping(node, path);
        if (port is null)
        {
            return null;
        }

        scope.CheckFields(port, path, "protocol", "port", "endPort");
        var protocol = Protocol.TCP;
        var protocolNode = ReadScope.Get(port, "protocol");
        var protocolText = scope.String(protocolNode, $"{path}.protocol");
        if (protocolText is not null && !Protocols.TryParseKubernetes(protocolText, out protocol))
        {
            scope.Error(protocolNode, $"{path}.protocol", $"protocol '{protocolText}' is not one of TCP, UDP, SCTP.");
            return null;
        }

        var value = scope.IntOrString(ReadScope.Get(port, "port"), $"{path}.port");
        var endPortNode = ReadScope.Get(port, "endPort");
        var endPort = scope.Integer(endPortNode, $"{path}.endPort");
        PortReference? reference = null;
        if (value is { } v)
        {
            if (v.Number is { } n)
            {
                if (!PortRange.IsValidPort(n))
                {
                    scope.Error(v.Node, $"{path}.port", $"port {n} is outside 1-65535.");
                    return null;
                }

                reference = PortReference.OfNumber((int)n);
            }
            else
            {
                var problem = LabelSyntax.CheckPortName(v.Name!);
                if (problem is not null)
                {
                    scope.Error(v.Node, $"{path}.port", problem + ".");
                    return null;
                }

                reference = PortReference.OfName(v.Name!);
            }
        }

        if (endPort is { } e)
        {
            if (reference is null)
            {
                scope.Error(endPortNode, $"{path}.endPort", "endPort needs a numeric 'port' to start the range.");
                return null;
            }

            if (reference.Value.IsNamed)
            {
                scope.Error(endPortNode, $"{path}.endPort", $"endPort can only follow a numeric port, not the named port '{reference.Value.Name}'.");
                return null;
            }

            if (!PortRange.IsValidPort(e) || e < reference.Value.Number)
            {
                scope.Error(endPortNode, $"{path}.endPort", $"endPort {e} must be between port {reference.Value.Number} and 65535.");
                return null;
            }
        }

        return new NetworkPolicyPort(protocol, reference, endPort is null ? null : (int)endPort.Value);
    }
}
