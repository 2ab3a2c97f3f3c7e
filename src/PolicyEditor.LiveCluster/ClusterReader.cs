using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.LiveCluster;

/// <summary>
/// Reads a live cluster, read-only (list and get requests only), with the official client library: every
/// kind of <see cref="ApiResources"/>, page by page, loaded by the manifest loader exactly as the same
/// objects in files would be. A kind whose CRD or API is not installed is a note; refused credentials, an
/// unreachable server or a timeout end the read with a message that says what to do.
/// </summary>
public static class ClusterReader
{
    /// <summary>Connects with a kubeconfig and reads the cluster.</summary>
    public static async Task<ClusterReadResult> ReadAsync(ClusterSource source, LoadOptions limits, IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var config = Configure(source);
        using var client = new Kubernetes(config);
        var description = $"cluster {(config.CurrentContext is { } c ? $"'{c}' " : string.Empty)}at {config.Host}";
        return await ReadAsync(client, description, source, limits, progress, cancellationToken);
    }

    /// <summary>Reads the cluster behind a client (<paramref name="description"/> names it in messages).</summary>
    internal static async Task<ClusterReadResult> ReadAsync(IKubernetes client, string description, ClusterSource source, LoadOptions limits, IProgress<ReadProgress>? progress, CancellationToken cancellationToken)
    {
        var sources = new List<ManifestSource>();
        var notes = new List<string>();
        if (source.Namespace is { } only)
        {
            await ReadOneNamespace(client, only, description, sources, notes, cancellationToken);
        }
        else
        {
            await ReadKind(client, ApiResources.Namespace, null, description, source.PageSize, sources, notes, progress, cancellationToken);
        }

        foreach (var resource in ApiResources.Namespaced)
        {
            await ReadKind(client, resource, source.Namespace, description, source.PageSize, sources, notes, progress, cancellationToken);
        }

        await CiliumConfigRead.ReadAsync(client, description, sources, notes, cancellationToken);

        return new ClusterReadResult(ManifestLoader.Load(sources, limits), notes, description);
    }

    private static KubernetesClientConfiguration Configure(ClusterSource source)
    {
        if (source.Kubeconfig is { } path && !File.Exists(path))
        {
            throw new ClusterReadException($"there is no kubeconfig at '{path}'.");
        }

        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(source.Kubeconfig, source.Context);
            config.HttpClientTimeout = source.RequestTimeout;
            return config;
        }
        catch (KubeConfigException e)
        {
            throw new ClusterReadException($"the kubeconfig {(source.Kubeconfig is null ? string.Empty : $"'{source.Kubeconfig}' ")}cannot be used: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            throw new ClusterReadException($"the kubeconfig {(source.Kubeconfig is null ? string.Empty : $"'{source.Kubeconfig}' ")}could not be read: {e.Message}", e);
        }
    }

    /// <summary>With <c>--namespace</c>, the one Namespace object (for its labels); a user without access to it still gets the rest.</summary>
    private static async Task ReadOneNamespace(IKubernetes client, string name, string description, List<ManifestSource> sources, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            var ns = await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken);
            ns.Kind = "Namespace";
            ns.ApiVersion = "v1";
            ns.Metadata.ManagedFields = null;
            sources.Add(new ManifestSource($"{description}: v1/namespaces/{name}", KubernetesJson.Serialize(ns)));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ClusterReadException($"the {description} has no namespace '{name}'.", e);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            notes.Add($"Namespace {name}: not readable with these credentials (403 Forbidden), so its labels are unknown; selectors that match namespace labels see none.");
        }
        catch (Exception e) when (Failure(e, description, "Namespace", cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private static async Task ReadKind(IKubernetes client, ApiResource resource, string? ns, string description, int pageSize,
        List<ManifestSource> sources, List<string> notes, IProgress<ReadProgress>? progress, CancellationToken cancellationToken)
    {
        string? token = null;
        var read = 0;
        var page = 0;
        do
        {
            ApiPage result;
            try
            {
                result = await resource.ListPage(client, ns, token, pageSize, cancellationToken);
            }
            catch (HttpOperationException e) when (resource.Optional && e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                notes.Add($"{resource.Kind}: the cluster does not serve {resource.Path} (its CRD or API is not installed); none read.");
                return;
            }
            catch (HttpOperationException e) when (resource.Optional && e.Response.StatusCode == HttpStatusCode.Forbidden)
            {
                notes.Add($"{resource.Kind}: these credentials may not list {resource.Path} (403 Forbidden); none read.");
                return;
            }
            catch (Exception e) when (Failure(e, description, resource.Kind, cancellationToken) is { } failure)
            {
                throw failure;
            }

            page++;
            read += result.Count;
            token = result.Continue;
            sources.Add(new ManifestSource($"{description}: {resource.Path}{(ns is null ? string.Empty : $" in {ns}")} (page {page})", result.Json));
            progress?.Report(new ReadProgress(resource.Kind, read, token is null));
        }
        while (token is not null);
    }

    /// <summary>The message for a failed request, or null when the exception is not about the cluster (a bug, or the caller cancelled).</summary>
    internal static ClusterReadException? Failure(Exception e, string description, string kind, CancellationToken cancellationToken) => e switch
    {
        HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized } => new ClusterReadException(
            $"the {description} refused the credentials (401 Unauthorized): the token or client certificate of the kubeconfig's user is missing, wrong or expired. Sign in again (for example with your provider's get-credentials command) and retry.", e),
        HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } => new ClusterReadException(
            $"the {description} does not let these credentials list {kind} (403 Forbidden). PolicyEditor needs get and list on namespaces, pods, workloads, Services, Ingresses and NetworkPolicies; or give --namespace for one namespace you may read.", e),
        HttpOperationException { Response.StatusCode: HttpStatusCode.Gone } => new ClusterReadException(
            $"the list of {kind} changed too much while it was read page by page (410 Gone); run again.", e),
        HttpOperationException http => new ClusterReadException(
            $"the {description} answered the list of {kind} with {(int)http.Response.StatusCode} {http.Response.ReasonPhrase}: {Shorten(http.Response.Content)}", e),
        // The client's request timeout cancels the request; the caller's own cancellation is not a timeout.
        OperationCanceledException or TimeoutException when !cancellationToken.IsCancellationRequested => new ClusterReadException(
            $"the {description} did not answer the list of {kind} in time; check that it is reachable, or allow longer with --request-timeout.", e),
        HttpRequestException request => new ClusterReadException($"the {description} could not be reached: {request.Message}", e),
        _ => null,
    };

    private static string Shorten(string? text) => string.IsNullOrWhiteSpace(text) ? "(no details)" : text.Length <= 300 ? text.Trim() : text[..300].Trim() + "…";
}
