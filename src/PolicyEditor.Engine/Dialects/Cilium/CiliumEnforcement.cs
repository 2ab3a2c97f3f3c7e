using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>
/// The policy enforcement mode in the program. <c>always</c>: a policy after every rule of the default tier
/// selects every pod and isolates both directions, so what no rule allows is denied. <c>never</c>: a policy
/// before every deny of the default tier allows every peer both ways, so no rule of Cilium's or of a
/// NetworkPolicy (which Cilium enforces) decides. <c>default</c> adds nothing.
/// </summary>
internal static class CiliumEnforcement
{
    public static void Compile(CiliumConfig config, ProgramBuilder program)
    {
        var key = ((IPolicyResource)config).Key;
        var description = $"Cilium's policy enforcement mode '{config.EnforcementText}' ({config})";
        switch (config.Enforcement)
        {
            case CiliumEnforcementMode.Always:
                program.Add(ProgramTier.Default.Name, new ProgramPolicy(key, description, CiliumDialect.AlwaysOrder, string.Empty,
                    WorkloadSelector.Everything, true, true, ValueArray<ProgramRule>.Empty, ValueArray<ProgramRule>.Empty));
                break;
            case CiliumEnforcementMode.Never:
                ProgramRule Rule(string direction) => new(RuleAction.Allow, ValueArray<ProgramPeer>.Empty, ProgramPorts.Any, 1, $"enable-policy: never",
                    $"Allow {direction} every peer on any port: policy enforcement is disabled on every endpoint");
                program.Add(ProgramTier.Default.Name, new ProgramPolicy(key, description, CiliumDialect.NeverOrder, string.Empty,
                    WorkloadSelector.Everything, false, false, new[] { Rule("from") }, new[] { Rule("to") }));
                break;
        }
    }
}
