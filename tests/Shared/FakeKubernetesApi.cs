using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PolicyEditor.TestSupport;

/// <summary>
/// A loopback HTTP server that answers like the Kubernetes API server from recorded list responses: list
/// requests cluster-wide or in a namespace, paged with <c>limit</c> and <c>continue</c> as the API server
/// pages them; a get of one namespace or of one namespaced object; 404 (a Status object) for any resource it has no recording of, as for
/// a CRD that is not installed; 401 when the bearer token is not the one it was given; and, when told to,
/// an answer that comes too late. It listens on 127.0.0.1 only.
/// </summary>
public sealed class FakeKubernetesApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, JsonObject> _lists;
    private readonly string _token;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Serves <paramref name="lists"/> (API path, e.g. <c>/api/v1/pods</c>, to a full list response) to clients that send <paramref name="token"/>.</summary>
    public FakeKubernetesApi(IReadOnlyDictionary<string, JsonObject> lists, string token = "test-token")
    {
        _lists = lists;
        _token = token;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>Where the server listens.</summary>
    public Uri Address { get; }

    /// <summary>How long every answer waits (a slow or hung server).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every request, as path and query, in the order received.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>
    /// The recorded lists of a folder: each file's name is its API path with '/' written '_'
    /// (<c>apis_apps_v1_deployments.json</c> answers <c>/apis/apps/v1/deployments</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, JsonObject> ReadRecordings(string folder) =>
        Directory.GetFiles(folder, "*.json").ToDictionary(
            f => "/" + Path.GetFileNameWithoutExtension(f).Replace('_', '/'),
            f => (JsonObject)JsonNode.Parse(File.ReadAllText(f))!,
            StringComparer.Ordinal);

    /// <summary>Writes a kubeconfig for this server with a context named <paramref name="context"/>; the path.</summary>
    public string WriteKubeconfig(string folder, string? token = null, string context = "fake")
    {
        var path = Path.Combine(folder, $"kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {Address.ToString().TrimEnd('/')}
            contexts:
            - name: {context}
              context:
                cluster: fake
                user: tester
                namespace: default
            current-context: {context}
            users:
            - name: tester
              user:
                token: {token ?? _token}
            """);
        return path;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            Requests.Enqueue(request.Url!.PathAndQuery);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, _stop.Token);
            }

            var (status, body) = request.Headers["Authorization"] != $"Bearer {_token}"
                ? (401, Status(401, "Unauthorized", "Unauthorized"))
                : Answer(request.Url.AbsolutePath, request.QueryString["limit"], request.QueryString["continue"]);
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // The server is stopping, or the client gave up (a timeout): nothing to answer.
        }
    }

    private (int Status, JsonObject Body) Answer(string path, string? limit, string? continueToken)
    {
        // A namespaced list (/api/v1/namespaces/shop/pods) is the cluster-wide list filtered to the namespace.
        string? ns = null;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(parts, "namespaces");
        if (at >= 0 && at + 3 < parts.Length)
        {
            // A get of one namespaced object (/api/v1/namespaces/kube-system/configmaps/cilium-config): that item of the recorded list.
            var (inNs, name) = (parts[at + 1], parts[at + 3]);
            var item = _lists.GetValueOrDefault("/" + string.Join('/', parts[..at].Append(parts[at + 2])))?["items"]?.AsArray()
                .FirstOrDefault(i => i?["metadata"]?["namespace"]?.GetValue<string>() == inNs && i?["metadata"]?["name"]?.GetValue<string>() == name);
            return item is null ? (404, Status(404, "NotFound", $"{parts[at + 2]} \"{name}\" not found")) : (200, (JsonObject)item.DeepClone());
        }

        if (at >= 0 && at + 2 < parts.Length)
        {
            ns = parts[at + 1];
            path = "/" + string.Join('/', parts[..at].Append(parts[at + 2]));
        }
        else if (at >= 0 && at + 2 == parts.Length)
        {
            var name = parts[at + 1];
            var one = _lists.GetValueOrDefault("/" + string.Join('/', parts[..(at + 1)]))?["items"]?.AsArray()
                .FirstOrDefault(i => i?["metadata"]?["name"]?.GetValue<string>() == name);
            return one is null ? (404, Status(404, "NotFound", $"namespaces \"{name}\" not found")) : (200, (JsonObject)one.DeepClone());
        }

        if (!_lists.TryGetValue(path, out var list))
        {
            return (404, Status(404, "NotFound", "the server could not find the requested resource"));
        }

        var items = list["items"]!.AsArray().Where(i => ns is null || i?["metadata"]?["namespace"]?.GetValue<string>() == ns).ToList();
        var offset = continueToken is null ? 0 : int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(continueToken)), System.Globalization.CultureInfo.InvariantCulture);
        var size = int.TryParse(limit, out var l) && l > 0 ? l : items.Count;
        var page = (JsonObject)list.DeepClone();
        page["items"] = new JsonArray([.. items.Skip(offset).Take(size).Select(i => i!.DeepClone())]);
        var metadata = new JsonObject { ["resourceVersion"] = list["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "1" };
        if (offset + size < items.Count)
        {
            metadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            metadata["remainingItemCount"] = items.Count - offset - size;
        }

        page["metadata"] = metadata;
        return (200, page);
    }

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };
}
