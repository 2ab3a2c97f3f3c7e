namespace PolicyEditor.Web.Reviews;

/// <summary>One line of a diff: kept, removed or added, with its text.</summary>
public readonly record struct DiffLine(char Kind, string Text)
{
    /// <summary>The line as a unified diff shows it (<c>' '</c>, <c>'-'</c> or <c>'+'</c> then the text).</summary>
    public override string ToString() => $"{Kind}{Text}";
}

/// <summary>A line diff by longest common subsequence: small texts (a policy's YAML) only.</summary>
public static class LineDiff
{
    /// <summary>The lines of <paramref name="after"/> against <paramref name="before"/>, in order.</summary>
    public static IReadOnlyList<DiffLine> Compute(string before, string after)
    {
        var a = Split(before);
        var b = Split(after);
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var result = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                result.Add(new DiffLine(' ', a[x++]));
                y++;
            }
            else if (y < b.Length && (x >= a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                result.Add(new DiffLine('+', b[y++]));
            }
            else
            {
                result.Add(new DiffLine('-', a[x++]));
            }
        }

        return result;
    }

    private static string[] Split(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
