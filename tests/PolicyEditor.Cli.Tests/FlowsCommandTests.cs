namespace PolicyEditor.Cli.Tests;

public class FlowsCommandTests
{
    private const string Flows = """
        source,destination,protocol,port,count
        shop/frontend,shop/cart,TCP,8080,120
        shop/cart,shop/db,TCP,5432,50
        shop/frontend,shop/db,TCP,5432,4
        shop/ghost,shop/cart,TCP,80,1
        """;

    [Fact]
    public void Replay_PrintsTheObservedConnectionsThePoliciesBlock_AndExitsOne()
    {
        var result = CliRun.WithInput(Flows + "\nshop/frontend,shop/cart,ICMP,8/0,3", "flows", "replay", "--dirpath", CliRun.Shop, "--flows", "-");

        Assert.Equal(1, result.Code);
        Assert.Equal("shop/frontend[Deployment] => shop/cart[Deployment] : ICMP 8/0\nshop/frontend[Deployment] => shop/db[StatefulSet] : TCP 5432\n", result.Output);
        Assert.Contains("not matched: shop/ghost => shop/cart[Deployment] : TCP 80", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_OfTrafficThePoliciesAllow_ExitsZero()
    {
        var result = CliRun.WithInput("shop/frontend,shop/cart,TCP,8080,1\n", "flows", "replay", "--dirpath", CliRun.Shop, "--flows", "-");

        Assert.Equal((0, string.Empty), (result.Code, result.Output));
    }

    [Fact]
    public void Generate_WritesPoliciesThatAllowEveryObservedFlow()
    {
        var outDir = Directory.CreateTempSubdirectory("flows-generate-").FullName;
        try
        {
            var generated = CliRun.WithInput(Flows, "flows", "generate", "--dirpath", CliRun.Shop, "--flows", "-", "--out", outDir);
            var replayed = CliRun.WithInput(Flows, "flows", "replay", "-f", Path.Combine(CliRun.Shop, "namespaces.yaml"), "-f", Path.Combine(CliRun.Shop, "workloads"), "-f", outDir, "--flows", "-");

            Assert.Equal(0, generated.Code);
            Assert.True(File.Exists(Path.Combine(outDir, "shop.yaml")));
            Assert.DoesNotContain("pod-template-hash", File.ReadAllText(Path.Combine(outDir, "shop.yaml")), StringComparison.Ordinal);
            Assert.Equal((0, string.Empty), (replayed.Code, replayed.Output));
        }
        finally
        {
            Directory.Delete(outDir, true);
        }
    }

    [Theory]
    [InlineData("calico", "apiVersion: projectcalico.org/v3")]
    [InlineData("cilium", "apiVersion: cilium.io/v2")]
    [InlineData("networkpolicy", "apiVersion: networking.k8s.io/v1")]
    public void Generate_InTheDialectAsked_WritesPoliciesThatAllowEveryObservedFlow(string dialect, string apiVersion)
    {
        var flows = Flows + (dialect == "networkpolicy" ? string.Empty : "\nshop/frontend,shop/cart,ICMP,8/0,3");
        var outDir = Directory.CreateTempSubdirectory("flows-generate-").FullName;
        try
        {
            var generated = CliRun.WithInput(flows, "flows", "generate", "--dirpath", CliRun.Shop, "--flows", "-", "--out", outDir, "--dialect", dialect);
            var replayed = CliRun.WithInput(flows, "flows", "replay", "-f", Path.Combine(CliRun.Shop, "namespaces.yaml"), "-f", Path.Combine(CliRun.Shop, "workloads"), "-f", outDir, "--flows", "-");

            Assert.Equal(0, generated.Code);
            Assert.Contains(apiVersion, File.ReadAllText(Path.Combine(outDir, "shop.yaml")), StringComparison.Ordinal);
            Assert.Equal((0, string.Empty), (replayed.Code, replayed.Output));
        }
        finally
        {
            Directory.Delete(outDir, true);
        }
    }

    [Theory]
    [InlineData("calico", "Calico NetworkPolicy", "apiVersion: projectcalico.org/v3")]
    [InlineData("cilium-shop", "CiliumNetworkPolicy", "apiVersion: cilium.io/v2")]
    [InlineData("shop", "NetworkPolicy", "apiVersion: networking.k8s.io/v1")]
    public void Generate_WithoutADialect_WritesTheOneTheFolderUses(string sample, string dialect, string apiVersion)
    {
        var outDir = Directory.CreateTempSubdirectory("flows-generate-").FullName;
        try
        {
            var generated = CliRun.WithInput(Flows, "flows", "generate", "--dirpath", Repository.PathOf("samples", sample), "--flows", "-", "--out", outDir);

            Assert.Equal(0, generated.Code);
            Assert.Contains($" policies ({dialect}) for ", generated.Output, StringComparison.Ordinal);
            Assert.Contains(apiVersion, File.ReadAllText(Path.Combine(outDir, "shop.yaml")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outDir, true);
        }
    }

    [Fact]
    public void Generate_ForAScope_WritesPoliciesForItsWorkloadsOnly()
    {
        var outDir = Directory.CreateTempSubdirectory("flows-generate-").FullName;
        try
        {
            var generated = CliRun.WithInput(Flows, "flows", "generate", "--dirpath", CliRun.Shop, "--flows", "-", "--out", outDir, "--scope", "shop/cart", "--scope", "payments");

            Assert.Equal(0, generated.Code);
            var shop = File.ReadAllText(Path.Combine(outDir, "shop.yaml"));
            Assert.Contains("name: observed-cart", shop, StringComparison.Ordinal);
            Assert.DoesNotContain("name: observed-frontend", shop, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(outDir, "payments.yaml")));
            Assert.False(File.Exists(Path.Combine(outDir, "monitoring.yaml")));
        }
        finally
        {
            Directory.Delete(outDir, true);
        }
    }

    [Fact]
    public void Generate_ForAScopeThatNamesNothing_IsRefused()
    {
        var result = CliRun.WithInput(Flows, "flows", "generate", "--dirpath", CliRun.Shop, "--flows", "-", "--out", "unused", "--scope", "shop/nobody");

        Assert.Equal(1, result.Code);
        Assert.Contains("--scope shop/nobody: no namespace or workload", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownDialect_IsAUsageErrorNamingTheDialects()
    {
        var result = CliRun.WithInput(Flows, "flows", "generate", "--dirpath", CliRun.Shop, "--flows", "-", "--out", "unused", "--dialect", "calicoo");

        Assert.Equal(2, result.Code);
        Assert.Contains("--dialect calicoo: use networkpolicy, calico or cilium.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileOfNoKnownFormat_IsRefusedWithWhatWasExpected()
    {
        var result = CliRun.WithInput("apiVersion: v1\nkind: Pod\n", "flows", "replay", "--dirpath", CliRun.Shop, "--flows", "-");

        Assert.Equal(1, result.Code);
        Assert.Contains("expected Hubble JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingVerb_IsAUsageError()
    {
        var result = CliRun.Run("flows", "--dirpath", CliRun.Shop, "--flows", "x.csv");

        Assert.Equal(2, result.Code);
        Assert.Contains("flows replay|generate", result.Error, StringComparison.Ordinal);
    }
}
