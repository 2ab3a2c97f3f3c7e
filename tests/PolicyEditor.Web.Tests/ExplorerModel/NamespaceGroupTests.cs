using Microsoft.Extensions.Logging.Abstractions;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Access;
using PolicyEditor.Web.ExplorerModel;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Tests.ExplorerModel;

/// <summary>The overview of a large cluster: namespaces grouped by a label into labelled boxes, edges between groups summed with counts.</summary>
public sealed class NamespaceGroupTests
{
    private static Namespace Ns(string name, params (string Key, string Value)[] labels) => new(name, LabelSet.Of(labels));

    [Fact]
    public void GroupingKey_IsTheLabelWithAboutAsManyValuesAsNamespacesPerValue()
    {
        var namespaces = Enumerable.Range(0, 100).Select(i => Ns($"ns-{i}", ("team", $"t{i % 10}"), ("tier", $"x{i % 2}"), ("id", $"{i}"))).ToList();

        Assert.Equal("team", GraphModelBuilder.GroupingKey(namespaces));
    }

    [Fact]
    public void GroupingKey_IsNull_WhenNoLabelCutsNamespacesIntoAFewGroups()
    {
        var namespaces = Enumerable.Range(0, 100).Select(i => Ns($"ns-{i}", ("tier", $"x{i % 2}"))).ToList();

        Assert.Null(GraphModelBuilder.GroupingKey(namespaces));
    }

    [Fact]
    public async Task LargeCluster_Overview_GroupsNamespacesIntoLabelledBoxes_WithCountedEdgesBetweenGroups()
    {
        var workspaces = new WorkspaceService(new InMemoryWorkspaceStore(), TimeProvider.System, NullLogger<WorkspaceService>.Instance);
        var state = await workspaces.CreateAsync("med", ClusterGenerator.Generate(GeneratorProfile.Med), Actor.Local, "created by the test");
        using var analyzer = new WorkspaceAnalyzer();

        var graph = new GraphModelBuilder().Build(await analyzer.AnalyzeAsync(state), new GraphOptions());

        Assert.True(graph.Collapsed);
        var groups = graph.Nodes.Where(n => n.Kind == GraphIds.NamespaceGroupKind).ToList();
        Assert.Equal(10, groups.Count);
        Assert.Contains(groups, g => g.Id == GraphIds.NamespaceGroup("group", "g3") && g.Label == "group=g3  ·  5 namespaces");
        Assert.All(graph.Nodes.Where(n => n.Kind == GraphIds.NamespaceKind && n.Id != GraphIds.Namespace("kube-system")), n => Assert.StartsWith("nsg:group=", n.Parent, StringComparison.Ordinal));
        var between = graph.Edges.Where(e => e.Classes.Contains("group-bundle")).ToList();
        Assert.NotEmpty(between);
        Assert.All(between, e => Assert.Matches(@"^\d+ namespace pairs · ", e.Label));
        Assert.Contains(between, e => e.Source.StartsWith("nsg:", StringComparison.Ordinal) && e.Target.StartsWith("nsg:", StringComparison.Ordinal));
    }
}
