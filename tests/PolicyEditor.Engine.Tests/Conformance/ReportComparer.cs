using System.Net;
using System.Numerics;
using System.Text.RegularExpressions;
using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Tests.Conformance;

/// <summary>
/// Compares connectivity reports semantically, as the corpus's compare.py does: line order does not
/// matter, and external addresses are compared address by address, whatever ranges a report uses.
/// </summary>
internal static partial class ReportComparer
{
    private sealed class Facts
    {
        public Dictionary<(string, string), string> Plain { get; } = [];

        public Dictionary<(string Side, int Family, string Workload), List<(BigInteger Lo, BigInteger Hi, string Value)>> Ranged { get; } = [];
    }

    public static List<string> CompareLists(string expected, string actual) => Compare(ReadList(expected), ReadList(actual), "No Connections", Union);

    public static List<string> CompareDiffs(string expected, string actual) => Compare(ReadDiff(expected), ReadDiff(actual), "no change", (a, b) => string.CompareOrdinal(a, b) >= 0 ? a : b);

    private static string Union(string a, string b) => a == "No Connections" ? b : b == "No Connections" ? a : Parse(a).Union(Parse(b)).ToString();

    private static ConnectionSet Parse(string text) =>
        ConnectionSet.TryParse(text.Replace("all ports", "1-65535", StringComparison.OrdinalIgnoreCase), out var set, out var error) ? set : throw new FormatException(error);

    private static string Canonical(string conns) => Parse(conns).ToString();

    private static (string Kind, int Family, BigInteger Lo, BigInteger Hi, string Name) Node(string text)
    {
        text = text.Trim();
        var m = ExternalRange().Match(text);
        if (m.Success)
        {
            var lo = IPAddress.Parse(m.Groups[1].Value);
            var hi = IPAddress.Parse(m.Groups[2].Value);
            return ("ext", lo.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 6, Number(lo), Number(hi), text);
        }

        return ("wl", 0, 0, 0, text);
    }

    private static BigInteger Number(IPAddress address) => new(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    private static void Add(Facts facts, string src, string dst, string value, Func<string, string, string> merge)
    {
        var (s, d) = (Node(src), Node(dst));
        if (s.Kind == "ext" && d.Kind == "ext")
        {
            return;
        }

        if (s.Kind == "ext" || d.Kind == "ext")
        {
            var (ext, wl, side) = s.Kind == "ext" ? (s, d, "from") : (d, s, "to");
            var key = (side, ext.Family, wl.Name);
            if (!facts.Ranged.TryGetValue(key, out var list))
            {
                facts.Ranged[key] = list = [];
            }

            list.Add((ext.Lo, ext.Hi, value));
            return;
        }

        facts.Plain[(s.Name, d.Name)] = facts.Plain.TryGetValue((s.Name, d.Name), out var old) ? merge(old, value) : value;
    }

    private static Facts ReadList(string text)
    {
        var facts = new Facts();
        foreach (var line in text.Split('\n'))
        {
            var m = ListLine().Match(line.TrimEnd('\r'));
            if (m.Success)
            {
                Add(facts, m.Groups[1].Value, m.Groups[2].Value, Canonical(m.Groups[3].Value), Union);
            }
        }

        return facts;
    }

    private static Facts ReadDiff(string text)
    {
        var facts = new Facts();
        foreach (var line in text.Split('\n'))
        {
            var m = DiffLine().Match(line.TrimEnd('\r'));
            if (m.Success)
            {
                var value = $"{m.Groups["type"].Value.Trim()}|{Canonical(m.Groups["r1"].Value)}|{Canonical(m.Groups["r2"].Value)}|{m.Groups["info"].Value.Trim()}";
                Add(facts, m.Groups["src"].Value, m.Groups["dst"].Value, value, (a, b) => string.CompareOrdinal(a, b) >= 0 ? a : b);
            }
        }

        return facts;
    }

    private static List<string> Compare(Facts expected, Facts actual, string empty, Func<string, string, string> merge)
    {
        var problems = new List<string>();
        foreach (var key in expected.Plain.Keys.Union(actual.Plain.Keys))
        {
            var e = expected.Plain.GetValueOrDefault(key, empty);
            var a = actual.Plain.GetValueOrDefault(key, empty);
            if (e != a)
            {
                problems.Add($"{key.Item1} => {key.Item2}: expected {e}, got {a}");
            }
        }

        foreach (var key in expected.Ranged.Keys.Union(actual.Ranged.Keys))
        {
            var cuts = new SortedSet<BigInteger>();
            foreach (var side in new[] { expected, actual })
            {
                foreach (var (lo, hi, _) in side.Ranged.GetValueOrDefault(key, []))
                {
                    cuts.Add(lo);
                    cuts.Add(hi + 1);
                }
            }

            foreach (var point in cuts)
            {
                string At(Facts f) => f.Ranged.GetValueOrDefault(key, []).Where(r => r.Lo <= point && point <= r.Hi).Select(r => r.Value).Aggregate(empty, merge);
                var (e, a) = (At(expected), At(actual));
                if (e != a)
                {
                    problems.Add($"external {key.Side} {key.Workload} at {point}: expected {e}, got {a}");
                }
            }
        }

        return problems;
    }

    [GeneratedRegex(@"^([0-9a-fA-F:.]+)-([0-9a-fA-F:.]+)\[External\]$")]
    private static partial Regex ExternalRange();

    [GeneratedRegex(@"^(.+?) => (.+?) : (.*)$")]
    private static partial Regex ListLine();

    [GeneratedRegex(@"^diff-type: (?<type>[^,]+), source: (?<src>.+?), destination: (?<dst>.+?), ref1: (?<r1>.*?), ref2: (?<r2>.*?)(, workloads-diff-info: (?<info>.*))?$")]
    private static partial Regex DiffLine();
}
