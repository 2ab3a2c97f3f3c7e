using System.Text.RegularExpressions;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>Cilium's DNS match patterns (<c>matchPattern</c>), as its documentation defines them.</summary>
public static class DnsPattern
{
    /// <summary>
    /// Whether every name of pattern <paramref name="inner"/> matches <paramref name="outer"/>: the inner
    /// pattern's wildcards are tried as the shortest and a longer text they can stand for.
    /// </summary>
    public static bool Covers(string outer, string inner)
    {
        if (outer == "*" || outer == inner)
        {
            return true;
        }

        var body = inner.StartsWith("**.", StringComparison.Ordinal) ? inner[3..] : inner;
        var prefixes = inner.StartsWith("**.", StringComparison.Ordinal) ? new[] { "a.", "a.b." } : [string.Empty];
        return prefixes.All(prefix => new[] { string.Empty, "a", "a-b" }.All(fill => Matches(outer, prefix + body.Replace("*", fill, StringComparison.Ordinal))));
    }

    /// <summary>Whether <paramref name="name"/> (normalized) matches <paramref name="pattern"/> (normalized).</summary>
    public static bool Matches(string pattern, string name)
    {
        if (pattern == "*")
        {
            return true;
        }

        var body = pattern;
        var prefix = string.Empty;
        if (body.StartsWith("**.", StringComparison.Ordinal))
        {
            body = body[3..];
            prefix = @"([a-z0-9_-]+\.)+";
        }

        var regex = "^" + prefix + string.Concat(body.Select(c => c == '*' ? "[a-z0-9_-]*" : Regex.Escape(c.ToString()))) + "$";
        return Regex.IsMatch(name, regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
