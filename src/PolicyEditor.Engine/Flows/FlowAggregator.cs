namespace PolicyEditor.Engine.Flows;

/// <summary>
/// Folds flow records into connections as they are read, so a file of any size costs memory per distinct
/// connection, not per record: replies and duplicates land on the connection they belong to, with counts
/// and first and last seen. Not for sharing between threads; aggregators of parts merge with <see cref="Add(FlowAggregator)"/>.
/// </summary>
public sealed class FlowAggregator
{
    private readonly Dictionary<FlowPeer, FlowPeer> _peers = [];
    private readonly Dictionary<Key, Tally> _connections = [];

    /// <summary>How many records were added.</summary>
    public long Records { get; private set; }

    /// <summary>How many distinct connections there are so far.</summary>
    public int Count => _connections.Count;

    /// <summary>Adds one record.</summary>
    public void Add(FlowRecord record)
    {
        Records++;
        var tally = TallyOf(record.Source, record.Destination, record.Protocol, record.Port);
        var end = (int)record.Reporter;
        tally.Counts[end] += record.Count;
        if (record.Verdict == FlowVerdict.Dropped)
        {
            tally.Drops[end] += record.Count;
        }

        tally.See(record.Time, record.Time);
        if (record.Reason is not null)
        {
            tally.Reason = record.Reason;
        }
    }

    /// <summary>Adds connections aggregated before (another import of the same workspace).</summary>
    public void Add(ObservedTraffic traffic)
    {
        Records += traffic.Records;
        foreach (var c in traffic.Connections)
        {
            var tally = TallyOf(c.Source, c.Destination, c.Protocol, c.Port);
            tally.Counts[0] += c.Count;
            tally.Drops[0] += c.Dropped;
            tally.See(c.FirstSeen, c.LastSeen);
            tally.Reason = c.Reason ?? tally.Reason;
        }
    }

    /// <summary>Adds what another aggregator folded (one part of a file read in parallel).</summary>
    public void Add(FlowAggregator other)
    {
        Records += other.Records;
        foreach (var (key, theirs) in other._connections)
        {
            var tally = TallyOf(key.Source, key.Destination, key.Protocol, key.Port);
            for (var i = 0; i < tally.Counts.Length; i++)
            {
                tally.Counts[i] += theirs.Counts[i];
                tally.Drops[i] += theirs.Drops[i];
            }

            tally.See(theirs.First, theirs.Last);
            tally.Reason = theirs.Reason ?? tally.Reason;
        }
    }

    /// <summary>The connections folded so far, in a stable order (source, destination, protocol, port).</summary>
    public ObservedTraffic Build()
    {
        var list = new List<ObservedConnection>(_connections.Count);
        foreach (var (key, tally) in _connections)
        {
            list.Add(new ObservedConnection(key.Source, key.Destination, key.Protocol, key.Port,
                tally.Combined(tally.Counts), tally.Combined(tally.Drops), tally.First, tally.Last, tally.Reason));
        }

        list.Sort(Compare);
        return new ObservedTraffic(list, Records);
    }

    private static int Compare(ObservedConnection a, ObservedConnection b)
    {
        var c = string.CompareOrdinal(a.Source.Text, b.Source.Text);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Destination.Text, b.Destination.Text);
        }

        if (c == 0)
        {
            c = a.Protocol.Number.CompareTo(b.Protocol.Number);
        }

        return c != 0 ? c : a.Port.CompareTo(b.Port);
    }

    private Tally TallyOf(FlowPeer source, FlowPeer destination, FlowProtocol protocol, int port)
    {
        var key = new Key(Intern(source), Intern(destination), protocol, port);
        if (!_connections.TryGetValue(key, out var tally))
        {
            tally = new Tally();
            _connections.Add(key, tally);
        }

        return tally;
    }

    // One instance per distinct peer: keys then compare peers by reference first, and memory holds each once.
    private FlowPeer Intern(FlowPeer peer)
    {
        if (_peers.TryGetValue(peer, out var known))
        {
            return known;
        }

        _peers.Add(peer, peer);
        return peer;
    }

    private readonly record struct Key(FlowPeer Source, FlowPeer Destination, FlowProtocol Protocol, int Port);

    private sealed class Tally
    {
        /// <summary>Counts per reporter (<see cref="FlowReporter"/>): unknown, source, destination.</summary>
        public readonly long[] Counts = new long[3];

        public readonly long[] Drops = new long[3];

        public DateTimeOffset? First;

        public DateTimeOffset? Last;

        public string? Reason;

        // Both ends report the same traffic: the larger view stands for it, records of unknown origin add up.
        public long Combined(long[] counts) => counts[0] + Math.Max(counts[1], counts[2]);

        public void See(DateTimeOffset? first, DateTimeOffset? last)
        {
            if (first is { } f && (First is null || f < First))
            {
                First = f;
            }

            if (last is { } l && (Last is null || l > Last))
            {
                Last = l;
            }
        }
    }
}
