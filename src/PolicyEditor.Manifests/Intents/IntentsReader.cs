using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Intents;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Manifests.Intents;

/// <summary>
/// Reads Otterize ClientIntents (<c>k8s.otterize.com</c>) of every documented API version into one model:
/// the older form (<c>v1alpha2</c>, <c>v1alpha3</c>, <c>v1beta1</c>, <c>v1</c>: <c>spec.service</c> and
/// <c>spec.calls</c>) and the newer (<c>v2alpha1</c>, <c>v2beta1</c>, <c>v2</c>: <c>spec.workload</c> and
/// <c>spec.targets</c>). Problems carry file, line and field; a call that cannot be read is left out and
/// the rest still loads.
/// </summary>
internal static class IntentsReader
{
    /// <summary>The kind.</summary>
    public const string Kind = "ClientIntents";

    /// <summary>The API group.</summary>
    public const string Group = "k8s.otterize.com";

    /// <summary>The versions of the older form (service and calls).</summary>
    public static readonly IReadOnlySet<string> CallsVersions = new HashSet<string>(["v1alpha2", "v1alpha3", "v1beta1", "v1"], StringComparer.Ordinal);

    /// <summary>The versions of the newer form (workload and targets).</summary>
    public static readonly IReadOnlySet<string> TargetsVersions = new HashSet<string>(["v2alpha1", "v2beta1", "v2"], StringComparer.Ordinal);

