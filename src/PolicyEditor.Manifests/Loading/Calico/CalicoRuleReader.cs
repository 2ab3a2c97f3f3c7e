using System.Globalization;
using System.Net;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Manifests.Loading.Calico;

/// <summary>
/// Reads the parts Calico's kinds share: rules (action, protocol, ICMP, IP version, source and
/// destination, http), selectors in Calico's language (an error at the selector's own column when one
/// does not parse), ports and nets; checks each as Calico's API server would.
/// </summary>
internal static class CalicoRuleReader
{
    private static readonly string[] RuleFields = ["action", "protocol", "notProtocol", "icmp", "notICMP", "ipVersion", "source", "destination", "http", "metadata"];
    private static readonly string[] EntityFields = ["nets", "notNets", "net", "notNet", "selector", "notSelector", "namespaceSelector", "ports", "notPorts", "serviceAccounts", "services"];

    /// <summary>The rules of a list field (<c>spec.ingress</c>, <c>spec.egress</c>).</summary>
    public static List<CalicoRule> ReadRules(ReadScope scope, YamlTreeNode? node, string field)
    {
        var rules = new List<CalicoRule>();
        var items = scope.List(node, field);
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadRule(scope, items[i], $"{field}[{i}]") is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static CalicoRule? ReadRule(ReadScope scope, YamlTreeNode node, string path)
    {
        var rule = scope.Mapping(node, path);
        if (rule is null)
        {
            return null;
        }

        scope.CheckFields(rule, path, RuleFields);
        var actionNode = ReadScope.Get(rule, "action");
        var actionText = scope.String(actionNode, $"{path}.action");
        RuleAction action;
        switch (actionText)
        {
            case "Allow": action = RuleAction.Allow; break;
            case "Deny": action = RuleAction.Deny; break;
            case "Pass": action = RuleAction.Pass; break;
            case "Log": action = RuleAction.Log; break;
            case null:
                scope.Error(rule, $"{path}.action", "a Calico rule needs an 'action': Allow, Deny, Pass or Log.");
                return null;
            default:
                scope.Error(actionNode, $"{path}.action", $"action '{actionText}' is not one of Allow, Deny, Pass, Log.");
                return null;
        }

        var protocol = ReadProtocol(scope, rule, "protocol", path);
        var notProtocol = ReadProtocol(scope, rule, "notProtocol", path);
        var icmp = ReadIcmp(scope, rule, "icmp", path, protocol);
        var notIcmp = ReadIcmp(scope, rule, "notICMP", path, protocol);
        int? ipVersion = null;
        if (ReadScope.Get(rule, "ipVersion") is { } versionNode)
        {
            var v = scope.Integer(versionNode, $"{path}.ipVersion");
            if (v is 4 or 6)
            {
                ipVersion = (int)v.Value;
            }
            else if (v is not null)
            {
                scope.Error(versionNode, $"{path}.ipVersion", $"ipVersion {v} is not 4 or 6.");
            }
        }

        var source = ReadEntity(scope, ReadScope.Get(rule, "source"), $"{path}.source", protocol);
        var destination = ReadEntity(scope, ReadScope.Get(rule, "destination"), $"{path}.destination", protocol);
        var http = ReadHttp(scope, ReadScope.Get(rule, "http"), $"{path}.http");
        if (source is null || destination is null)
        {
            return null;
        }

        return new CalicoRule(action, protocol, notProtocol, icmp, notIcmp, ipVersion, source, destination, http);
    }

    private static CalicoProtocol? ReadProtocol(ReadScope scope, YamlTreeMapping rule, string key, string path)
    {
        var node = ReadScope.Get(rule, key);
        var text = scope.String(node, $"{path}.{key}");
        if (text is null)
        {
            return null;
        }

        if (CalicoProtocol.TryParse(text, out var protocol))
        {
            return protocol;
        }

        scope.Error(node, $"{path}.{key}", $"protocol '{text}' is not TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255.");
        return null;
    }

    private static CalicoIcmp? ReadIcmp(ReadScope scope, YamlTreeMapping rule, string key, string path, CalicoProtocol? protocol)
    {
        var node = scope.Mapping(ReadScope.Get(rule, key), $"{path}.{key}");
        if (node is null)
        {
            return null;
        }

        scope.CheckFields(node, $"{path}.{key}", "type", "code");
        var type = scope.Integer(ReadScope.Get(node, "type"), $"{path}.{key}.type");
        var code = scope.Integer(ReadScope.Get(node, "code"), $"{path}.{key}.code");
        if (protocol is not { IsIcmp: true })
        {
            scope.Error(node, $"{path}.{key}", $"{key} needs protocol ICMP or ICMPv6{(protocol is { } p ? $", not {p.Name}" : string.Empty)}.");
        }

        if (type is < 0 or > 254)
        {
            scope.Error(ReadScope.Get(node, "type"), $"{path}.{key}.type", $"ICMP type {type} is outside 0-254.");
        }

        if (code is < 0 or > 255)
        {
            scope.Error(ReadScope.Get(node, "code"), $"{path}.{key}.code", $"ICMP code {code} is outside 0-255.");
        }

        if (code is not null && type is null)
        {
            scope.Error(node, $"{path}.{key}.code", "an ICMP code needs a type.");
        }

        return new CalicoIcmp((int?)type, (int?)code);
    }

    private static CalicoEntityRule? ReadEntity(ReadScope scope, YamlTreeNode? node, string path, CalicoProtocol? protocol)
    {
        var entity = scope.Mapping(node, path);
        if (entity is null)
        {
            return CalicoEntityRule.Any;
        }

        scope.CheckFields(entity, path, EntityFields);
        var nets = ReadNets(scope, entity, "nets", "net", path);
        var notNets = ReadNets(scope, entity, "notNets", "notNet", path);
        var selector = ReadSelector(scope, ReadScope.Get(entity, "selector"), $"{path}.selector");
        var notSelector = ReadSelector(scope, ReadScope.Get(entity, "notSelector"), $"{path}.notSelector");
        var namespaceSelector = ReadSelector(scope, ReadScope.Get(entity, "namespaceSelector"), $"{path}.namespaceSelector");
        var ports = ReadPorts(scope, ReadScope.Get(entity, "ports"), $"{path}.ports", protocol);
        var notPorts = ReadPorts(scope, ReadScope.Get(entity, "notPorts"), $"{path}.notPorts", protocol);
        CalicoServiceAccountMatch? accounts = null;
        if (scope.Mapping(ReadScope.Get(entity, "serviceAccounts"), $"{path}.serviceAccounts") is { } sa)
        {
            scope.CheckFields(sa, $"{path}.serviceAccounts", "names", "selector");
            var names = scope.List(ReadScope.Get(sa, "names"), $"{path}.serviceAccounts.names")
                .Select((n, i) => scope.String(n, $"{path}.serviceAccounts.names[{i}]")).OfType<string>().ToArray();
            accounts = new CalicoServiceAccountMatch(names, ReadSelector(scope, ReadScope.Get(sa, "selector"), $"{path}.serviceAccounts.selector"));
        }

        CalicoServiceMatch? services = null;
        if (scope.Mapping(ReadScope.Get(entity, "services"), $"{path}.services") is { } svc)
        {
            scope.CheckFields(svc, $"{path}.services", "name", "namespace");
            var name = scope.String(ReadScope.Get(svc, "name"), $"{path}.services.name");
            if (string.IsNullOrEmpty(name))
            {
                scope.Error(svc, $"{path}.services.name", "services needs the Service's 'name'.");
            }
            else
            {
                services = new CalicoServiceMatch(name, scope.String(ReadScope.Get(svc, "namespace"), $"{path}.services.namespace"));
            }
        }

        return new CalicoEntityRule(nets.ToArray(), notNets.ToArray(), selector, notSelector, namespaceSelector, ports.ToArray(), notPorts.ToArray(), accounts, services);
    }

    private static List<Cidr> ReadNets(ReadScope scope, YamlTreeMapping entity, string key, string singular, string path)
    {
        var result = new List<Cidr>();
        var items = new List<(YamlTreeNode Node, string Field)>();
        if (ReadScope.Get(entity, singular) is { } one)
        {
            items.Add((one, $"{path}.{singular}"));
        }

        var list = scope.List(ReadScope.Get(entity, key), $"{path}.{key}");
        for (var i = 0; i < list.Count; i++)
        {
            items.Add((list[i], $"{path}.{key}[{i}]"));
        }

        foreach (var (node, field) in items)
        {
            var text = scope.String(node, field);
            if (text is null)
            {
                continue;
            }

            if (TryParseNet(text, out var cidr, out var error))
            {
                result.Add(cidr);
            }
            else
            {
                scope.Error(node, field, $"{error}.");
            }
        }

        return result;
    }

    /// <summary>A CIDR, or one address (Calico reads it as the /32 or /128 of that address).</summary>
    public static bool TryParseNet(string text, out Cidr cidr, out string? error)
    {
        if (!text.Contains('/') && IPAddress.TryParse(text, out var address))
        {
            text += address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "/128" : "/32";
        }

        return Cidr.TryParse(text, out cidr, out error);
    }

    /// <summary>A selector in Calico's language; null when absent. A selector that does not parse is an error at its column.</summary>
    public static CalicoSelector? ReadSelector(ReadScope scope, YamlTreeNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlTreeScalar scalar)
        {
            scope.Error(node, field, $"a Calico selector is one line of text (e.g. app == 'web' && has(tier)) but found {node.Shape}.");
            return null;
        }

        if (CalicoSelector.TryParse(scalar.Value, out var selector, out var error, out var column))
        {
            return selector;
        }

        // Point at the character within the YAML line when the value is on one line.
        var at = new YamlTreeScalar(scalar.Line, scalar.Column + column - 1 + (scalar.Quoted ? 1 : 0), scalar.Value, scalar.Quoted);
        scope.Error(at, field, $"the selector '{scalar.Value}' does not parse: {error}.");
        return null;
    }

