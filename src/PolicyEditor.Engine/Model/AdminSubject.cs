using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Model;

/// <summary>
/// The pods an admin policy applies to: all pods of the namespaces chosen by <see cref="Namespaces"/>,
/// or the pods chosen by <see cref="PodSelector"/> in the namespaces chosen by <see cref="PodNamespaceSelector"/>.
/// </summary>
public sealed record AdminSubject(LabelSelector? Namespaces, LabelSelector? PodNamespaceSelector, LabelSelector? PodSelector)
{
    /// <summary>All pods of the selected namespaces.</summary>
    public static AdminSubject OfNamespaces(LabelSelector namespaces) => new(namespaces, null, null);

    /// <summary>Selected pods of the selected namespaces.</summary>
    public static AdminSubject OfPods(LabelSelector namespaceSelector, LabelSelector podSelector) => new(null, namespaceSelector, podSelector);

    /// <summary>Whether the subject takes in a pod with these labels in a namespace with these labels.</summary>
    public bool Matches(LabelSet namespaceLabels, LabelSet podLabels) =>
        Namespaces is not null
            ? Namespaces.Matches(namespaceLabels)
            : PodNamespaceSelector is not null && PodSelector is not null && PodNamespaceSelector.Matches(namespaceLabels) && PodSelector.Matches(podLabels);

    /// <inheritdoc />
    public override string ToString() => Namespaces is not null
        ? $"pods in namespaces [{Namespaces}]"
        : $"pods [{PodSelector}] in namespaces [{PodNamespaceSelector}]";
}
