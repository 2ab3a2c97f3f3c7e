using Microsoft.AspNetCore.SignalR.Client;
using PolicyEditor.E2E.Browser;
using PolicyEditor.E2E.Explorer;
using PolicyEditor.E2E.Hosting;
using PolicyEditor.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PolicyEditor.E2E.Workspaces;

/// <summary>
/// Two app processes on different loopback ports sharing a real Redis and a real PostgreSQL: a user on
/// one sees the edits and comments made on the other, and a program connected to the hub of one hears
/// changes made through the other (SignalR's Redis backplane).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ScaleOutTests(WebAppFixture fixture) : IAsyncLifetime
{
    private const string CheckoutToPayments = "w:shop/checkout[Deployment]->w:payments/payments-api[Deployment]";
    private const string CheckoutRule = ExplorerTests.CheckoutRule;

    private readonly PostgreSqlServer _postgres = new();
    private readonly RedisServer _redis = new();
    private WebAppProcess? _one;
    private WebAppProcess? _two;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _redis.InitializeAsync());
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__PolicyEditor"] = _postgres.ConnectionString($"pe_{Guid.NewGuid():N}"),
            ["ConnectionStrings__Redis"] = _redis.ConnectionString,
        };
        _one = await WebAppProcess.StartAsync(environment);
        _two = await WebAppProcess.StartAsync(environment);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { _one, _two })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task UsersOnDifferentInstances_SeeEachOthersEditsAndComments_AndHubClientsHearThem()
    {
        await using var alice = await BrowserSession.OpenAsync(fixture.Browser, _one!.BaseAddress);
        await using var bob = await BrowserSession.OpenAsync(fixture.Browser, _two!.BaseAddress);
        try
        {
            await alice.GotoAsync("/");
            var aliceExplorer = new ExplorerPage(alice.Page);
            await aliceExplorer.WaitForGraphAsync();
            var workspace = await alice.Page.GetByTestId("explorer").GetAttributeAsync("data-workspace");
            await bob.GotoAsync($"/workspaces/{workspace}");
            var bobExplorer = new ExplorerPage(bob.Page);
            await bobExplorer.WaitForGraphAsync();

            // A program on the second instance listens to the workspace through the hub.
            var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var program = new HubConnectionBuilder().WithUrl(new Uri(_two.BaseAddress, "hubs/workspace")).Build();
            program.On<Guid, long, string, string>("WorkspaceChanged", (_, _, description, _) => heard.TrySetResult(description));
            await program.StartAsync();
            await program.InvokeAsync<long>("JoinWorkspace", Guid.Parse(workspace!));

            // Alice edits on the first instance; Bob's graph on the second follows, and so does the program.
            await aliceExplorer.OpenYamlAsync();
            await aliceExplorer.ReplaceYamlAsync(CheckoutRule, string.Empty);
            await aliceExplorer.WaitForEdgeClassAsync(CheckoutToPayments, "blocked");
            await bobExplorer.WaitForEdgeClassAsync(CheckoutToPayments, "blocked", 5_000);
            Assert.False(string.IsNullOrEmpty(await heard.Task.WaitAsync(TimeSpan.FromSeconds(5))));

            // Bob's edit on the second instance (undo) reaches Alice on the first.
            await bob.Page.GetByTestId("undo").ClickAsync();
            await alice.Page.WaitForFunctionAsync("id => !window.policyEditorGraph.snapshot().edges.find(e => e.id === id).classes.includes('blocked')", CheckoutToPayments, new() { Timeout = 5_000 });

            // A review opened on the first instance; a comment made on the second appears on the first.
            await aliceExplorer.ReplaceYamlAsync(CheckoutRule, string.Empty);
            await aliceExplorer.WaitForEdgeClassAsync(CheckoutToPayments, "blocked");
            await alice.GotoAsync("/reviews");
            await alice.Page.GetByTestId("review-open").ClickAsync();
            await Expect(alice.Page.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await bob.GotoAsync(new Uri(alice.Page.Url).PathAndQuery);
            await Expect(bob.Page.GetByTestId("review-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await bob.Page.Locator(ExplorerPage.Field("review-comment-input", "textarea")).FillAsync("Seen from the second instance.");
            await bob.Page.GetByTestId("review-comment-send").ClickAsync();
            await Expect(alice.Page.GetByTestId("review-thread")).ToContainTextAsync("Seen from the second instance.", new() { Timeout = 5_000 });

            // An account made on the first instance signs its owner in on the second too (one key ring, in the database).
            await AccountForms.RegisterAsync(alice.Page, "alice", "alice-passphrase");
            await Expect(alice.Page.GetByTestId("account-name")).ToHaveTextAsync("alice", new() { Timeout = 30_000 });
            await alice.Page.GotoAsync(new Uri(_two.BaseAddress, $"workspaces/{workspace}").ToString());
            await Expect(alice.Page.GetByTestId("account-name")).ToHaveTextAsync("alice", new() { Timeout = 30_000 });
            await Expect(alice.Page.GetByTestId("explorer")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (Exception failure)
        {
            throw new BrowserTestFailedException(
                $"{failure.Message}\nInstance one:\n{string.Join('\n', _one!.Output.Split('\n').TakeLast(25))}\nInstance two:\n{string.Join('\n', _two!.Output.Split('\n').TakeLast(25))}", failure);
        }
    }
}
