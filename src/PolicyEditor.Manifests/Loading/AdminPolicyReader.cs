using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>Reads policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy objects.</summary>
internal static class AdminPolicyReader
{
    public static AdminNetworkPolicy? ReadAdmin(ReadScope scope, YamlTreeMapping root, string name)
    {
        var errorsBefore = scope.ErrorCount;
        var spec = scope.Mapping(ReadScope.Get(root, "spec"), "spec");
        scope.CheckFields(spec, "spec", "priority", "subject", "ingress", "egress");
        var priorityNode = ReadScope.Get(spec, "priority");
        var priority = scope.Integer(priorityNode, "spec.priority");
        if (priority is null)
        {
            scope.Error(priorityNode ?? (YamlTreeNode?)spec ?? root, "spec.priority", "an AdminNetworkPolicy needs a 'priority' (0-1000, lower is evaluated first).");
        }
        else if (priority is < 0 or > 1000)
        {
            scope.Error(priorityNode, "spec.priority", $"priority {priority} is outside the range 0-1000 the API server accepts.");
        }

        var subject = ReadSubject(scope, ReadScope.Get(spec, "subject"), spec ?? (YamlTreeNode)root);
        var ingress = ReadRules(scope, ReadScope.Get(spec, "ingress"), "spec.ingress", "from", allowPass: true);
        var egress = ReadRules(scope, ReadScope.Get(spec, "egress"), "spec.egress", "to", allowPass: true);
        if (scope.ErrorCount > errorsBefore || subject is null || priority is null)
        {
            scope.Error(root, null, "the AdminNetworkPolicy was not loaded because of the errors reported for it.");
            return null;
        }

        return new AdminNetworkPolicy(name, (int)Math.Clamp(priority.Value, int.MinValue, int.MaxValue), subject, ingress.ToValueArray(), egress.ToValueArray());
    }

    public static BaselineAdminNetworkPolicy? ReadBaseline(ReadScope scope, YamlTreeMapping root, string name)
    {
        var errorsBefore = scope.ErrorCount;
        var spec = scope.Mapping(ReadScope.Get(root, "spec"), "spec");
        scope.CheckFields(spec, "spec", "subject", "ingress", "egress");
        if (name != "default")
        {
            scope.Warning(root, "metadata.name", $"a BaselineAdminNetworkPolicy must be named 'default' (the API server accepts only that name); '{name}' is loaded anyway.");
        }

        var subject = ReadSubject(scope, ReadScope.Get(spec, "subject"), spec ?? (YamlTreeNode)root);
        var ingress = ReadRules(scope, ReadScope.Get(spec, "ingress"), "spec.ingress", "from", allowPass: false);
        var egress = ReadRules(scope, ReadScope.Get(spec, "egress"), "spec.egress", "to", allowPass: false);
        if (scope.ErrorCount > errorsBefore || subject is null)
        {
            scope.Error(root, null, "the BaselineAdminNetworkPolicy was not loaded because of the errors reported for it.");
            return null;
        }

        return new BaselineAdminNetworkPolicy(name, subject, ingress.ToValueArray(), egress.ToValueArray());
    }

    /// <summary>An admin policy's <c>spec.subject</c> (namespaces or pods), shared by every admin kind.</summary>
    internal static AdminSubject? ReadSubject(ReadScope scope, YamlTreeNode? node, YamlTreeNode parent)
    {
        if (node is null)
        {
            scope.Error(parent, "spec.subject", "an admin policy needs a 'subject': namespaces or pods.");
            return null;
        }

        scope.CheckFields(node, "spec.subject", "namespaces", "pods");
        if (ReadScope.Has(node, "namespaces"))
        {
            return AdminSubject.OfNamespaces(SelectorReader.Read(scope, ReadScope.Get(node, "namespaces"), "spec.subject.namespaces") ?? Engine.Selectors.LabelSelector.Everything);
        }

        var pods = ReadScope.Get(node, "pods");
        if (pods is not null)
        {
            scope.CheckFields(pods, "spec.subject.pods", "namespaceSelector", "podSelector");
            return AdminSubject.OfPods(
                SelectorReader.Read(scope, ReadScope.Get(pods, "namespaceSelector"), "spec.subject.pods.namespaceSelector") ?? Engine.Selectors.LabelSelector.Everything,
                SelectorReader.Read(scope, ReadScope.Get(pods, "podSelector"), "spec.subject.pods.podSelector") ?? Engine.Selectors.LabelSelector.Everything);
        }

        scope.Error(node, "spec.subject", "the subject must name 'namespaces' or 'pods'.");
        return null;
    }

