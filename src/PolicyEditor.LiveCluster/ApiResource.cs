using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace PolicyEditor.LiveCluster;

/// <summary>One page of a list: its JSON (kind set, fields the loader never reads removed), how many objects it holds, and the continue token.</summary>
internal sealed record ApiPage(string Json, int Count, string? Continue);

/// <summary>
/// A kind read from the API server: its group and version, whether it lives in namespaces, whether the
/// cluster may lack it (a CRD, an OpenShift API: then a 404 is a note, not an error), and how to list one
/// page of it through the client library, cluster-wide or in one namespace.
/// </summary>
internal sealed record ApiResource(
    string Kind,
    string ApiVersion,
    string Plural,
    bool Namespaced,
    bool Optional,
    Func<IKubernetes, string?, string?, int, CancellationToken, Task<ApiPage>> ListPage)
{
    /// <summary>The group/version/plural path, as an operator would look it up (<c>kubectl api-resources</c>).</summary>
    public string Path => $"{ApiVersion}/{Plural}";

    /// <summary>A built-in kind, listed through the client's typed operations.</summary>
    public static ApiResource Typed<TList>(
        string kind, string apiVersion, string plural,
        Func<IKubernetes, string?, int, CancellationToken, Task<TList>> all,
        Func<IKubernetes, string, string?, int, CancellationToken, Task<TList>>? inNamespace)
        where TList : IKubernetesObject<V1ListMeta>
    {
        return new ApiResource(kind, apiVersion, plural, inNamespace is not null, false, async (client, ns, token, limit, cancel) =>
        {
            var list = ns is null || inNamespace is null ? await all(client, token, limit, cancel) : await inNamespace(client, ns, token, limit, cancel);
            return Page(JsonNode.Parse(KubernetesJson.Serialize(list)), kind, apiVersion);
        });
    }

    /// <summary>A kind the cluster serves only when its CRD or API is installed, listed through the custom-objects operations.</summary>
    public static ApiResource Custom(string kind, string group, string version, string plural, bool namespaced) =>
        new(kind, $"{group}/{version}", plural, namespaced, true, async (client, ns, token, limit, cancel) =>
        {
            var body = ns is not null && namespaced
                ? await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonNode>(group, version, ns, plural, continueParameter: token, limit: limit, cancellationToken: cancel)
                : await client.CustomObjects.ListClusterCustomObjectAsync<JsonNode>(group, version, plural, continueParameter: token, limit: limit, cancellationToken: cancel);
            return Page(body, kind, $"{group}/{version}");
        });

    /// <summary>
    /// The page as the loader reads it: <c>kind: XList</c> (so items without a kind take it), and without
    /// status, managed fields and the last-applied annotation, which can be most of a page's bytes.
    /// </summary>
    private static ApiPage Page(JsonNode? body, string kind, string apiVersion)
    {
        if (body is not JsonObject list)
        {
            throw new ClusterReadException($"the API server answered the list of {kind} with something that is not a list.");
        }

        list["kind"] = $"{kind}List";
        list["apiVersion"] = apiVersion;
        var items = list["items"] as JsonArray ?? [];
        foreach (var item in items.OfType<JsonObject>())
        {
            // Typed lists leave out each item's apiVersion, and the loader tells apart kinds of one name by it (Calico's NetworkPolicy).
            item["apiVersion"] ??= apiVersion;
            item.Remove("status");
            if (item["metadata"] is JsonObject metadata)
            {
                metadata.Remove("managedFields");
                (metadata["annotations"] as JsonObject)?.Remove("kubectl.kubernetes.io/last-applied-configuration");
            }
        }

        var token = list["metadata"]?["continue"]?.GetValue<string>();
        return new ApiPage(list.ToJsonString(), items.Count, string.IsNullOrEmpty(token) ? null : token);
    }
}
