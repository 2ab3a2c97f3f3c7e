using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Web.PolicyDiagrams;

namespace PolicyEditor.Web.Tests.PolicyDiagrams;

/// <summary>Rules of ordered policies moved and deleted in place; a Calico policy keeps the directions it applies to.</summary>
public sealed class OrderedPolicyEditsTests
{
    private static CalicoPolicy Calico(string types) => ManifestLoader.LoadText($$"""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: { name: guard }
        spec:
          selector: all(){{types}}
          ingress:
          - action: Deny
            source: { nets: [10.0.0.0/8] }
          - action: Allow
          egress:
          - action: Allow
        """).Cluster.OtherPolicies.OfType<CalicoPolicy>().Single();

    [Fact]
    public void MovingARule_PutsItAtItsNewPlace()
    {
        var moved = (CalicoPolicy)OrderedPolicyEdits.MoveRule(Calico(string.Empty), TrafficDirection.Ingress, 1, -1)!;

        Assert.Equal([Engine.Program.RuleAction.Allow, Engine.Program.RuleAction.Deny], moved.Ingress.Select(r => r.Action));
    }

    [Fact]
    public void MovingPastTheEnds_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderedPolicyEdits.MoveRule(Calico(string.Empty), TrafficDirection.Ingress, 0, -1));

    [Fact]
    public void DeletingTheLastEgressRule_OfAPolicyWithoutTypes_KeepsItsEgressIsolated()
    {
        var changed = (CalicoPolicy)OrderedPolicyEdits.RemovePeer(Calico(string.Empty), TrafficDirection.Egress, 0, -1)!;

        Assert.True(changed.Egress.IsEmpty);
        Assert.True(changed.AppliesToEgress);
    }

    [Fact]
    public void KindsTheViewDoesNotEdit_AreLeftAlone() =>
        Assert.Null(OrderedPolicyEdits.MoveRule(new NetworkPolicy("shop", "p", Engine.Selectors.LabelSelector.Everything, null, default, default), TrafficDirection.Ingress, 0, 1));
}