    private static List<AdminRule> ReadRules(ReadScope scope, YamlTreeNode? node, string field, string peersKey, bool allowPass)
    {
        var rules = new List<AdminRule>();
        var items = scope.List(node, field);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            var rule = scope.Mapping(items[i], path);
            if (rule is null)
            {
                continue;
            }

            scope.CheckFields(rule, path, "name", "action", peersKey, "ports");
            var name = scope.String(ReadScope.Get(rule, "name"), $"{path}.name") ?? $"rule {i + 1}";
            var actionNode = ReadScope.Get(rule, "action");
            var actionText = scope.String(actionNode, $"{path}.action");
            AdminAction action;
            switch (actionText)
            {
                case "Allow": action = AdminAction.Allow; break;
                case "Deny": action = AdminAction.Deny; break;
                case "Pass" when allowPass: action = AdminAction.Pass; break;
                default:
                    scope.Error(actionNode ?? rule, $"{path}.action", allowPass
                        ? $"action '{actionText}' is not one of Allow, Deny, Pass."
                        : $"action '{actionText}' is not one of Allow, Deny (a baseline policy cannot Pass).");
                    continue;
            }

            var peers = new List<AdminPeer>();
            var peerItems = scope.List(ReadScope.Get(rule, peersKey), $"{path}.{peersKey}");
            if (peerItems.Count == 0)
            {
                scope.Error(rule, $"{path}.{peersKey}", $"an admin policy rule needs at least one peer in '{peersKey}'.");
                continue;
            }

            for (var j = 0; j < peerItems.Count; j++)
            {
                var peer = ReadPeer(scope, peerItems[j], $"{path}.{peersKey}[{j}]", egress: peersKey == "to");
                if (peer is not null)
                {
                    peers.Add(peer);
                }
            }

            var ports = new List<AdminPort>();
            var portItems = scope.List(ReadScope.Get(rule, "ports"), $"{path}.ports");
            for (var j = 0; j < portItems.Count; j++)
            {
                var port = ReadPort(scope, portItems[j], $"{path}.ports[{j}]");
                if (port is not null)
                {
                    ports.Add(port);
                }
            }

            rules.Add(new AdminRule(name, action, peers.ToValueArray(), ports.ToValueArray()));
        }

        if (rules.Count > 100)
        {
            scope.Warning(node, field, $"{rules.Count} rules: the API allows at most 100 per direction.");
        }

