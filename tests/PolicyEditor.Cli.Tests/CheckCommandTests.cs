using System.Xml.Linq;

namespace PolicyEditor.Cli.Tests;

/// <summary>
/// <c>policyeditor check --goals FILE</c>: reachability requirements as tests, in the goals format of
/// docs/goals.md; each goal passes or fails with the explanation; exit code 3 when one fails.
/// </summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-goals-");

    public void Dispose() => _dir.Delete(recursive: true);

    private CliResult Check(string goals, params string[] more)
    {
        var path = Path.Combine(_dir.FullName, "goals.yaml");
        File.WriteAllText(path, goals);
        return CliRun.Run(["check", "--goals", path, "-f", CliRun.Shop, .. more]);
    }

    private const string Holding = """
        goals:
          - name: checkout reaches the payments API
            check: "shop/checkout -> payments/payments-api TCP 8443: allowed"
          - name: nothing outside the cluster reaches payments
            from: 0.0.0.0/0, ::/0
            to: payments/*
            expect: denied
          - name: only checkout reaches the payments API
            from: "*"
            to: payments/payments-api
            expect: denied
            except: shop/checkout
        """;

    [Fact]
    public void GoalsThatHold_Pass_WithExitCodeZero()
    {
        var result = Check(Holding);

        Assert.True(result.Code == 0, result.Output + result.Error);
        Assert.Contains("PASS  checkout reaches the payments API: shop/checkout -> payments/payments-api TCP 8443: allowed", result.Output, StringComparison.Ordinal);
        Assert.Contains("PASS  nothing outside the cluster reaches payments: 0.0.0.0/0, ::/0 -> payments/*: denied", result.Output, StringComparison.Ordinal);
        Assert.Contains("3 goal(s): 3 passed, 0 failed.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailingGoal_IsExplained_AndFailsThePipeline()
    {
        var result = Check("""
            goals:
              - name: no pod may reach the cloud metadata service
                from: "*"
                to: 169.254.169.254/32
                expect: denied
              - "shop/frontend -> shop/catalog TCP 8080: allowed"
            """);

        Assert.Equal(3, result.Code);
        Assert.Contains("FAIL  no pod may reach the cloud metadata service: * -> 169.254.169.254/32: denied", result.Output, StringComparison.Ordinal);
        Assert.Contains("expected all traffic to be denied, but All Connections is allowed", result.Output, StringComparison.Ordinal);
        Assert.Contains("egress:", result.Output, StringComparison.Ordinal); // the engine's explanation of the failing connection
        Assert.Contains("PASS  shop/frontend -> shop/catalog TCP 8080: allowed", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 goal(s): 1 passed, 1 failed.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_ReportsEachGoalAsATestCase()
    {
        var result = Check(Holding.Replace("TCP 8443", "TCP 9443", StringComparison.Ordinal), "-o", "junit");

        Assert.Equal(3, result.Code);
        var suite = XDocument.Parse(result.Output).Root!.Element("testsuite")!;
        Assert.Equal("3", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var failed = suite.Elements("testcase").Single(t => t.Element("failure") is not null);
        Assert.Equal("checkout reaches the payments API", failed.Attribute("name")!.Value);
    }

    [Fact]
    public void ABadGoal_IsNamedWithFileLineAndField()
    {
        var result = Check("""
            goals:
              - name: typo
                from: shop/frontend
                to: shop/catalog
                expect: alowed
              - from: shop/frontend
                expect: denied
            """);

        Assert.Equal(1, result.Code);
        Assert.Contains("goals.yaml:5:1: error: goals[1].expect: 'alowed' should be allowed, denied or exactly", result.Error, StringComparison.Ordinal);
        Assert.Contains("goals.yaml:6:1: error: goals[2].to: 'to' is required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AGoalNamingAWorkloadThatIsNotThere_Fails()
    {
        var result = Check("goals:\n  - \"shop/frontend -> shop/catalogue: allowed\"\n");

        Assert.Equal(3, result.Code);
        Assert.Contains("'shop/catalogue' names no workload of the cluster", result.Output, StringComparison.Ordinal);
    }
}
