using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Tests.Evaluation;

/// <summary>An edit's evaluator regroups only what the edit touches; it must hold what a fresh compile of the edited cluster holds.</summary>
public class EvaluatorEditTests
{
    // Namespaces interleaved, so that a group's members lie on both sides of an edit.
    private static readonly Cluster Interleaved = Manifest.Load(string.Join("\n---\n", Policy("shop", "a1", "http"), Policy("payments", "b1", "https"),
        Policy("shop", "a2", null), Policy("payments", "b2", null), Policy("shop", "a3", "metrics")));

    private static string Policy(string ns, string name, string? port) => $$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          podSelector: {}
          ingress:
          - ports: [{port: {{port ?? "80"}}}]
        """;

    private static NetworkPolicy Parse(string ns, string name, string? port) => Manifest.Load(Policy(ns, name, port)).NetworkPolicies[0];

    public static TheoryData<string> Edits => ["insert between", "insert first", "append", "replace", "delete", "replace named port", "delete named port", "move"];

    [Theory]
    [MemberData(nameof(Edits))]
    public void EditedEvaluator_GroupsPoliciesAndNamesPortsAsAFreshCompile(string edit)
    {
        var before = new ClusterEvaluator(Interleaved);
        _ = before.NamedPorts;
        var list = Interleaved.NetworkPolicies.Items.ToList();
        switch (edit)
        {
            case "insert between": list.Insert(3, Parse("shop", "new", "dns")); break;
            case "insert first": list.Insert(0, Parse("shop", "new", null)); break;
            case "append": list.Add(Parse("payments", "new", "dns")); break;
            case "replace": list[1] = Parse("payments", "b1", "dns"); break;
            case "delete": list.RemoveAt(2); break;
            case "replace named port": list[0] = Parse("shop", "a1", null); break;
            case "delete named port": list.RemoveAt(4); break;
            case "move": (list[1], list[3]) = (list[3], list[1]); break;
        }

        var cluster = Interleaved.WithNetworkPolicies(list);
        var edited = before.WithNetworkPolicies(cluster);
        var fresh = new ClusterEvaluator(cluster);

        Assert.Equal(Groups(fresh), Groups(edited));
        Assert.Equal(fresh.NamedPorts.Order(), edited.NamedPorts.Order());
    }

    private static string Groups(ClusterEvaluator evaluator) =>
        string.Join("; ", evaluator.PoliciesByNamespace.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {string.Join(",", g.Value.Select(m => m.Policy.Id))}"));
}
