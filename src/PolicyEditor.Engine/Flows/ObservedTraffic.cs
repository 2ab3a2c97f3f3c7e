namespace PolicyEditor.Engine.Flows;

/// <summary>The traffic a cluster was seen to carry: its connections, each once, and how many records they came from.</summary>
public sealed record ObservedTraffic(IReadOnlyList<ObservedConnection> Connections, long Records)
{
    /// <summary>No traffic observed.</summary>
    public static readonly ObservedTraffic Empty = new([], 0);

    /// <summary>True when nothing was observed.</summary>
    public bool IsEmpty => Connections.Count == 0;

    /// <summary>This traffic and <paramref name="other"/> together, the same connection counted once with both counts.</summary>
    public ObservedTraffic Add(ObservedTraffic other)
    {
        if (other.IsEmpty)
        {
            return this with { Records = Records + other.Records };
        }

        if (IsEmpty)
        {
            return other with { Records = Records + other.Records };
        }

        var aggregator = new FlowAggregator();
        aggregator.Add(this);
        aggregator.Add(other);
        return aggregator.Build();
    }
}
