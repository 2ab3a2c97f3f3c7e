using System.Net;
using k8s;
using k8s.Autorest;
using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.LiveCluster;

/// <summary>
/// Reads Cilium's agent ConfigMap (<c>kube-system/cilium-config</c>), which holds the policy enforcement mode:
/// one get of that ConfigMap alone, never a list of the cluster's ConfigMaps (they hold other teams' settings).
/// A cluster without it (no Cilium) adds nothing; credentials that may not read it add a note.
/// </summary>
internal static class CiliumConfigRead
{
    /// <summary>Adds the ConfigMap to <paramref name="sources"/> when the cluster has it.</summary>
    public static async Task ReadAsync(IKubernetes client, string description, List<ManifestSource> sources, List<string> notes, CancellationToken cancellationToken)
    {
        const string Where = $"{CiliumConfig.DefaultNamespace}/{CiliumConfig.ConfigName}";
        try
        {
            var map = await client.CoreV1.ReadNamespacedConfigMapAsync(CiliumConfig.ConfigName, CiliumConfig.DefaultNamespace, cancellationToken: cancellationToken);
            map.Kind = CiliumConfig.KindName;
            map.ApiVersion = "v1";
            map.Metadata.ManagedFields = null;
            sources.Add(new ManifestSource($"{description}: v1/namespaces/{CiliumConfig.DefaultNamespace}/configmaps/{CiliumConfig.ConfigName}", KubernetesJson.Serialize(map)));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // No Cilium agent configuration: nothing to read.
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            notes.Add($"ConfigMap {Where}: these credentials may not read it (403 Forbidden), so Cilium's policy enforcement mode is taken as 'default'; set it in the app if it differs.");
        }
        catch (Exception e) when (ClusterReader.Failure(e, description, $"ConfigMap {Where}", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }
}
