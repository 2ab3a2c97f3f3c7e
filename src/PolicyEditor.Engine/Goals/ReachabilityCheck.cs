using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Goals;

/// <summary>
/// A goal written as one line:
/// <c>SOURCE -&gt; DESTINATION [CONNECTIONS]: allowed|denied|exactly CONNECTIONS [except PEERS [CONNECTIONS]]</c>.
/// <list type="bullet">
/// <item><c>allowed</c>: every named pair allows the connections (any connection when none are named).</item>
/// <item><c>denied</c>: no named pair allows the connections (nothing at all when none are named).</item>
/// <item><c>exactly C</c>: every named pair allows exactly C.</item>
/// <item><c>denied except X [C]</c>: pairs whose other end is X allow C (or something), and nothing else; all other pairs allow nothing.</item>
/// </list>
/// Peers are <see cref="PeerPattern"/>s; several are separated by commas. A workload is not paired with itself.
/// </summary>
public sealed record ReachabilityCheck(
    string Text,
    IReadOnlyList<PeerPattern> Sources,
    IReadOnlyList<PeerPattern> Destinations,
    ConnectionSet? Connections,
    CheckVerdict Verdict,
    IReadOnlyList<PeerPattern> Except,
    ConnectionSet? ExceptConnections)
{
    /// <summary>Parses a check; false with a reason a lesson author can act on.</summary>
    public static bool TryParse(string text, out ReachabilityCheck? check, out string? error)
    {
        check = null;
        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        var colon = text.LastIndexOf(':');
        if (arrow < 0 || colon < arrow)
        {
            error = $"'{text}' should read SOURCE -> DESTINATION [CONNECTIONS]: allowed|denied|exactly CONNECTIONS [except PEERS]";
            return false;
        }

        // A CIDR or IPv6 address may hold ':'; the verdict is after the last ': '.
        var verdictAt = text.LastIndexOf(": ", StringComparison.Ordinal);
        if (verdictAt > arrow)
        {
            colon = verdictAt;
        }

        var sources = ParsePeers(text[..arrow], out error);
        if (sources is null)
        {
            return false;
        }

        var (destinationText, connections) = SplitConnections(text[(arrow + 2)..colon]);
        var destinations = ParsePeers(destinationText, out error);
        if (destinations is null)
        {
            return false;
        }

        ConnectionSet? leftConnections = null;
        if (connections is not null)
        {
            if (!ConnectionSet.TryParse(connections, out var parsed, out error))
            {
                return false;
            }

            leftConnections = parsed;
        }

        var verdictText = text[(colon + 1)..].Trim();
        var exceptAt = verdictText.IndexOf(" except ", StringComparison.Ordinal);
        var head = exceptAt < 0 ? verdictText : verdictText[..exceptAt];
        CheckVerdict verdict;
        ConnectionSet? exactly = null;
        if (head == "allowed")
        {
            verdict = CheckVerdict.Allowed;
        }
        else if (head == "denied")
        {
            verdict = CheckVerdict.Denied;
        }
        else if (head.StartsWith("exactly ", StringComparison.Ordinal))
        {
            verdict = CheckVerdict.Exactly;
            if (!ConnectionSet.TryParse(head["exactly ".Length..], out var set, out error))
            {
                return false;
            }

            exactly = set;
        }
        else
        {
            error = $"the verdict '{head}' should be allowed, denied or exactly CONNECTIONS";
            return false;
        }

        IReadOnlyList<PeerPattern> except = [];
        ConnectionSet? exceptConnections = null;
        if (exceptAt >= 0)
        {
            if (verdict != CheckVerdict.Denied)
            {
                error = "'except' goes with 'denied' only";
                return false;
            }

            var (exceptPeers, exceptConnectionText) = SplitConnections(verdictText[(exceptAt + " except ".Length)..]);
            var parsedExcept = ParsePeers(exceptPeers, out error);
            if (parsedExcept is null)
            {
                return false;
            }

            except = parsedExcept;
            if (exceptConnectionText is not null)
            {
                if (!ConnectionSet.TryParse(exceptConnectionText, out var set, out error))
                {
                    return false;
                }

                exceptConnections = set;
            }
        }

        check = new ReachabilityCheck(text.Trim(), sources, destinations, exactly ?? leftConnections, verdict, except, exceptConnections);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static List<PeerPattern>? ParsePeers(string text, out string? error)
    {
        var result = new List<PeerPattern>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!PeerPattern.TryParse(part, out var pattern, out error))
            {
                return null;
            }

            result.Add(pattern);
        }

        error = result.Count == 0 ? $"'{text.Trim()}' names no peer" : null;
        return result.Count == 0 ? null : result;
    }

    /// <summary>Splits "peers TCP 80,UDP 53" at the first protocol word.</summary>
    private static (string Peers, string? Connections) SplitConnections(string text)
    {
        var words = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].TrimEnd(',').ToUpperInvariant();
            if (word is "TCP" or "UDP" or "SCTP" || word.StartsWith("TCP,", StringComparison.Ordinal))
            {
                return (string.Join(' ', words[..i]), string.Join(' ', words[i..]));
            }
        }

        return (text.Trim(), null);
    }
}

/// <summary>What a check expects of its pairs.</summary>
public enum CheckVerdict
{
    Allowed,
    Denied,
    Exactly,
}
