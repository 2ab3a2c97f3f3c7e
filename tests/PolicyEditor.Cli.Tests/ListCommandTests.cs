namespace PolicyEditor.Cli.Tests;

public class ListCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => Command.Run(args);

    [Fact]
    public void ListOnTheShopSample_PrintsWhatItsPoliciesAllow()
    {
        // Checked by hand against samples/shop/README.md: the frontend is open on 8080 to everyone, the
        // backends reach the database on 5432, Prometheus scrapes the metrics ports of shop, payments-api
        // reaches only DNS and the provider's 203.0.113.0/24 outside its sandbox /26 on TCP 443, and only
        // checkout reaches payments-api, on 8443.
        var (code, output, error) = Run("list", "--dirpath", Repository.PathOf("samples", "shop"));

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Equal(File.ReadAllText(Repository.PathOf("tests", "PolicyEditor.Cli.Tests", "Expected", "shop-list.txt")).Replace("\r\n", "\n", StringComparison.Ordinal), output);
    }

    [Fact]
    public void ListAsJson_HoldsTheSameConnections()
    {
        var (code, output, _) = Run("list", "--dirpath", Repository.PathOf("samples", "shop"), "--output", "json");

        Assert.Equal(0, code);
        Assert.Contains("\"src\": \"shop/checkout[Deployment]\"", output, StringComparison.Ordinal);
        Assert.Contains("\"conn\": \"TCP 8443\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDirectory_ExitsWithAClearMessage()
    {
        var (code, _, error) = Run("list", "--dirpath", "/no/such/dir");

        Assert.Equal(2, code);
        Assert.Contains("'/no/such/dir' is neither a file nor a directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPolicy_IsReportedOnStandardError_WithFileAndLine_AndTheRestIsStillListed()
    {
        var dir = Directory.CreateTempSubdirectory("pe-cli-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 70000}]}]\n");

            var (code, output, error) = Run("list", "--dirpath", dir.FullName);

            Assert.Equal(0, code);
            Assert.Contains("a.yaml:14:", error, StringComparison.Ordinal);
            Assert.Contains("port 70000 is outside 1-65535", error, StringComparison.Ordinal);
            Assert.Contains("default/a[Pod] => default/b[Pod] : All Connections", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void AClusterWhereNothingIsAllowed_ListsNothing_AndSaysSoOnStandardError()
    {
        var dir = Directory.CreateTempSubdirectory("pe-cli-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n");

            var (code, output, error) = Run("list", "--dirpath", dir.FullName);

            Assert.Equal(0, code);
            Assert.Equal(string.Empty, output);
            Assert.Contains("note: no connection is allowed between any two of the 2 workloads", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("list", "--dirpath")]
    [InlineData("list", "--dirpath", ".", "--colour", "red")]
    public void WrongUsage_ExitsWithCodeTwo(params string[] args) => Assert.Equal(2, Run(args).Code);

    [Fact]
    public void Explain_NamesTheDecidingRule()
    {
        var (code, output, _) = Run("explain", "--dirpath", Repository.PathOf("samples", "shop"), "--source", "checkout", "--destination", "payments/payments-api", "--port", "8443");

        Assert.Equal(0, code);
        Assert.Contains("ALLOWED", output, StringComparison.Ordinal);
        Assert.Contains("payments/allow-checkout-to-payments-api", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_ReportsWhatAChangeBlocks()
    {
        var dir = Directory.CreateTempSubdirectory("pe-diff-");
        try
        {
            var before = Path.Combine(dir.FullName, "before");
            var after = Path.Combine(dir.FullName, "after");
            Directory.CreateDirectory(before);
            Directory.CreateDirectory(after);
            const string pods = "apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {app: a}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, labels: {app: b}}\n";
            File.WriteAllText(Path.Combine(before, "pods.yaml"), pods);
            File.WriteAllText(Path.Combine(after, "pods.yaml"), pods + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {matchLabels: {app: b}}}\n");

            var (code, output, _) = Run("diff", "--dir1", before, "--dir2", after);

            Assert.Equal(0, code);
            Assert.Contains("diff-type: removed, source: default/a[Pod], destination: default/b[Pod], ref1: All Connections, ref2: No Connections", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
