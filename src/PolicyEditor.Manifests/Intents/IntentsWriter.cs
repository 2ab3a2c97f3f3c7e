using PolicyEditor.Engine.Intents;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Intents;

/// <summary>
/// Writes ClientIntents as <c>k8s.otterize.com/v2</c> (the version Otterize recommends: <c>spec.workload</c>
/// and <c>spec.targets</c>), in a fixed key order, so that they load back to an equal model.
/// </summary>
public static class IntentsWriter
{
    /// <summary>The API version written.</summary>
    public const string ApiVersion = "k8s.otterize.com/v2";

    /// <summary>One ClientIntents as a YAML document.</summary>
    public static string Write(ClientIntents intents) => Write([intents]);

    /// <summary>ClientIntents as one multi-document YAML stream.</summary>
    public static string Write(IEnumerable<ClientIntents> intents)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var yaml = new YamlWriter(text);
        foreach (var item in intents)
        {
            yaml.BeginDocument();
            WriteOne(yaml, item);
            yaml.EndDocument();
        }

        yaml.EndStream();
        return text.ToString();
    }

    private static void WriteOne(YamlWriter yaml, ClientIntents intents)
    {
        yaml.BeginMap();
        yaml.Header(ApiVersion, "ClientIntents", intents.Name, intents.Namespace);
        yaml.Key("spec");
        yaml.BeginMap();
        yaml.Key("workload");
        yaml.BeginMap();
        yaml.Entry("name", intents.Client.Name);
        if (intents.Client.Kind is not null)
        {
            yaml.Entry("kind", intents.Client.Kind);
        }

        yaml.EndMap();
        yaml.Key("targets");
        yaml.BeginList();
        foreach (var call in intents.Calls)
        {
            yaml.BeginMap();
            WriteCall(yaml, call);
            yaml.EndMap();
        }

        yaml.EndList();
        yaml.EndMap();
        yaml.EndMap();
    }

    private static void WriteCall(YamlWriter yaml, IntentCall call)
    {
        switch (call.Type)
        {
            case IntentCallType.Kubernetes:
            case IntentCallType.Service:
                yaml.Key(call.Type == IntentCallType.Kubernetes ? "kubernetes" : "service");
                yaml.BeginMap();
                yaml.Entry("name", call.Name);
                if (call.Kind is not null)
                {
                    yaml.Entry("kind", call.Kind);
                }

                if (!call.Http.IsEmpty)
                {
                    yaml.Key("http");
                    yaml.BeginList();
                    foreach (var h in call.Http)
                    {
                        yaml.BeginMap();
                        yaml.Entry("path", h.Path);
                        List(yaml, "methods", h.Methods);
                        yaml.EndMap();
                    }

                    yaml.EndList();
                }

                yaml.EndMap();
                break;
            case IntentCallType.Kafka:
                yaml.Key("kafka");
                yaml.BeginMap();
                yaml.Entry("name", call.Name);
                if (!call.Topics.IsEmpty)
                {
                    yaml.Key("topics");
                    yaml.BeginList();
                    foreach (var t in call.Topics)
                    {
                        yaml.BeginMap();
                        yaml.Entry("name", t.Name);
                        List(yaml, "operations", t.Operations);
                        yaml.EndMap();
                    }

                    yaml.EndList();
                }

                yaml.EndMap();
                break;
            case IntentCallType.Database:
                yaml.Key("sql");
                yaml.BeginMap();
                yaml.Entry("name", call.Name);
                if (!call.Databases.IsEmpty)
                {
                    yaml.Key("privileges");
                    yaml.BeginList();
                    foreach (var d in call.Databases)
                    {
                        yaml.BeginMap();
                        yaml.Entry("databaseName", d.DatabaseName);
                        if (d.Table is not null)
                        {
                            yaml.Entry("table", d.Table);
                        }

                        List(yaml, "operations", d.Operations);
                        yaml.EndMap();
                    }

                    yaml.EndList();
                }

                yaml.EndMap();
                break;
            case IntentCallType.Internet:
                yaml.Key("internet");
                yaml.BeginMap();
                var net = call.Internet!;
                List(yaml, "domains", net.Domains);
                List(yaml, "ips", net.Addresses.Select(a => a.ToString()));
                if (!net.Ports.IsEmpty)
                {
                    yaml.Key("ports");
                    yaml.BeginList();
                    foreach (var p in net.Ports)
                    {
                        yaml.Number(p);
                    }

                    yaml.EndList();
                }

                yaml.EndMap();
                break;
            default:
                var (key, resource, list) = call.Type switch
                {
                    IntentCallType.Aws => ("aws", "arn", "actions"),
                    IntentCallType.Gcp => ("gcp", "resource", "permissions"),
                    _ => ("azure", "scope", "roles"),
                };
                yaml.Key(key);
                yaml.BeginMap();
                yaml.Entry(resource, call.Name);
                List(yaml, list, call.Permissions);
                yaml.EndMap();
                break;
        }
    }

    private static void List(YamlWriter yaml, string key, IEnumerable<string> values)
    {
        var items = values.ToList();
        if (items.Count == 0)
        {
            return;
        }

        yaml.Key(key);
        yaml.BeginList();
        foreach (var v in items)
        {
            yaml.String(v);
        }

        yaml.EndList();
    }
}
