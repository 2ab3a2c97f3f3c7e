using System.Text.RegularExpressions;

namespace PolicyEditor.Engine.Dialects.Cilium;

/// <summary>Cilium's DNS match patterns (<c>matchPattern</c>), as its documentation defines them.</summary>
public static class DnsPattern
{
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
