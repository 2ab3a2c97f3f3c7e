using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>An AdminNetworkPolicy or the BaselineAdminNetworkPolicy, compiled.</summary>
internal sealed class AdminPolicyMatcher
{
    private AdminPolicyMatcher(string name, int priority, bool isBaseline, AdminSubject subject, ValueArray<AdminRule> ingress, ValueArray<AdminRule> egress, CompilationCache cache)
    {
        Name = name;
        Priority = priority;
        IsBaseline = isBaseline;
        Subject = subject;
        Ingress = [.. ingress.Select((r, i) => new AdminRuleMatcher(this, r, i, cache))];
        Egress = [.. egress.Select((r, i) => new AdminRuleMatcher(this, r, i, cache))];
    }

    public string Name { get; }

    public int Priority { get; }

    public bool IsBaseline { get; }

    public AdminSubject Subject { get; }

    public AdminRuleMatcher[] Ingress { get; }

    public AdminRuleMatcher[] Egress { get; }

    public static AdminPolicyMatcher From(AdminNetworkPolicy p, CompilationCache cache) => new(p.Name, p.Priority, false, p.Subject, p.Ingress, p.Egress, cache);

    public static AdminPolicyMatcher From(BaselineAdminNetworkPolicy p, CompilationCache cache) => new(p.Name, int.MaxValue, true, p.Subject, p.Ingress, p.Egress, cache);

    public AdminRuleMatcher[] Rules(TrafficDirection direction) => direction == TrafficDirection.Ingress ? Ingress : Egress;

    public bool Selects(Workload workload, LabelSet namespaceLabels) => Subject.Matches(namespaceLabels, workload.Labels);
}
