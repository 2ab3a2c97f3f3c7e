namespace PolicyEditor.Cli.Tests;

/// <summary>How <c>list</c>, <c>diff</c> and <c>explain</c> speak of protocols beyond SCTP, TCP and UDP.</summary>
public sealed class ProtocolScopeTests : IDisposable
{
    private const string Pods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: a, labels: {app: a}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: b, labels: {app: b}}
        """;

    // Denies TCP 80 into b: what is left for a => b is every other connection of every protocol.
    private const string DenyHttp = """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: no-http}
        spec:
          priority: 1
          subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: b}}}}
          ingress: [{name: http, action: Deny, from: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 80}}]}]
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pe-protocols-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "cluster.yaml"), yaml);
        return path;
    }

    [Fact]
    public void List_OfKubernetesPolicies_SpeaksOfSctpTcpAndUdp()
    {
        var (code, output, _) = Command.Run(["list", "--dirpath", Write("k8s", Pods + "\n---\n" + DenyHttp)]);

        Assert.Equal(0, code);
        Assert.Contains("default/a[Pod] => default/b[Pod] : SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535", output, StringComparison.Ordinal);
        Assert.Contains("default/b[Pod] => default/a[Pod] : All Connections", output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_WithProtocolsAll_SpeaksOfEveryProtocol()
    {
        var (code, output, _) = Command.Run(["list", "--dirpath", Write("k8s", Pods + "\n---\n" + DenyHttp), "--protocols", "all"]);

        Assert.Equal(0, code);
        Assert.Contains("default/a[Pod] => default/b[Pod] : ICMP,ICMPv6,SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535,UDPLite 1-65535,proto 0,proto 2,", output, StringComparison.Ordinal);
        Assert.Contains(",proto 255\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_OfAChangeBeyondSctpTcpAndUdp_IsNoChangeOverThoseThree_AndAChangeOverAll()
    {
        // A rule without ports (every protocol) becomes one naming SCTP, TCP and UDP whole: only the other protocols are lost.
        const string Before = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: in}\nspec:\n  podSelector: {matchLabels: {app: b}}\n  ingress: [{}]\n";
        const string After = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: in}\nspec:\n  podSelector: {matchLabels: {app: b}}\n  ingress: [{ports: [{protocol: TCP}, {protocol: UDP}, {protocol: SCTP}]}]\n";
        var before = Write("before", Pods + "\n---\n" + Before);
        var after = Write("after", Pods + "\n---\n" + After);

        var (_, three, _) = Command.Run(["diff", "--dir1", before, "--dir2", after]);
        var (_, every, _) = Command.Run(["diff", "--dir1", before, "--dir2", after, "--protocols", "all"]);

        Assert.Equal("Connectivity diff:\n", three);
        Assert.Contains("diff-type: changed, source: default/a[Pod], destination: default/b[Pod], ref1: All Connections, ref2: SCTP 1-65535,TCP 1-65535,UDP 1-65535", every, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ICMP", "8/0", "default/a[Pod] => default/b[Pod] ICMP 8/0: DENIED")]
    [InlineData("TCP", "443", "default/a[Pod] => default/b[Pod] TCP 443: ALLOWED")]
    [InlineData("47", null, "default/a[Pod] => default/b[Pod] proto 47: DENIED")]
    [InlineData("udplite", "443", "default/a[Pod] => default/b[Pod] UDPLite 443: DENIED")]
    public void Explain_AsksAboutAnyProtocol(string protocol, string? port, string verdict)
    {
        const string Https = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: in}\nspec:\n  podSelector: {matchLabels: {app: b}}\n  ingress: [{ports: [{port: 443}]}]\n";
        string[] args = ["explain", "--dirpath", Write("https", Pods + "\n---\n" + Https), "--source", "default/a", "--destination", "default/b", "--protocol", protocol];

        var (code, output, _) = Command.Run(port is null ? args : [.. args, "--port", port]);

        Assert.Equal(0, code);
        Assert.StartsWith(verdict, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ICMP", "8/300")]
    [InlineData("TCP", "8/0")]
    [InlineData("47", "80")]
    [InlineData("GRE", null)]
    public void Explain_RefusesAConnectionThatIsNotOne(string protocol, string? port)
    {
        string[] args = ["explain", "--dirpath", Write("pods", Pods), "--source", "default/a", "--destination", "default/b", "--protocol", protocol];

        var (code, _, error) = Command.Run(port is null ? args : [.. args, "--port", port]);

        Assert.Equal(2, code);
        Assert.Contains("--protocol and --port:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WithoutAPort_AsksForOne_BeforeReadingTheManifests()
    {
        // The folder does not exist: the missing port is reported first, so a mistyped question costs no load.
        var (code, _, error) = Command.Run(["explain", "--dirpath", "/nonexistent/manifests", "--source", "default/a", "--destination", "default/b"]);

        Assert.Equal(2, code);
        Assert.Contains("--port is required: which TCP port", error, StringComparison.Ordinal);
    }
}
