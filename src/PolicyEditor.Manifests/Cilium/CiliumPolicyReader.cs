using System.Text.RegularExpressions;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Cilium;

/// <summary>
/// Reads cilium.io/v2 CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and CiliumCIDRGroup objects into
/// the engine's records, with a diagnostic (file, line, field) for everything Cilium would refuse or a
/// person would not mean. A policy with errors is not loaded; what the analysis cannot decide statically
/// (host policies, nodes, cloud groups, mutual authentication) is kept and warned about.
/// </summary>
internal static partial class CiliumPolicyReader
{
    /// <summary>The kinds this reader reads.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(
        [CiliumPolicy.NamespacedKind, CiliumPolicy.ClusterwideKind, CiliumCidrGroup.KindName], StringComparer.Ordinal);

    /// <summary>The cluster-scoped ones.</summary>
    public static bool IsClusterScoped(string kind) => kind is CiliumPolicy.ClusterwideKind or CiliumCidrGroup.KindName;

    private static readonly string[] RuleFields =
        ["endpointSelector", "nodeSelector", "ingress", "ingressDeny", "egress", "egressDeny", "enableDefaultDeny", "description", "labels", "log"];

    private static readonly string[] IngressFields =
        ["fromEndpoints", "fromCIDR", "fromCIDRSet", "fromEntities", "fromRequires", "fromNodes", "fromGroups", "toPorts", "icmps", "authentication"];

    private static readonly string[] EgressFields =
        ["toEndpoints", "toCIDR", "toCIDRSet", "toEntities", "toServices", "toFQDNs", "toRequires", "toNodes", "toGroups", "toPorts", "icmps", "authentication"];

    /// <summary>Reads a CiliumNetworkPolicy (<paramref name="ns"/> set) or CiliumClusterwideNetworkPolicy; null when it has errors.</summary>
    public static CiliumPolicy? ReadPolicy(ReadScope scope, YamlTreeMapping root, string kind, string? ns, string name)
    {
        var errorsBefore = scope.ErrorCount;
        CheckApiVersion(scope, root, kind);
        scope.CheckFields(root, string.Empty, "apiVersion", "kind", "metadata", "spec", "specs", "status");
        var specNode = ReadScope.Get(root, "spec");
        var specsNode = ReadScope.Get(root, "specs");
        if (specNode is null && specsNode is null)
        {
            scope.Error(root, "spec", $"a {kind} needs a 'spec' or 'specs' with at least one rule.");
        }

        var spec = specNode is null ? null : ReadRule(scope, specNode, "spec");
        var specs = new List<CiliumRule>();
        var items = scope.List(specsNode, "specs");
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadRule(scope, items[i], $"specs[{i}]") is { } rule)
            {
                specs.Add(rule);
            }
        }

        if (scope.ErrorCount > errorsBefore)
        {
            scope.Error(root, null, $"the {kind} was not loaded because of the errors reported for it.");
            return null;
        }

        return new CiliumPolicy(ns, name, spec, specs.ToValueArray());
    }

    /// <summary>Reads a CiliumCIDRGroup; null when it has errors.</summary>
    public static CiliumCidrGroup? ReadCidrGroup(ReadScope scope, YamlTreeMapping root, string name)
    {
        var errorsBefore = scope.ErrorCount;
        scope.CheckFields(root, string.Empty, "apiVersion", "kind", "metadata", "spec");
        var spec = scope.Mapping(ReadScope.Get(root, "spec"), "spec");
        scope.CheckFields(spec, "spec", "externalCIDRs");
        var cidrs = new List<string>();
        var items = scope.List(ReadScope.Get(spec, "externalCIDRs"), "spec.externalCIDRs");
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadCidr(scope, items[i], $"spec.externalCIDRs[{i}]") is { } cidr)
            {
                cidrs.Add(cidr);
            }
        }

        if (scope.ErrorCount > errorsBefore)
        {
            scope.Error(root, null, "the CiliumCIDRGroup was not loaded because of the errors reported for it.");
            return null;
        }

        var labels = scope.StringMap(ReadScope.Get(ReadScope.Get(root, "metadata"), "labels"), "metadata.labels");
        return new CiliumCidrGroup(name, labels, cidrs.ToValueArray());
    }

    private static void CheckApiVersion(ReadScope scope, YamlTreeMapping root, string kind)
    {
        var node = ReadScope.Get(root, "apiVersion");
        var version = scope.String(node, "apiVersion");
        if (version is not null && version != "cilium.io/v2")
        {
            scope.Warning(node, "apiVersion", $"{kind} is cilium.io/v2; '{version}' is read as that version.");
        }
    }

    private static CiliumRule? ReadRule(ReadScope scope, YamlTreeNode node, string field)
    {
        var rule = scope.Mapping(node, field);
        if (rule is null)
        {
            return null;
        }

        scope.CheckFields(rule, field, RuleFields);
        var endpointNode = ReadScope.Get(rule, "endpointSelector");
        var nodeNode = ReadScope.Get(rule, "nodeSelector");
        var endpoints = endpointNode is null ? null : ReadSelector(scope, endpointNode, $"{field}.endpointSelector", allowReserved: false);
        var nodes = nodeNode is null ? null : SelectorReader.Read(scope, nodeNode, $"{field}.nodeSelector");
        if (endpointNode is null && nodeNode is null)
        {
            scope.Error(rule, $"{field}.endpointSelector", "a rule needs an 'endpointSelector' (the pods it applies to; {} for all) or a 'nodeSelector' (a host policy).");
        }
        else if (endpointNode is not null && nodeNode is not null)
        {
            scope.Error(nodeNode, $"{field}.nodeSelector", "a rule has either an 'endpointSelector' or a 'nodeSelector', not both.");
        }
        else if (nodeNode is not null)
        {
            scope.Warning(nodeNode, $"{field}.nodeSelector", "a host policy applies to the nodes' host firewall, which manifests do not describe; it is kept and shown but decides nothing here.");
        }

        var ingress = ReadPeerRules(scope, rule, "ingress", field, deny: false);
        var ingressDeny = ReadPeerRules(scope, rule, "ingressDeny", field, deny: true);
        var egress = ReadPeerRules(scope, rule, "egress", field, deny: false);
        var egressDeny = ReadPeerRules(scope, rule, "egressDeny", field, deny: true);
        var defaultDeny = scope.Mapping(ReadScope.Get(rule, "enableDefaultDeny"), $"{field}.enableDefaultDeny");
        scope.CheckFields(defaultDeny, $"{field}.enableDefaultDeny", "ingress", "egress");
        var description = scope.String(ReadScope.Get(rule, "description"), $"{field}.description");
        return new CiliumRule(endpoints, nodes, ingress, ingressDeny, egress, egressDeny,
            Boolean(scope, ReadScope.Get(defaultDeny, "ingress"), $"{field}.enableDefaultDeny.ingress"),
            Boolean(scope, ReadScope.Get(defaultDeny, "egress"), $"{field}.enableDefaultDeny.egress"),
            description);
    }

    private static bool? Boolean(ReadScope scope, YamlTreeNode? node, string field)
    {
        var text = scope.String(node, field);
        switch (text)
        {
            case null: return null;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
            default:
                scope.Error(node, field, $"expected true or false but found '{text}'.");
                return null;
        }
    }

    private static ValueArray<CiliumPeerRule> ReadPeerRules(ReadScope scope, YamlTreeMapping rule, string section, string parent, bool deny)
    {
        var result = new List<CiliumPeerRule>();
        var items = scope.List(ReadScope.Get(rule, section), $"{parent}.{section}");
        var egress = section.StartsWith("egress", StringComparison.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"{parent}.{section}[{i}]";
            var item = scope.Mapping(items[i], field);
            if (item is null)
            {
                continue;
            }

            result.Add(ReadPeerRule(scope, item, field, egress, deny));
        }

        return result.ToValueArray();
    }

    private static CiliumPeerRule ReadPeerRule(ReadScope scope, YamlTreeMapping item, string field, bool egress, bool deny)
    {
        scope.CheckFields(item, field, egress ? EgressFields : IngressFields);
        var dir = egress ? "to" : "from";
        var endpoints = new List<LabelSelector>();
        var selectorItems = scope.List(ReadScope.Get(item, $"{dir}Endpoints"), $"{field}.{dir}Endpoints");
        for (var i = 0; i < selectorItems.Count; i++)
        {
            if (ReadSelector(scope, selectorItems[i], $"{field}.{dir}Endpoints[{i}]", allowReserved: true) is { } selector)
            {
                endpoints.Add(selector);
            }
        }

        var cidrs = new List<CiliumCidr>();
        var plain = scope.List(ReadScope.Get(item, $"{dir}CIDR"), $"{field}.{dir}CIDR");
        for (var i = 0; i < plain.Count; i++)
        {
            if (ReadCidr(scope, plain[i], $"{field}.{dir}CIDR[{i}]") is { } cidr)
            {
                cidrs.Add(CiliumCidr.Plain(cidr));
            }
        }

        var sets = scope.List(ReadScope.Get(item, $"{dir}CIDRSet"), $"{field}.{dir}CIDRSet");
        for (var i = 0; i < sets.Count; i++)
        {
            if (ReadCidrSet(scope, sets[i], $"{field}.{dir}CIDRSet[{i}]") is { } set)
            {
                cidrs.Add(set);
            }
        }

        var entities = new List<string>();
        var entityItems = scope.List(ReadScope.Get(item, $"{dir}Entities"), $"{field}.{dir}Entities");
        for (var i = 0; i < entityItems.Count; i++)
        {
            var entity = scope.String(entityItems[i], $"{field}.{dir}Entities[{i}]");
            if (entity is null)
            {
                continue;
            }

            if (!CiliumEntities.All.Contains(entity))
            {
                scope.Error(entityItems[i], $"{field}.{dir}Entities[{i}]", $"'{entity}' is not an entity; expected one of: {string.Join(", ", CiliumEntities.All.Order(StringComparer.Ordinal))}.");
                continue;
            }

            entities.Add(entity);
        }

        var services = egress ? ReadServices(scope, ReadScope.Get(item, "toServices"), $"{field}.toServices") : [];
        var fqdns = egress ? ReadFqdns(scope, ReadScope.Get(item, "toFQDNs"), $"{field}.toFQDNs") : [];
        if (fqdns.Count > 0 && deny)
        {
            scope.Error(ReadScope.Get(item, "toFQDNs"), $"{field}.toFQDNs", "deny rules do not support toFQDNs (Cilium cannot deny a DNS name); deny the addresses with toCIDRSet instead.");
        }

        if (fqdns.Count > 0 && (endpoints.Count > 0 || cidrs.Count > 0 || entities.Count > 0 || services.Count > 0))
        {
            scope.Error(ReadScope.Get(item, "toFQDNs"), $"{field}.toFQDNs", "a toFQDNs rule cannot contain other peers (toEndpoints, toCIDR, toEntities, toServices); put them in a rule of their own.");
        }

        var ports = ReadPortRules(scope, ReadScope.Get(item, "toPorts"), $"{field}.toPorts", deny);
        var icmps = ReadIcmps(scope, ReadScope.Get(item, "icmps"), $"{field}.icmps");
        var undecided = new List<CiliumField>();
        foreach (var (key, value) in ((YamlTreeMapping)item).Entries)
        {
            if (CiliumField.PeerFields.Contains(key.Value) || key.Value == "authentication")
            {
                undecided.Add(new CiliumField(key.Value, CiliumValues.From(value)));
                scope.Warning(key, $"{field}.{key.Value}", key.Value == "authentication"
                    ? "mutual authentication is decided when the connection is made; the rule is analysed as if it succeeds."
                    : $"{key.Value} depends on the nodes or the cloud provider, which manifests do not describe; it is kept and shown but matches no peer here.");
            }
        }

        return new CiliumPeerRule(endpoints.ToValueArray(), cidrs.ToValueArray(), entities.ToValueArray(), services, fqdns, ports, icmps, undecided.ToValueArray());
    }

    private static string? ReadCidr(ReadScope scope, YamlTreeNode node, string field)
    {
        var text = scope.String(node, field);
        if (text is null)
        {
            return null;
        }

        // Cilium takes a bare address as a single-address prefix.
        var withPrefix = text.Contains('/', StringComparison.Ordinal) ? text : text + (text.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");
        if (!Cidr.TryParse(withPrefix, out _, out var error))
        {
            scope.Error(node, field, $"'{text}' is not a CIDR: {error}");
            return null;
        }

        return text;
    }

    private static CiliumCidr? ReadCidrSet(ReadScope scope, YamlTreeNode node, string field)
    {
        var set = scope.Mapping(node, field);
        if (set is null)
        {
            return null;
        }

        scope.CheckFields(set, field, "cidr", "except", "cidrGroupRef", "cidrGroupSelector");
        var cidrNode = ReadScope.Get(set, "cidr");
        var cidr = cidrNode is null ? null : ReadCidr(scope, cidrNode, $"{field}.cidr");
        var groupRef = scope.String(ReadScope.Get(set, "cidrGroupRef"), $"{field}.cidrGroupRef");
        var groupSelectorNode = ReadScope.Get(set, "cidrGroupSelector");
        var groupSelector = groupSelectorNode is null ? null : SelectorReader.Read(scope, groupSelectorNode, $"{field}.cidrGroupSelector");
        var given = (cidrNode is null ? 0 : 1) + (groupRef is null ? 0 : 1) + (groupSelectorNode is null ? 0 : 1);
        if (given != 1)
        {
            scope.Error(set, field, "a CIDR set names exactly one of 'cidr', 'cidrGroupRef' and 'cidrGroupSelector'.");
            return null;
        }

        var except = new List<string>();
        var exceptItems = scope.List(ReadScope.Get(set, "except"), $"{field}.except");
        for (var i = 0; i < exceptItems.Count; i++)
        {
            if (ReadCidr(scope, exceptItems[i], $"{field}.except[{i}]") is { } e)
            {
                if (cidr is not null && Cidr.TryParse(Prefixed(cidr), out var outer, out _) && Cidr.TryParse(Prefixed(e), out var inner, out _) && !outer.Range.Contains(inner.Range))
                {
                    scope.Warning(exceptItems[i], $"{field}.except[{i}]", $"{e} is not inside {cidr}; excepting it changes nothing.");
                }

                except.Add(e);
            }
        }

        return cidr is null && groupRef is null && groupSelector is null ? null : new CiliumCidr(true, cidr, groupRef, groupSelector, except.ToValueArray());
    }

    /// <summary>A CIDR as Cilium reads it: a bare address is a single-address prefix.</summary>
    internal static string Prefixed(string text) =>
        text.Contains('/', StringComparison.Ordinal) ? text : text + (text.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");

    private static ValueArray<CiliumService> ReadServices(ReadScope scope, YamlTreeNode? node, string field)
    {
        var result = new List<CiliumService>();
        var items = scope.List(node, field);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            var item = scope.Mapping(items[i], path);
            scope.CheckFields(item, path, "k8sService", "k8sServiceSelector");
            var byName = scope.Mapping(ReadScope.Get(item, "k8sService"), $"{path}.k8sService");
            var bySelector = scope.Mapping(ReadScope.Get(item, "k8sServiceSelector"), $"{path}.k8sServiceSelector");
            if ((byName is null) == (bySelector is null))
            {
                scope.Error(item ?? items[i], path, "a toServices item names exactly one of 'k8sService' and 'k8sServiceSelector'.");
                continue;
            }

            if (byName is not null)
            {
                scope.CheckFields(byName, $"{path}.k8sService", "serviceName", "namespace");
                var name = scope.String(ReadScope.Get(byName, "serviceName"), $"{path}.k8sService.serviceName");
                if (string.IsNullOrEmpty(name))
                {
                    scope.Error(byName, $"{path}.k8sService.serviceName", "k8sService needs a 'serviceName'.");
                    continue;
                }

                result.Add(new CiliumService(name, null, scope.String(ReadScope.Get(byName, "namespace"), $"{path}.k8sService.namespace")));
            }
            else
            {
                scope.CheckFields(bySelector, $"{path}.k8sServiceSelector", "selector", "namespace");
                var selector = SelectorReader.Read(scope, ReadScope.Get(bySelector, "selector"), $"{path}.k8sServiceSelector.selector") ?? LabelSelector.Everything;
                result.Add(new CiliumService(null, selector, scope.String(ReadScope.Get(bySelector, "namespace"), $"{path}.k8sServiceSelector.namespace")));
            }
        }

        return result.ToValueArray();
    }

    private static ValueArray<CiliumFqdn> ReadFqdns(ReadScope scope, YamlTreeNode? node, string field)
    {
        var result = new List<CiliumFqdn>();
        foreach (var (item, path) in scope.Mappings(node, field))
        {
            scope.CheckFields(item, path, "matchName", "matchPattern");
            var name = scope.String(ReadScope.Get(item, "matchName"), $"{path}.matchName");
            var pattern = scope.String(ReadScope.Get(item, "matchPattern"), $"{path}.matchPattern");
            if ((name is null) == (pattern is null))
            {
                scope.Error(item, path, "a toFQDNs item names exactly one of 'matchName' and 'matchPattern'.");
                continue;
            }

            var text = name ?? pattern!;
            var valid = name is not null ? DnsName().IsMatch(text) : text == "*" || DnsPatternText().IsMatch(text);
            if (!valid)
            {
                scope.Error(ReadScope.Get(item, name is not null ? "matchName" : "matchPattern"), $"{path}.{(name is not null ? "matchName" : "matchPattern")}",
                    name is not null
                        ? $"'{text}' is not a DNS name (letters, digits, '-', '_' and '.')."
                        : $"'{text}' is not a DNS pattern (letters, digits, '-', '_', '.', '*', and '**.' at the start).");
                continue;
            }

            result.Add(new CiliumFqdn(name, pattern));
        }

        return result.ToValueArray();
    }

    private static ValueArray<CiliumPortRule> ReadPortRules(ReadScope scope, YamlTreeNode? node, string field, bool deny)
    {
        var result = new List<CiliumPortRule>();
        foreach (var (item, path) in scope.Mappings(node, field))
        {
            scope.CheckFields(item, path, "ports", "rules", "terminatingTLS", "originatingTLS", "serverNames", "listener");
            var ports = new List<CiliumPort>();
            var portItems = scope.List(ReadScope.Get(item, "ports"), $"{path}.ports");
            for (var j = 0; j < portItems.Count; j++)
            {
                if (ReadPort(scope, portItems[j], $"{path}.ports[{j}]") is { } port)
                {
                    ports.Add(port);
                }
            }

            var rulesNode = ReadScope.Get(item, "rules");
            CiliumField? rules = null;
            if (rulesNode is not null)
            {
                if (deny)
                {
                    scope.Error(rulesNode, $"{path}.rules", "deny rules do not support L7 rules (Cilium cannot deny a URL or a DNS query); deny the port instead.");
                }
                else
                {
                    scope.CheckFields(rulesNode, $"{path}.rules", "http", "dns", "kafka", "l7proto", "l7");
                    rules = new CiliumField("rules", CiliumValues.From(rulesNode));
                }
            }

            var undecided = item.Entries.Where(e => e.Key.Value is "terminatingTLS" or "originatingTLS" or "serverNames" or "listener")
                .Select(e => new CiliumField(e.Key.Value, CiliumValues.From(e.Value))).ToValueArray();
            result.Add(new CiliumPortRule(ports.ToValueArray(), rules, undecided));
        }

        return result.ToValueArray();
    }

    private static CiliumPort? ReadPort(ReadScope scope, YamlTreeNode node, string field)
    {
        var item = scope.Mapping(node, field);
        if (item is null)
        {
            return null;
        }

        scope.CheckFields(item, field, "port", "endPort", "protocol");
        var portNode = ReadScope.Get(item, "port");
        var port = scope.String(portNode, $"{field}.port") ?? string.Empty;
        var protocolNode = ReadScope.Get(item, "protocol");
        var protocol = scope.String(protocolNode, $"{field}.protocol");
        if (protocol is not null && protocol is not ("TCP" or "UDP" or "SCTP" or "ANY"))
        {
            scope.Error(protocolNode, $"{field}.protocol", $"protocol '{protocol}' is not one of TCP, UDP, SCTP, ANY (ICMP goes in 'icmps').");
            return null;
        }

        int? endPort = null;
        var endNode = ReadScope.Get(item, "endPort");
        if (endNode is not null && scope.Integer(endNode, $"{field}.endPort") is { } end)
        {
            endPort = (int)Math.Clamp(end, 0, 65536);
        }

        if (int.TryParse(port, out var number))
        {
            if (number is < 0 or > 65535)
            {
                scope.Error(portNode, $"{field}.port", $"port {number} is outside 0-65535.");
                return null;
            }

            if (endPort is { } e && (e > 65535 || e < number))
            {
                scope.Error(endNode, $"{field}.endPort", $"endPort {e} must be between port {number} and 65535.");
                return null;
            }
        }
        else if (port.Length > 0)
        {
            if (!PortName().IsMatch(port))
            {
                scope.Error(portNode, $"{field}.port", $"'{port}' is neither a port number nor a port name (up to 15 lower-case letters, digits and '-').");
                return null;
            }

            if (endNode is not null)
            {
                scope.Error(endNode, $"{field}.endPort", "endPort goes with a port number, not a named port.");
                return null;
            }
        }

        return new CiliumPort(port, endPort, protocol);
    }

    private static ValueArray<CiliumIcmp> ReadIcmps(ReadScope scope, YamlTreeNode? node, string field)
    {
        var result = new List<CiliumIcmp>();
        var items = scope.List(node, field);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            var item = scope.Mapping(items[i], path);
            scope.CheckFields(item, path, "fields");
            var fields = scope.List(ReadScope.Get(item, "fields"), $"{path}.fields");
            for (var j = 0; j < fields.Count; j++)
            {
                var fpath = $"{path}.fields[{j}]";
                var f = scope.Mapping(fields[j], fpath);
                scope.CheckFields(f, fpath, "type", "family");
                var type = scope.String(ReadScope.Get(f, "type"), $"{fpath}.type");
                var family = scope.String(ReadScope.Get(f, "family"), $"{fpath}.family") ?? "IPv4";
                if (string.IsNullOrEmpty(type))
                {
                    scope.Error(f ?? fields[j], $"{fpath}.type", "an ICMP field needs a 'type' (a number 0-255 or a name such as EchoRequest).");
                    continue;
                }

                if (family is not ("IPv4" or "IPv6"))
                {
                    scope.Error(ReadScope.Get(f, "family"), $"{fpath}.family", $"family '{family}' is not IPv4 or IPv6.");
                    continue;
                }

                result.Add(new CiliumIcmp(type, family));
            }
        }

        return result.ToValueArray();
    }

    /// <summary>An endpoint selector whose keys may carry a source prefix (<c>k8s:</c>, <c>any:</c>, and <c>reserved:</c> for entities in peers).</summary>
    private static LabelSelector? ReadSelector(ReadScope scope, YamlTreeNode node, string field, bool allowReserved) =>
        SelectorReader.Read(scope, node, field, (at, path, key, value) => CheckKey(scope, at, path, key, allowReserved, value));

    private static void CheckKey(ReadScope scope, YamlTreeNode? node, string field, string key, bool allowReserved, string? value)
    {
        if (key.StartsWith(CiliumLabels.ReservedPrefix, StringComparison.Ordinal))
        {
            var entity = key[CiliumLabels.ReservedPrefix.Length..];
            if (!allowReserved)
            {
                scope.Error(node, field, $"'{key}' selects an entity, which a rule cannot apply to; select pods by their labels.");
            }
            else if (!CiliumEntities.All.Contains(entity))
            {
                scope.Error(node, field, $"'{key}' is not a reserved label; expected reserved: followed by one of: {string.Join(", ", CiliumEntities.All.Order(StringComparer.Ordinal))}.");
            }

            return;
        }

        var bare = CiliumLabels.Normalize(key);
        var problem = LabelSyntax.CheckKey(bare) ?? (value is null ? null : LabelSyntax.CheckValue(value));
        if (problem is not null)
        {
            scope.Error(node, field, problem + ".");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$")]
    private static partial Regex DnsName();

    [GeneratedRegex(@"^(\*\*\.)?[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*\.?$")]
    private static partial Regex DnsPatternText();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$")]
    private static partial Regex PortName();
}
