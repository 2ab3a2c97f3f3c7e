namespace PolicyEditor.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pe-diff-");

    private const string Pods = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\n";

    private const string NoEgress =
        "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n";

    // Egress from web to one IPv4 and one IPv6 block: from no egress at all, the diff adds pairs of both families.
    private const string EgressToTwoBlocks =
        "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n"
        + "  egress:\n  - to: [{ipBlock: {cidr: 198.51.100.0/24}}, {ipBlock: {cidr: '2001:db8::/32'}}]\n";

    private static (int Code, string Output, string Error) Run(params string[] args) => Command.Run(args);

    public void Dispose() => _root.Delete(true);

    private (string Before, string After) Versions()
    {
        var before = _root.CreateSubdirectory("before").FullName;
        var after = _root.CreateSubdirectory("after").FullName;
        File.WriteAllText(Path.Combine(before, "a.yaml"), Pods + NoEgress);
        File.WriteAllText(Path.Combine(after, "a.yaml"), Pods + EgressToTwoBlocks);
        return (before, after);
    }

    [Fact]
    public void DiffAsText_ListsIPv4RangesOnly()
    {
        var (before, after) = Versions();

        var (code, output, _) = Run("diff", "--dir1", before, "--dir2", after);

        Assert.Equal(0, code);
        Assert.Contains("diff-type: added, source: default/web[Pod], destination: 198.51.100.0-198.51.100.255[External]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8", output, StringComparison.Ordinal);
        Assert.DoesNotContain("::", output, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffAsJson_ListsIPv6RangesToo()
    {
        var (before, after) = Versions();

        var (code, output, _) = Run("diff", "--dir1", before, "--dir2", after, "--output", "json");

        Assert.Equal(0, code);
        Assert.Contains("\"dst\": \"198.51.100.0-198.51.100.255[External]\"", output, StringComparison.Ordinal);
        Assert.Contains("2001:db8::", output, StringComparison.Ordinal);
    }

    private const string TwoPods = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: db, labels: {app: db}}\n";

    private static string AdminPolicy(string action) =>
        "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: lockdown}\nspec:\n  priority: 10\n"
        + "  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}\n"
        + $"  ingress:\n  - name: from-everyone\n    action: {action}\n    from: [{{namespaces: {{}}}}]\n";

    [Fact]
    public void DiffOfAnAdminNetworkPolicyChange_ListsThePairsItBlocks_AndExplainNamesThePolicy()
    {
        var before = _root.CreateSubdirectory("anp-before").FullName;
        var after = _root.CreateSubdirectory("anp-after").FullName;
        File.WriteAllText(Path.Combine(before, "a.yaml"), TwoPods + AdminPolicy("Pass"));
        File.WriteAllText(Path.Combine(after, "a.yaml"), TwoPods + AdminPolicy("Deny"));

        var (code, output, _) = Run("diff", "--dir1", before, "--dir2", after, "--explain");

        Assert.Equal(0, code);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("source: default/web[Pod], destination: default/db[Pod]", StringComparison.Ordinal));
        Assert.Contains("diff-type: removed", line, StringComparison.Ordinal);
        Assert.Contains("AdminNetworkPolicy lockdown", line, StringComparison.Ordinal);
    }
}
