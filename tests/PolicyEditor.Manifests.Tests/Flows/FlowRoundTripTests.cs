using System.Text;
using PolicyEditor.Engine.ClusterGeneration;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Manifests.Flows;

namespace PolicyEditor.Manifests.Tests.Flows;

/// <summary>
/// Flows generated from a cluster (the connections its policies allow plus some they deny), written in each
/// format and read back: import, classification and replay agree with the engine's matrix.
/// </summary>
public class FlowRoundTripTests
{
    public static TheoryData<FlowFormat, string> Cases() => new()
    {
        { FlowFormat.Hubble, "S0" }, { FlowFormat.Calico, "S0" }, { FlowFormat.Csv, "S0" },
        { FlowFormat.Hubble, "MED" }, { FlowFormat.Calico, "MED" }, { FlowFormat.Csv, "MED" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GeneratedFlows_ReadBack_AreClassifiedAsTheMatrixSays(FlowFormat format, string profile)
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.Find(profile)!);
        var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var records = FlowGenerator.Generate(matrix, maxAllowed: 2_000);
        var expected = records.GroupBy(r => (Workload(r.Source), Workload(r.Destination), r.Protocol, r.Port)).ToDictionary(g => g.Key, g => g.Any(r => r.Verdict == FlowVerdict.Dropped));

        var result = await FlowReader.ReadAsync(Write(format, records), "flows");
        var classification = FlowClassifier.Classify(result.Traffic, new FlowMatcher(cluster), matrix);

        Assert.Equal(format, result.Format);
        Assert.Empty(result.Problems);
        Assert.Empty(classification.Unmatched);
        Assert.Equal(expected.Count, classification.Flows.Count);
        foreach (var flow in classification.Flows)
        {
            var dropped = expected[(flow.Source!.Id, flow.Destination!.Id, flow.Flow.Protocol, flow.Flow.Port)];
            Assert.Equal(dropped ? FlowClass.DroppedToday : FlowClass.ObservedAllowed, flow.Class);
            Assert.Equal(!dropped, matrix.Get(flow.Source, flow.Destination).Contains(flow.Flow.Protocol.Protocol, flow.Flow.Port));
        }
    }

    [Fact]
    public async Task Replay_OfADraftThatDeniesANamespace_BlocksExactlyTheFlowsTheMatrixLoses()
    {
        var cluster = ClusterGenerator.Generate(GeneratorProfile.Med);
        var today = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
        var records = FlowGenerator.Generate(today, maxAllowed: 3_000);
        var ns = cluster.Namespaces[0].Name;
        var deny = new NetworkPolicy(ns, "deny-all", Engine.Selectors.LabelSelector.Everything, PolicyTypes.Both, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);
        var draft = ChangeImpact.Compute(today, PolicyChange.Upsert(deny)).After;

        var result = await FlowReader.ReadAsync(Write(FlowFormat.Hubble, records), "flows");
        var classification = FlowClassifier.Classify(result.Traffic, new FlowMatcher(cluster), today, draft);

        var blocked = classification.BlockedByDraft.ToList();
        Assert.NotEmpty(blocked);
        Assert.All(blocked, f => Assert.True(f.Source is WorkloadEndpoint { Workload.Namespace: var s } && s == ns || f.Destination is WorkloadEndpoint { Workload.Namespace: var d } && d == ns));
        foreach (var flow in classification.Flows.Where(f => f.Class == FlowClass.ObservedAllowed))
        {
            Assert.True(draft.Get(flow.Source!, flow.Destination!).Contains(flow.Flow.Protocol.Protocol, flow.Flow.Port));
        }
    }

    // The generated workloads are standalone pods: the pod name is the workload name.
    private static string Workload(FlowPeer peer) => $"{peer.Namespace}/{peer.Pod}[Pod]";

    private static MemoryStream Write(FlowFormat format, IEnumerable<FlowRecord> records)
    {
        var text = new StringWriter();
        FlowWriter.Write(text, format, records);
        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
