using System.IO.Compression;
using System.Text;

namespace PolicyEditor.TestSupport;

/// <summary>Input made to hurt the loader (docs/security.md), and the archives the tests build, for the loader's, the app's and the browser tests.</summary>
public static class HostileManifests
{
    /// <summary>
    /// NetworkPolicies that each hold <paramref name="fanOut"/> aliases to a rule that holds <paramref name="fanOut"/>
    /// aliases to a peer: small text, huge once the aliases are expanded (40 x 520 is the 134 KB attack).
    /// </summary>
    public static string AliasAmplified(int documents = 40, int fanOut = 520)
    {
        var text = new StringBuilder();
        for (var d = 0; d < documents; d++)
        {
            text.Append($"---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p{d}, namespace: shop}}\nspec:\n  podSelector: {{}}\n");
            text.Append("  x-peer: &p {podSelector: {matchLabels: {app: web}}}\n");
            text.Append("  x-rule: &r {from: [").Append(string.Join(',', Enumerable.Repeat("*p", fanOut))).Append("]}\n");
            text.Append("  ingress: [").Append(string.Join(',', Enumerable.Repeat("*r", fanOut))).Append("]\n");
        }

        return text.ToString();
    }

    /// <summary>A zip of the given files.</summary>
    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A zip of <paramref name="files"/> YAML files of <paramref name="megabytes"/> MB of spaces each (a few KB compressed).</summary>
    public static byte[] Blank(int files, int megabytes)
    {
        var chunk = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var f = 0; f < files; f++)
            {
                using var stream = zip.CreateEntry($"f{f}.yaml", CompressionLevel.SmallestSize).Open();
                for (var m = 0; m < megabytes; m++)
                {
                    stream.Write(chunk);
                }
            }
        }

        return buffer.ToArray();
    }
}