        return rules;
    }

    /// <summary>
    /// A peer of an admin rule: namespaces or pods, and for egress networks or nodes too (and domain names,
    /// which only a ClusterNetworkPolicy has).
    /// </summary>
    internal static AdminPeer? ReadPeer(ReadScope scope, YamlTreeNode node, string path, bool egress, bool domainNames = false)
    {
        var peer = scope.Mapping(node, path);
        if (peer is null)
        {
            return null;
        }

        scope.CheckFields(peer, path, !egress ? ["namespaces", "pods"] : domainNames ? ["namespaces", "pods", "nodes", "networks", "domainNames"] : ["namespaces", "pods", "nodes", "networks"]);
        if (ReadScope.Has(peer, "namespaces"))
        {
            return AdminPeer.OfNamespaces(SelectorReader.Read(scope, ReadScope.Get(peer, "namespaces"), $"{path}.namespaces") ?? Engine.Selectors.LabelSelector.Everything);
        }

        if (ReadScope.Get(peer, "pods") is { } pods)
        {
            scope.CheckFields(pods, $"{path}.pods", "namespaceSelector", "podSelector");
            return AdminPeer.OfPods(
                SelectorReader.Read(scope, ReadScope.Get(pods, "namespaceSelector"), $"{path}.pods.namespaceSelector") ?? Engine.Selectors.LabelSelector.Everything,
                SelectorReader.Read(scope, ReadScope.Get(pods, "podSelector"), $"{path}.pods.podSelector") ?? Engine.Selectors.LabelSelector.Everything);
        }

        if (egress && ReadScope.Get(peer, "networks") is { } networksNode)
        {
            var networks = new List<Cidr>();
            var items = scope.List(networksNode, $"{path}.networks");
            for (var i = 0; i < items.Count; i++)
            {
                var text = scope.String(items[i], $"{path}.networks[{i}]");
                if (!Cidr.TryParse(text, out var cidr, out var error))
                {
                    scope.Error(items[i], $"{path}.networks[{i}]", error + ".");
                    continue;
                }

                networks.Add(cidr);
            }

            return networks.Count == 0 ? null : AdminPeer.OfNetworks([.. networks]);
        }

        if (egress && ReadScope.Get(peer, "nodes") is { } nodesNode)
        {
            scope.Warning(nodesNode, $"{path}.nodes", "nodes peers are not modelled (the manifests describe no nodes); this peer matches nothing.");
            return new AdminPeer(null, null, null, ValueArray<Cidr>.Empty, SelectorReader.Read(scope, nodesNode, $"{path}.nodes"));
        }

        if (egress && domainNames && ReadScope.Get(peer, "domainNames") is { } namesNode)
        {
            var names = scope.List(namesNode, $"{path}.domainNames").Select((n, i) => scope.String(n, $"{path}.domainNames[{i}]")).OfType<string>().ToArray();
            scope.Info(namesNode, $"{path}.domainNames", "domain names resolve outside the manifests; this peer matches no workload and no address here.");
            return names.Length == 0 ? null : AdminPeer.OfDomainNames(names);
        }

        scope.Error(peer, path, !egress ? "a peer must name namespaces or pods." : domainNames ? "a peer must name namespaces, pods, networks, nodes or domainNames." : "a peer must name namespaces, pods, networks or nodes.");
        return null;
    }

    private static AdminPort? ReadPort(ReadScope scope, YamlTreeNode node, string path)
    {
        var port = scope.Mapping(node, path);
        if (port is null)
        {
            return null;
        }

        scope.CheckFields(port, path, "portNumber", "namedPort", "portRange");
        if (ReadScope.Get(port, "portNumber") is { } numberNode)
        {
            var protocol = ReadProtocol(scope, numberNode, $"{path}.portNumber");
            var number = scope.Integer(ReadScope.Get(numberNode, "port"), $"{path}.portNumber.port");
            if (protocol is null || number is null || !PortRange.IsValidPort(number.Value))
            {
                scope.Error(numberNode, $"{path}.portNumber", "portNumber needs a protocol and a port between 1 and 65535.");
                return null;
            }

            return AdminPort.Number(protocol.Value, (int)number.Value);
        }

        if (ReadScope.Get(port, "namedPort") is { } namedNode)
        {
            var name = scope.String(namedNode, $"{path}.namedPort");
            return string.IsNullOrEmpty(name) ? null : AdminPort.Named(name);
        }

        if (ReadScope.Get(port, "portRange") is { } rangeNode)
        {
            var protocol = ReadProtocol(scope, rangeNode, $"{path}.portRange");
            var start = scope.Integer(ReadScope.Get(rangeNode, "start"), $"{path}.portRange.start");
            var end = scope.Integer(ReadScope.Get(rangeNode, "end"), $"{path}.portRange.end");
            if (protocol is null || start is null || end is null || !PortRange.IsValidPort(start.Value) || !PortRange.IsValidPort(end.Value) || start > end)
            {
                scope.Error(rangeNode, $"{path}.portRange", "portRange needs a protocol, and start and end between 1 and 65535 with start <= end.");
                return null;
            }

            return AdminPort.Range(protocol.Value, (int)start.Value, (int)end.Value);
        }

        scope.Error(port, path, "a port must be a portNumber, a namedPort or a portRange.");
        return null;
    }

    private static Protocol? ReadProtocol(ReadScope scope, YamlTreeNode node, string path)
    {
        var text = scope.String(ReadScope.Get(node, "protocol"), $"{path}.protocol");
        if (text is null)
        {
            return Protocol.TCP;
        }

        if (Protocols.TryParseKubernetes(text, out var protocol))
        {
            return protocol;
        }

        scope.Error(ReadScope.Get(node, "protocol"), $"{path}.protocol", $"protocol '{text}' is not one of TCP, UDP, SCTP.");
        return null;
    }
}