    private static readonly string[] IdentityAnnotations = ["intents.otterize.com/workload-name", "intents.otterize.com/service-name"];

    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "CONNECT"];

    /// <summary>Reads one ClientIntents object; null when it cannot stand (no client, unknown version).</summary>
    public static ClientIntents? Read(ReadScope scope, YamlTreeMapping root, string ns, string name)
    {
        var apiVersion = scope.String(ReadScope.Get(root, "apiVersion"), "apiVersion") ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        if (group != Group)
        {
            scope.Error(root, "apiVersion", $"a ClientIntents must have apiVersion {Group}/<version>, but it has '{apiVersion}'; it was not loaded.");
            return null;
        }

        var spec = scope.Mapping(ReadScope.Get(root, "spec"), "spec");
        if (spec is null)
        {
            scope.Error(root, "spec", "the ClientIntents has no spec; it was not loaded.");
            return null;
        }

        if (TargetsVersions.Contains(version))
        {
            scope.CheckFields(spec, "spec", "workload", "targets");
            return ReadNewer(scope, spec, ns, name);
        }

        if (CallsVersions.Contains(version))
        {
            scope.CheckFields(spec, "spec", "service", "calls");
            return ReadOlder(scope, spec, ns, name);
        }

        scope.Error(root, "apiVersion", $"version '{version}' of ClientIntents is not one of {string.Join(", ", CallsVersions.Concat(TargetsVersions))}; it was not loaded.");
        return null;
    }

    /// <summary>The Otterize name annotation in a metadata mapping, if any.</summary>
    public static string? IdentityName(ReadScope scope, YamlTreeNode? metadata, string field)
    {
        var annotations = ReadScope.Get(metadata, "annotations");
        if (annotations is not YamlTreeMapping)
        {
            return null;
        }

        foreach (var key in IdentityAnnotations)
        {
            if (scope.String(ReadScope.Get(annotations, key), $"{field}.annotations.{key}") is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The Otterize name annotation of a workload's pod template, if any.</summary>
    public static string? TemplateIdentityName(ReadScope scope, YamlTreeMapping root, string kind)
    {
        if (!WorkloadReader.TemplatePaths.TryGetValue(kind, out var path))
        {
            return null;
        }

        YamlTreeNode? node = root;
        foreach (var step in path)
        {
            node = ReadScope.Get(node, step);
        }

        return IdentityName(scope, ReadScope.Get(node, "metadata"), $"{string.Join('.', path)}.metadata");
    }

    private static ClientIntents? ReadNewer(ReadScope scope, YamlTreeMapping spec, string ns, string name)
    {
        var client = ReadClient(scope, spec, "workload", ns, name);
        if (client is null)
        {
            return null;
        }

        var calls = new List<IntentCall>();
        var items = scope.List(ReadScope.Get(spec, "targets"), "spec.targets");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"spec.targets[{i}]";
            if (scope.Mapping(items[i], path) is not { } target)
            {
                continue;
            }

            scope.CheckFields(target, path, "kubernetes", "service", "kafka", "sql", "internet", "aws", "gcp", "azure");
            var kinds = target.Entries.Select(e => e.Key.Value).Where(k => k is "kubernetes" or "service" or "kafka" or "sql" or "internet" or "aws" or "gcp" or "azure").ToList();
            if (kinds.Count != 1)
            {
                scope.Warning(target, path, kinds.Count == 0
                    ? "the target names none of kubernetes, service, kafka, sql, internet, aws, gcp, azure; it is ignored."
                    : $"a target must name exactly one of kubernetes, service, kafka, sql, internet, aws, gcp, azure, but this one names {string.Join(" and ", kinds)}; it is ignored.");
                continue;
            }

            var kind = kinds[0];
            var body = ReadScope.Get(target, kind);
            var at = $"{path}.{kind}";
            IntentCall? call = kind switch
            {
                "kubernetes" => Named(scope, body, at, IntentCallType.Kubernetes, ["name", "kind", "http"]) is { } k
                    ? k with { Http = ReadHttp(scope, ReadScope.Get(body, "http"), $"{at}.http") }
                    : null,
                "service" => Named(scope, body, at, IntentCallType.Service, ["name", "http"]) is { } s
                    ? s with { Http = ReadHttp(scope, ReadScope.Get(body, "http"), $"{at}.http") }
                    : null,
                "kafka" => Named(scope, body, at, IntentCallType.Kafka, ["name", "topics"]) is { } f
                    ? f with { Topics = ReadTopics(scope, ReadScope.Get(body, "topics"), $"{at}.topics") }
                    : null,
                "sql" => Named(scope, body, at, IntentCallType.Database, ["name", "privileges"]) is { } d
                    ? d with { Databases = ReadDatabases(scope, ReadScope.Get(body, "privileges"), $"{at}.privileges") }
                    : null,
                "internet" => ReadInternet(scope, body, at) is { } net ? new IntentCall(IntentCallType.Internet, string.Empty, null) { Internet = net } : null,
                "aws" => Cloud(scope, body, at, IntentCallType.Aws, "arn", "actions"),
                "gcp" => Cloud(scope, body, at, IntentCallType.Gcp, "resource", "permissions"),
                _ => Cloud(scope, body, at, IntentCallType.Azure, "scope", "roles"),
            };
            if (call is not null)
            {
                calls.Add(call);
            }
        }

        return new ClientIntents(ns, name, client, calls.ToValueArray());
    }

    private static ClientIntents? ReadOlder(ReadScope scope, YamlTreeMapping spec, string ns, string name)
    {
        var client = ReadClient(scope, spec, "service", ns, name);
        if (client is null)
        {
            return null;
        }

        var calls = new List<IntentCall>();
        var items = scope.List(ReadScope.Get(spec, "calls") ?? ReadScope.Get(ReadScope.Get(spec, "service"), "calls"), "spec.calls");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"spec.calls[{i}]";
            if (scope.Mapping(items[i], path) is not { } item)
            {
                continue;
            }

            scope.CheckFields(item, path, "name", "server", "namespace", "kind", "type", "HTTPResources", "resources", "http_resources", "topics", "kafkaTopics",
                "databaseResources", "awsActions", "gcpPermissions", "azureRoles", "azureKeyVaultPolicy", "azureKeyVaultPermissions", "internet");
            var typeText = scope.String(ReadScope.Get(item, "type"), $"{path}.type");
            var type = typeText switch
            {
                null or "" or "http" => IntentCallType.Kubernetes,
                "kafka" => IntentCallType.Kafka,
                "database" => IntentCallType.Database,
                "internet" => IntentCallType.Internet,
                "aws" => IntentCallType.Aws,
                "gcp" => IntentCallType.Gcp,
                "azure" => IntentCallType.Azure,
                _ => (IntentCallType?)null,
            };
            if (type is null)
            {
                scope.Warning(ReadScope.Get(item, "type"), $"{path}.type", $"call type '{typeText}' is not one of http, kafka, database, internet, aws, gcp, azure; the call is ignored.");
                continue;
            }

            if (type == IntentCallType.Internet)
            {
                if (ReadInternet(scope, ReadScope.Get(item, "internet"), $"{path}.internet") is { } net)
                {
                    calls.Add(new IntentCall(IntentCallType.Internet, string.Empty, null) { Internet = net });
                }
                else
                {
                    scope.Warning(item, $"{path}.internet", "an internet call needs an 'internet' section with domains, ips or ports; the call is ignored.");
                }

                continue;
            }

            var targetName = scope.String(ReadScope.Get(item, "name") ?? ReadScope.Get(item, "server"), $"{path}.name");
            if (string.IsNullOrEmpty(targetName))
            {
                scope.Warning(item, $"{path}.name", "the call names no target; it is ignored.");
                continue;
            }

            // v1alpha2 put a target's namespace in its own field; later versions write name.namespace.
            var targetNamespace = scope.String(ReadScope.Get(item, "namespace"), $"{path}.namespace");
            if (!string.IsNullOrEmpty(targetNamespace) && !targetName.Contains('.', StringComparison.Ordinal))
            {
                targetName = $"{targetName}.{targetNamespace}";
            }

            var kind = scope.String(ReadScope.Get(item, "kind"), $"{path}.kind");
            var call = new IntentCall(kind == "Service" && type == IntentCallType.Kubernetes ? IntentCallType.Service : type.Value, targetName,
                kind == "Service" ? null : NullIfEmpty(kind));
            var httpNode = ReadScope.Get(item, "HTTPResources") ?? ReadScope.Get(item, "resources") ?? ReadScope.Get(item, "http_resources");
            var permissions = ReadScope.Get(item, "awsActions") ?? ReadScope.Get(item, "gcpPermissions") ?? ReadScope.Get(item, "azureRoles");
            calls.Add(call with
            {
                Http = ReadHttp(scope, httpNode, $"{path}.HTTPResources"),
                Topics = ReadTopics(scope, ReadScope.Get(item, "kafkaTopics") ?? ReadScope.Get(item, "topics"), $"{path}.kafkaTopics"),
                Databases = ReadDatabases(scope, ReadScope.Get(item, "databaseResources"), $"{path}.databaseResources"),
                Permissions = Strings(scope, permissions, $"{path}.permissions"),
            });
        }

        return new ClientIntents(ns, name, client, calls.ToValueArray());
    }

    private static IntentWorkload? ReadClient(ReadScope scope, YamlTreeMapping spec, string key, string ns, string name)
    {
        var node = ReadScope.Get(spec, key);
        var clientName = scope.String(ReadScope.Get(node, "name"), $"spec.{key}.name");
        if (string.IsNullOrEmpty(clientName))
        {
            scope.Error(node ?? spec, $"spec.{key}.name", $"the ClientIntents names no client in spec.{key}.name; it was not loaded.");
            return null;
        }

        if (clientName.Contains('.', StringComparison.Ordinal))
        {
            scope.Error(ReadScope.Get(node, "name"), $"spec.{key}.name",
                $"the client '{clientName}' has a dot; a client is named without its namespace (the ClientIntents' own namespace, {ns}); it was not loaded.");
            return null;
        }

        return new IntentWorkload(clientName, NullIfEmpty(scope.String(ReadScope.Get(node, "kind"), $"spec.{key}.kind")));
    }

    private static IntentCall? Named(ReadScope scope, YamlTreeNode? body, string path, IntentCallType type, string[] fields)
    {
        if (scope.Mapping(body, path) is not { } map)
        {
            scope.Warning(body, path, "the target is empty; it is ignored.");
            return null;
        }

        scope.CheckFields(map, path, fields);
        var name = scope.String(ReadScope.Get(map, "name"), $"{path}.name");
        if (string.IsNullOrEmpty(name))
        {
            scope.Warning(map, $"{path}.name", "the target has no name; it is ignored.");
            return null;
        }

        var kind = NullIfEmpty(scope.String(ReadScope.Get(map, "kind"), $"{path}.kind"));
        return type == IntentCallType.Kubernetes && kind == "Service" ? new IntentCall(IntentCallType.Service, name, null) : new IntentCall(type, name, kind);
    }

    private static IntentCall? Cloud(ReadScope scope, YamlTreeNode? body, string path, IntentCallType type, string resourceKey, string listKey)
    {
        var resource = scope.String(ReadScope.Get(body, resourceKey), $"{path}.{resourceKey}");
        if (string.IsNullOrEmpty(resource))
        {
            scope.Warning(body, $"{path}.{resourceKey}", $"the target has no {resourceKey}; it is ignored.");
            return null;
        }

        return new IntentCall(type, resource, null) { Permissions = Strings(scope, ReadScope.Get(body, listKey), $"{path}.{listKey}") };
    }

    private static ValueArray<IntentHttpResource> ReadHttp(ReadScope scope, YamlTreeNode? node, string path)
    {
        var result = new List<IntentHttpResource>();
        var items = scope.List(node, path);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            var p = scope.String(ReadScope.Get(items[i], "path"), $"{at}.path");
            if (string.IsNullOrEmpty(p))
            {
                scope.Warning(items[i], $"{at}.path", "the HTTP resource has no path; it is ignored.");
                continue;
            }

            var methods = Strings(scope, ReadScope.Get(items[i], "methods"), $"{at}.methods").Items.ToList();
            if (scope.String(ReadScope.Get(items[i], "method"), $"{at}.method") is { Length: > 0 } single)
            {
                methods.Add(single);
            }

            var upper = methods.Select(m => m.ToUpperInvariant()).ToList();
            foreach (var bad in upper.Where(m => !HttpMethods.Contains(m)))
            {
                scope.Warning(ReadScope.Get(items[i], "methods") ?? items[i], $"{at}.methods", $"'{bad}' is not an HTTP method ({string.Join(", ", HttpMethods)}); it is kept as written.");
            }

            result.Add(new IntentHttpResource(p, upper.ToValueArray()));
        }

        return result.ToValueArray();
    }

    private static ValueArray<IntentKafkaTopic> ReadTopics(ReadScope scope, YamlTreeNode? node, string path)
    {
        var result = new List<IntentKafkaTopic>();
        var items = scope.List(node, path);
        for (var i = 0; i < items.Count; i++)
        {
            var name = scope.String(ReadScope.Get(items[i], "name"), $"{path}[{i}].name");
            if (string.IsNullOrEmpty(name))
            {
                scope.Warning(items[i], $"{path}[{i}].name", "the topic has no name; it is ignored.");
                continue;
            }

            var ops = Strings(scope, ReadScope.Get(items[i], "operations"), $"{path}[{i}].operations").Items.ToList();
            if (scope.String(ReadScope.Get(items[i], "operation"), $"{path}[{i}].operation") is { Length: > 0 } single)
            {
                ops.Add(single);
            }

            result.Add(new IntentKafkaTopic(name, ops.ToValueArray()));
        }

        return result.ToValueArray();
    }

    private static ValueArray<IntentDatabaseResource> ReadDatabases(ReadScope scope, YamlTreeNode? node, string path)
    {
        var result = new List<IntentDatabaseResource>();
        var items = scope.List(node, path);
        for (var i = 0; i < items.Count; i++)
        {
            var db = scope.String(ReadScope.Get(items[i], "databaseName"), $"{path}[{i}].databaseName");
            var table = NullIfEmpty(scope.String(ReadScope.Get(items[i], "table"), $"{path}[{i}].table"));
            if (string.IsNullOrEmpty(db) && table is null)
            {
                scope.Warning(items[i], $"{path}[{i}].databaseName", "the database resource names no database; it is ignored.");
                continue;
            }

            result.Add(new IntentDatabaseResource(db ?? string.Empty, table, Strings(scope, ReadScope.Get(items[i], "operations"), $"{path}[{i}].operations")));
        }

        return result.ToValueArray();
    }

    private static IntentInternetTarget? ReadInternet(ReadScope scope, YamlTreeNode? node, string path)
    {
        if (scope.Mapping(node, path) is not { } map)
        {
            return null;
        }

        scope.CheckFields(map, path, "domains", "ips", "ports");
        var addresses = new List<Cidr>();
        var ips = scope.List(ReadScope.Get(map, "ips"), $"{path}.ips");
        for (var i = 0; i < ips.Count; i++)
        {
            var text = scope.String(ips[i], $"{path}.ips[{i}]");
            if (text is null)
            {
                continue;
            }

            var withPrefix = text.Contains('/', StringComparison.Ordinal) ? text : text.Contains(':', StringComparison.Ordinal) ? $"{text}/128" : $"{text}/32";
            if (Cidr.TryParse(withPrefix, out var cidr, out var error))
            {
                addresses.Add(cidr);
            }
            else
            {
                scope.Warning(ips[i], $"{path}.ips[{i}]", $"'{text}' is not an IP address or CIDR block ({error}); it is ignored.");
            }
        }

        var ports = new List<int>();
        var portItems = scope.List(ReadScope.Get(map, "ports"), $"{path}.ports");
        for (var i = 0; i < portItems.Count; i++)
        {
            var n = scope.Integer(portItems[i], $"{path}.ports[{i}]");
            if (n is null || !PortRange.IsValidPort(n.Value))
            {
                scope.Warning(portItems[i], $"{path}.ports[{i}]", "a port must be a number in 1-65535; it is ignored.");
                continue;
            }

            ports.Add((int)n.Value);
        }

        return new IntentInternetTarget(Strings(scope, ReadScope.Get(map, "domains"), $"{path}.domains"), addresses.ToValueArray(), ports.ToValueArray());
    }

    private static ValueArray<string> Strings(ReadScope scope, YamlTreeNode? node, string path) =>
        scope.List(node, path).Select((n, i) => scope.String(n, $"{path}[{i}]")).OfType<string>().Where(s => s.Length > 0).ToValueArray();

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
