using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Evaluation;

/// <summary>
/// How the policy layers combine for one side of a connection: AdminNetworkPolicy rules first (by
/// priority, first match wins per connection; Pass hands the connection down), then NetworkPolicy
/// (if any selects the pod in this direction, it allows exactly what its rules allow), then the
/// BaselineAdminNetworkPolicy (first match wins), then the default: allowed.
/// </summary>
internal static class Layering
{
    /// <summary>
    /// The connections allowed, given the admin rules whose peers matched (in evaluation order, with
    /// their resolved ports), whether NetworkPolicies isolate the pod, what they allow, and the
    /// baseline rules whose peers matched.
    /// </summary>
    public static ConnectionSet Combine(
        IReadOnlyList<(AdminAction Action, ConnectionSet Ports)> admin,
        bool isolatedByNetworkPolicy,
        ConnectionSet networkPolicyAllowed,
        IReadOnlyList<(AdminAction Action, ConnectionSet Ports)> baseline)
    {
        if (admin.Count == 0 && (isolatedByNetworkPolicy || baseline.Count == 0))
        {
            return isolatedByNetworkPolicy ? networkPolicyAllowed : ConnectionSet.All;
        }

        var undecided = ConnectionSet.All;
        var allowed = ConnectionSet.None;
        var passed = ConnectionSet.None;
        foreach (var (action, ports) in admin)
        {
            var c = ports.Intersect(undecided);
            if (c.IsEmpty)
            {
                continue;
            }

            if (action == AdminAction.Allow)
            {
                allowed = allowed.Union(c);
            }
            else if (action == AdminAction.Pass)
            {
                passed = passed.Union(c);
            }

            undecided = undecided.Subtract(c);
        }

        var delegated = undecided.Union(passed);
        if (isolatedByNetworkPolicy)
        {
            return allowed.Union(delegated.Intersect(networkPolicyAllowed));
        }

        foreach (var (action, ports) in baseline)
        {
            var c = ports.Intersect(delegated);
            if (c.IsEmpty)
            {
                continue;
            }

            if (action == AdminAction.Allow)
            {
                allowed = allowed.Union(c);
            }

            delegated = delegated.Subtract(c);
        }

        return allowed.Union(delegated);
    }
}