    private static List<CalicoPort> ReadPorts(ReadScope scope, YamlTreeNode? node, string field, CalicoProtocol? protocol)
    {
        var ports = new List<CalicoPort>();
        var items = scope.List(node, field);
        if (items.Count > 0 && protocol is not { HasPorts: true })
        {
            scope.Error(node, field, protocol is { } p
                ? $"ports need protocol TCP, UDP, SCTP or UDPLite; protocol {p.Name} has none."
                : "ports need the rule's protocol to be TCP, UDP, SCTP or UDPLite; Calico refuses ports without one.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (items[i] is not YamlTreeScalar s)
            {
                scope.Error(items[i], path, $"a port is a number, a range 'from:to' or a name, but found {items[i].Shape}.");
                continue;
            }

            if (ParsePort(s.Value) is { } port)
            {
                ports.Add(port);
            }
            else if (IsBackwardRange(s.Value) is { } backward)
            {
                scope.Error(s, path, $"the range '{s.Value}' ends below where it starts; write it '{backward}'.");
            }
            else
            {
                scope.Error(s, path, $"'{s.Value}' is not a port: use a number 0-65535, a range 'from:to' or a port name.");
            }
        }

        return ports;
    }

    /// <summary>A range of two valid port numbers written end first ('80:70'), turned round ('70:80'); null otherwise.</summary>
    private static string? IsBackwardRange(string text)
    {
        var colon = text.IndexOf(':');
        return colon > 0
            && int.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && end < start && start <= 65535
            ? $"{end}:{start}"
            : null;
    }

    private static CalicoPort? ParsePort(string text)
    {
        static int? Number(string t) =>
            int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 65535 ? n : null;

        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            var start = Number(text[..colon]);
            var end = Number(text[(colon + 1)..]);
            return start is null || end is null || start > end ? null : CalicoPort.Range(start.Value, end.Value);
        }

        if (Number(text) is { } single)
        {
            return CalicoPort.Number(single);
        }

        // Calico takes any other text as a port name (unlike a container port's name, it is not held to 15 characters).
        if (text.Length == 0 || char.IsAsciiDigit(text[0]) || text.Any(char.IsWhiteSpace))
        {
            return null;
        }

        return CalicoPort.Named(text);
    }

