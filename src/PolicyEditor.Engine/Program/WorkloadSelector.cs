using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// Which workloads a policy applies to, or a rule's peer takes in: pods in one namespace
/// (<see cref="OwnNamespace"/>) or in the namespaces <see cref="Namespaces"/> selects, whose labels
/// <see cref="Pods"/> selects (null: every pod), and, for what label selectors cannot say (a Calico
/// selector expression, service accounts, pod addresses), a further condition <see cref="Where"/>.
/// The selector forms are indexed; <see cref="Where"/> is asked of each candidate in turn.
/// </summary>
public sealed record WorkloadSelector(string? OwnNamespace, LabelSelector? Namespaces, LabelSelector? Pods, Func<Workload, LabelSet, bool>? Where, string Description)
{
    /// <summary>Every pod of every namespace.</summary>
    public static readonly WorkloadSelector Everything = new(null, LabelSelector.Everything, null, null, "every pod");

    /// <summary>The pods <paramref name="pods"/> selects in namespace <paramref name="ns"/>.</summary>
    public static WorkloadSelector InNamespace(string ns, LabelSelector pods) => new(ns, null, pods, null, $"pods [{pods}] in namespace {ns}");

    /// <summary>The pods <paramref name="pods"/> selects (null: all) in the namespaces <paramref name="namespaces"/> selects.</summary>
    public static WorkloadSelector InNamespaces(LabelSelector namespaces, LabelSelector? pods) =>
        new(null, namespaces, pods, null, pods is null ? $"pods in namespaces [{namespaces}]" : $"pods [{pods}] in namespaces [{namespaces}]");

    /// <summary>The workloads for which <paramref name="where"/> holds (asked with the workload and its namespace's labels).</summary>
    public static WorkloadSelector Matching(string description, Func<Workload, LabelSet, bool> where) =>
        new(null, LabelSelector.Everything, null, where, description);

    /// <summary>This selector narrowed by a further condition.</summary>
    public WorkloadSelector And(string description, Func<Workload, LabelSet, bool> where)
    {
        var before = Where;
        return this with { Where = before is null ? where : (w, ns) => before(w, ns) && where(w, ns), Description = description };
    }

    /// <summary>Whether the selector takes in <paramref name="workload"/>, whose namespace carries <paramref name="namespaceLabels"/>.</summary>
    public bool Matches(Workload workload, LabelSet namespaceLabels)
    {
        if (OwnNamespace is not null)
        {
            if (!string.Equals(OwnNamespace, workload.Namespace, StringComparison.Ordinal))
            {
                return false;
            }
        }
        else if (Namespaces is null || !Namespaces.Matches(namespaceLabels))
        {
            return false;
        }

        return (Pods is null || Pods.Matches(workload.Labels)) && (Where is null || Where(workload, namespaceLabels));
    }

    /// <summary>True when the selector takes in every pod of every namespace.</summary>
    public bool IsEverything => OwnNamespace is null && Namespaces is { IsEmpty: true } && (Pods is null || Pods.IsEmpty) && Where is null;

    /// <inheritdoc />
    public override string ToString() => Description;
}
