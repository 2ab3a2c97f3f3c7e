using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Hosting;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// A bounded load test on loopback: 50 participants with the SignalR .NET client in one workspace, each
/// editing its own policy for a fixed time. At the end every client has heard the server's last revision
/// and no acknowledged edit is missing from the draft. How long a change takes to reach all participants
/// (p50, p95) is recorded in TestResults/hub-load.txt, not asserted (docs/benchmarks.md keeps the figures).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class HubLoadTests(WebAppFixture fixture) : IAsyncLifetime
{
    private const int Participants = 50;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    private IsolatedApp? _app;

    public async Task InitializeAsync() => _app = await IsolatedApp.StartAsync();

    public async Task DisposeAsync() => await _app!.DisposeAsync();

    private static string Policy(int participant, int edit) => $"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {"{"}name: load-{participant}, namespace: shop{"}"}
        spec:
          podSelector: {"{"}matchLabels: {"{"}app: catalog{"}"}{"}"}
          policyTypes: [Ingress]
          ingress: [{"{"}ports: [{"{"}protocol: TCP, port: {1000 + edit}{"}"}]{"}"}]
        """;

    [Fact]
    public async Task FiftyParticipants_EditTogether_AndEndWithTheSameState_LosingNoAcknowledgedEdit()
    {
        // The workspace: the one the app opens first.
        Guid workspace;
        await using (var session = await BrowserSession.OpenAsync(fixture.Browser, _app!.BaseAddress))
        {
            await session.GotoAsync("/");
            await session.Page.GetByTestId("explorer").WaitForAsync(new() { Timeout = 30_000 });
            workspace = Guid.Parse((await session.Page.GetByTestId("explorer").GetAttributeAsync("data-workspace"))!);
        }

        var clock = Stopwatch.StartNew();
        var sent = new ConcurrentDictionary<string, double>();
        var heard = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var lastRevision = new long[Participants];
        var connections = new List<HubConnection>();
        for (var i = 0; i < Participants; i++)
        {
            var index = i;
            var connection = new HubConnectionBuilder().WithUrl(new Uri(_app.BaseAddress, "hubs/workspace")).Build();
            connection.On<Guid, long, string, string>("WorkspaceChanged", (_, revision, description, _) =>
            {
                heard.GetOrAdd(description, _ => []).Add(clock.Elapsed.TotalMilliseconds);
                InterlockedMax(ref lastRevision[index], revision);
            });
            await connection.StartAsync();
            lastRevision[index] = await connection.InvokeAsync<long>("JoinWorkspace", workspace);
            connections.Add(connection);
        }

        // Each participant edits its own policy, about once a second, for the fixed time.
        var acknowledged = new ConcurrentDictionary<int, int>();
        var refused = 0;
        var until = clock.Elapsed + Duration;
        await Task.WhenAll(connections.Select(async (connection, participant) =>
        {
            var random = new Random(participant);
            await Task.Delay(random.Next(1000));
            for (var edit = 0; clock.Elapsed < until; edit++)
            {
                var description = $"load {participant} edit {edit}";
                sent[description] = clock.Elapsed.TotalMilliseconds;
                var ack = await connection.InvokeAsync<EditAckDto>("EditPolicies", workspace, Volatile.Read(ref lastRevision[participant]), Policy(participant, edit), description, $"{participant}-{edit}");
                if (ack.Applied)
                {
                    acknowledged[participant] = edit;
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }

                await Task.Delay(700 + random.Next(600));
            }
        }));

        // Quiet: everyone ends on the server's revision, and every acknowledged edit is in the draft.
        long serverRevision = 0;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await Task.Delay(200);
            serverRevision = await connections[0].InvokeAsync<long>("JoinWorkspace", workspace);
            if (lastRevision.All(r => r == serverRevision))
            {
                break;
            }
        }

        Assert.All(lastRevision, r => Assert.Equal(serverRevision, r));
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        var yaml = await http.GetStringAsync($"/workspaces/{workspace}/export/policies.yaml");
        foreach (var (participant, edit) in acknowledged)
        {
            var at = yaml.IndexOf($"name: load-{participant}\n", StringComparison.Ordinal);
            Assert.True(at >= 0, $"participant {participant}'s acknowledged policy is missing");
            var next = yaml.IndexOf("---", at, StringComparison.Ordinal);
            Assert.Contains($"port: {1000 + edit}", next < 0 ? yaml[at..] : yaml[at..next], StringComparison.Ordinal);
        }

        var latencies = sent.Where(s => heard.TryGetValue(s.Key, out var bag) && bag.Count == Participants)
            .Select(s => heard[s.Key].Max() - s.Value).Order().ToList();
        Assert.NotEmpty(latencies);
        var p50 = latencies[latencies.Count / 2];
        var p95 = latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(latencies.Count * 0.95) - 1)];
        Measurements.Record("hub-load.txt", $"{Participants} participants, {Duration.TotalSeconds:F0} s, {sent.Count} edits sent, {acknowledged.Count} participants acknowledged, {refused} refused; " +
            $"time for a change to reach all participants: p50 {p50:F0} ms, p95 {p95:F0} ms, max {latencies[^1]:F0} ms; final revision {serverRevision}");
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
