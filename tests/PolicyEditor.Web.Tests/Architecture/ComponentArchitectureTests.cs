using System.Reflection;
using System.Reflection.Emit;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Goals;
using PolicyEditor.Engine.Lint;
using PolicyEditor.Engine.Posture;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Synthesis;
using PolicyEditor.Tutorials;
using PolicyEditor.Web.ExplorerModel;

namespace PolicyEditor.Web.Tests.Architecture;

/// <summary>
/// The web app's architecture, kept by a test rather than by memory: Razor components and pages render
/// what the explorer's session (and the services) answer; none of them evaluates policies, builds or
/// reads a reachability matrix, computes an impact, synthesizes policies, matches a selector or parses a
/// graph id itself. The check reads the compiled components (markup, code-behind, lambdas and all).
/// </summary>
public sealed class ComponentArchitectureTests
{
    /// <summary>The engine's evaluation: types a component may not name in any way.</summary>
    private static readonly HashSet<Type> Evaluation =
    [
        typeof(ClusterEvaluator), typeof(ReachabilityMatrix), typeof(ChangeImpact), typeof(ConnectivityDiff), typeof(PolicySynthesizer),
        typeof(PolicyLinter), typeof(PostureAnalyzer), typeof(GoalChecker), typeof(LessonRunner),
    ];

    private static readonly OpCode[] OneByte = new OpCode[0x100];
    private static readonly OpCode[] TwoByte = new OpCode[0x100];

    static ComponentArchitectureTests()
    {
        foreach (var code in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!))
        {
            var value = (ushort)code.Value;
            (value < 0x100 ? OneByte : TwoByte)[value & 0xFF] = code;
        }
    }

    /// <summary>Every compiled type of the components (pages, panels, dialogs, and what the compiler made of their lambdas).</summary>
    private static IEnumerable<Type> Components() =>
        typeof(ExplorerSession).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("PolicyEditor.Web.Components", StringComparison.Ordinal) == true);

    [Fact]
    public void RazorComponents_AskTheSession_NeverTheEngine()
    {
        var components = Components().ToList();

        var offences = components.SelectMany(Offences).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Contains(components, t => t.Name == "WorkspacePage");
        Assert.True(offences.Count == 0, "Components that do the engine's work themselves:\n" + string.Join('\n', offences));
    }

    [Fact]
    public void TheCheck_FindsEngineWork_InWhateverFormItTakes()
    {
        var offences = Offences(typeof(EngineInAComponent)).ToList();

        Assert.Contains(offences, o => o.Contains("ClusterEvaluator", StringComparison.Ordinal));
        Assert.Contains(offences, o => o.Contains("ReachabilityMatrix", StringComparison.Ordinal));
        Assert.Contains(offences, o => o.Contains("LabelSelector.Matches", StringComparison.Ordinal));
        Assert.Contains(offences, o => o.Contains("GraphIds.WorkloadOf", StringComparison.Ordinal));
        Assert.Contains(offences, o => o.Contains("ChangeImpact", StringComparison.Ordinal));
    }

    /// <summary>What a type does that a component may not: each as "Type.Member: what".</summary>
    private static IEnumerable<string> Offences(Type type)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(Declared).Where(f => Names(f.FieldType)))
        {
            yield return $"{type.FullName}.{field.Name}: holds a {field.FieldType.Name}";
        }

        foreach (var property in type.GetProperties(Declared).Where(p => Names(p.PropertyType)))
        {
            yield return $"{type.FullName}.{property.Name}: is a {property.PropertyType.Name}";
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var signature = method.GetParameters().Select(p => p.ParameterType).Concat(method is MethodInfo m ? [m.ReturnType] : []);
            var locals = method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? [];
            foreach (var named in signature.Concat(locals).Where(Names).Distinct())
            {
                yield return $"{type.FullName}.{method.Name}: uses a {named.Name}";
            }

            foreach (var used in UsedMembers(method).Where(Forbidden))
            {
                yield return $"{type.FullName}.{method.Name}: calls {used.DeclaringType?.Name}.{used.Name}";
            }
        }
    }

    /// <summary>Whether a type is, or is made of, one of the engine's evaluation types.</summary>
    private static bool Names(Type type) =>
        Evaluation.Contains(type)
        || (type.HasElementType && Names(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(Names));

    /// <summary>Whether using a member is the engine's work: anything of an evaluation type, selector matching, graph-id parsing.</summary>
    private static bool Forbidden(MemberInfo member) => member switch
    {
        Type type => Names(type),
        _ when member.DeclaringType is { } declaring && Names(declaring) => true,
        MethodInfo method when Names(method.ReturnType) => true,
        MethodInfo method when method.DeclaringType?.Namespace == "PolicyEditor.Engine.Selectors" && method.Name.StartsWith("Matches", StringComparison.Ordinal) => true,
        MethodInfo method when method.DeclaringType == typeof(GraphIds) && method.Name is nameof(GraphIds.WorkloadOf) or nameof(GraphIds.NamespaceOf) => true,
        FieldInfo field when Names(field.FieldType) => true,
        _ => false,
    };

    /// <summary>The members and types a method's IL refers to.</summary>
    private static IEnumerable<MemberInfo> UsedMembers(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? TwoByte[il[at + 1]] : OneByte[il[at]];
            at += code.Size;
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                MemberInfo? member;
                try
                {
                    member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    member = null;
                }

                if (member is not null)
                {
                    yield return member;
                }
            }

            at += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
    }

    /// <summary>What the check must catch: a component-like type doing the engine's work in every way it can be done.</summary>
    private static class EngineInAComponent
    {
        public static bool Offend(Engine.Model.Cluster cluster, Engine.Model.Workload workload, Engine.Model.NetworkPolicy policy)
        {
            var matrix = ReachabilityMatrix.Build(new ClusterEvaluator(cluster));
            var impact = ChangeImpact.Compute(matrix, cluster);
            return policy.PodSelector.Matches(workload.Labels) && GraphIds.WorkloadOf("w:x") is not null && impact.Changes.Count > 0;
        }
    }
}
