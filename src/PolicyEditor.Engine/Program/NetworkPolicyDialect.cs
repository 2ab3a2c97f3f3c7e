using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// networking.k8s.io/v1 NetworkPolicy: the default tier, where a policy that selects a pod in a
/// direction isolates it (deny by default) and its rules allow. The policies themselves are compiled
/// by the evaluator (<see cref="Evaluation.NetworkPolicyMatcher"/>) and run in this tier at
/// <see cref="ProgramTier.NetworkPolicyOrder"/>.
/// </summary>
internal sealed class NetworkPolicyDialect : IPolicyDialect
{
    public void Compile(Cluster cluster, ProgramBuilder program) => program.Tier(ProgramTier.Default);
}
