using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary>One allowed connection of <c>list</c>, with what decided it on each side when <c>--explain</c> asked for it.</summary>
internal sealed record ConnectionLine(Connection Connection, ConnectionReasons? Reasons);

/// <summary>The policies and rules that allow a connection: on the source's egress side and on the destination's ingress side.</summary>
internal sealed record ConnectionReasons(IReadOnlyList<string> Egress, IReadOnlyList<string> Ingress)
{
    /// <summary>
    /// Asks the engine to explain the connection at the first connection of each range of its connection set,
    /// and keeps, per side, the distinct policies and rules that decided (a set over many ports may be
    /// allowed by several rules).
    /// </summary>
    public static ConnectionReasons Of(ClusterEvaluator evaluator, Connection connection)
    {
        var egress = new List<string>();
        var ingress = new List<string>();
        foreach (var point in connection.Allowed.RangeStarts())
        {
            var explanation = evaluator.Explain(connection.Source, connection.Destination, point.Protocol, point.Value);
            Add(egress, Describe(explanation.Egress));
            Add(ingress, Describe(explanation.Ingress));
        }

        return new ConnectionReasons(egress, ingress);
    }

    /// <summary>Both sides in one phrase: <c>egress: not isolated; ingress: NetworkPolicy shop/db ingress rule 1</c>.</summary>
    public override string ToString() => $"egress: {string.Join(", ", Egress)}; ingress: {string.Join(", ", Ingress)}";

    /// <summary>What decided one side, in a few words.</summary>
    private static string Describe(SideExplanation side) => side.DecidedBy switch
    {
        Decider.Default => "not isolated",
        Decider.NotApplicable => "not subject to policy",
        _ when side.DecidingRule is { } rule => $"{rule.PolicyKind} {rule.Policy} {rule.Direction.ToString().ToLowerInvariant()} rule {(rule.RuleName is { } name ? $"'{name}'" : rule.RuleNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))}",
        _ => side.Reason,
    };

    private static void Add(List<string> list, string item)
    {
        if (!list.Contains(item, StringComparer.Ordinal))
        {
            list.Add(item);
        }
    }
}