    private static CalicoHttpMatch? ReadHttp(ReadScope scope, YamlTreeNode? node, string field)
    {
        var http = scope.Mapping(node, field);
        if (http is null)
        {
            return null;
        }

        scope.CheckFields(http, field, "methods", "paths", "headers");
        var methods = scope.List(ReadScope.Get(http, "methods"), $"{field}.methods")
            .Select((m, i) => scope.String(m, $"{field}.methods[{i}]")).OfType<string>().ToArray();
        var paths = new List<CalicoHttpPath>();
        var items = scope.List(ReadScope.Get(http, "paths"), $"{field}.paths");
        for (var i = 0; i < items.Count; i++)
        {
            var path = scope.Mapping(items[i], $"{field}.paths[{i}]");
            if (path is null)
            {
                continue;
            }

            scope.CheckFields(path, $"{field}.paths[{i}]", "exact", "prefix");
            if (scope.String(ReadScope.Get(path, "exact"), $"{field}.paths[{i}].exact") is { } exact)
            {
                paths.Add(new CalicoHttpPath(false, exact));
            }
            else if (scope.String(ReadScope.Get(path, "prefix"), $"{field}.paths[{i}].prefix") is { } prefix)
            {
                paths.Add(new CalicoHttpPath(true, prefix));
            }
            else
            {
                scope.Error(path, $"{field}.paths[{i}]", "a path is 'exact: /x' or 'prefix: /x'.");
            }
        }

        return new CalicoHttpMatch(methods, paths.ToArray());
    }
}
