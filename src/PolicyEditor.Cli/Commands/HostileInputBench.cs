using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Cli.Commands;

/// <summary>
/// <c>policyeditor bench --hostile</c>: how the loader copes with input made to hurt it (docs/security.md):
/// a long stream of malformed documents, alias amplification across documents, and archives that together
/// expand past the request's budget. Each is read as the web app reads an import (the server's defaults)
/// and, where it differs, as the command line reads a user's own files.
/// </summary>
internal static class HostileInputBench
{
    public static int Run(CommandLine line, TextWriter output)
    {
        var runs = line.OptionalInt("runs", 3);
        var culture = CultureInfo.InvariantCulture;
        void Row(string what, string value) => output.WriteLine(string.Create(culture, $"| {what,-46} | {value,-52} |"));

        output.WriteLine("## Hostile input");
        output.WriteLine();
        output.WriteLine("| input                                          | result                                               |");
        output.WriteLine("|------------------------------------------------|------------------------------------------------------|");

        var bad = string.Concat(Enumerable.Repeat("---\na: b: c\n", 100_000));
        var (badTime, badResult, _) = Measure(runs, () => ManifestLoader.LoadText(bad, "bad.yaml", LoadOptions.CommandLine));
        Row($"100,000 bad documents ({Size(bad.Length)}), command line", $"{Ms(badTime)}, {badResult.Diagnostics.Count:N0} errors reported");
        var (badServer, badRefused, _) = Measure(runs, () => ManifestLoader.LoadText(bad, "bad.yaml"));
        Row("  the same, server defaults", $"{Ms(badServer)}, {Outcome(badRefused)}");

        var amplified = AliasAmplified(520);
        var (ampTime, ampResult, ampBytes) = Measure(runs, () => ManifestLoader.LoadText(amplified, "amplified.yaml"));
        Row($"alias amplification, 40 x 520 x 520 ({Size(amplified.Length)})", $"{Ms(ampTime)}, {Mb(ampBytes)} allocated, {Outcome(ampResult)}");
        var underCap = AliasAmplified(340);
        var (capTime, capResult, capBytes) = Measure(runs, () => ManifestLoader.LoadText(underCap, "amplified.yaml"));
        Row($"  40 x 340 x 340, each under the document cap ({Size(underCap.Length)})", $"{Ms(capTime)}, {Mb(capBytes)} allocated, {Outcome(capResult)}");

        var archives = Enumerable.Range(0, 5).Select(i => new UploadedFile($"part{i}.zip", Zip(5, 19 * 1024 * 1024))).ToList();
        var (zipTime, zipResult, zipBytes) = Measure(runs, () => Uploads.Load(archives).Result);
        Row($"5 zips ({Size(archives.Sum(a => a.Content.Length))}), 5 x 19 MB expanded each", $"{Ms(zipTime)}, {Mb(zipBytes)} allocated, {Outcome(zipResult)}");
        Row("process peak working set", $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
        output.WriteLine();
        return 0;
    }

    /// <summary>Documents that each hold <paramref name="fanOut"/> aliases to a rule of <paramref name="fanOut"/> aliases to a peer.</summary>
    private static string AliasAmplified(int fanOut)
    {
        var text = new StringBuilder();
        for (var d = 0; d < 40; d++)
        {
            text.Append(CultureInfo.InvariantCulture, $"---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p{d}, namespace: shop}}\nspec:\n  podSelector: {{}}\n");
            text.Append("  x-peer: &p {podSelector: {matchLabels: {app: web}}}\n");
            text.Append("  x-rule: &r {from: [").Append(string.Join(',', Enumerable.Repeat("*p", fanOut))).Append("]}\n");
            text.Append("  ingress: [").Append(string.Join(',', Enumerable.Repeat("*r", fanOut))).Append("]\n");
        }

        return text.ToString();
    }

    /// <summary>A zip of <paramref name="files"/> YAML files of <paramref name="bytes"/> spaces each (they compress about a thousandfold).</summary>
    private static byte[] Zip(int files, int bytes)
    {
        var chunk = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var f = 0; f < files; f++)
            {
                using var stream = zip.CreateEntry($"f{f}.yaml", CompressionLevel.SmallestSize).Open();
                for (var written = 0; written < bytes; written += chunk.Length)
                {
                    stream.Write(chunk);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The median time of <paramref name="runs"/> runs, the last result, and the bytes the last run allocated.</summary>
    private static (double Ms, LoadResult Result, long Allocated) Measure(int runs, Func<LoadResult> load)
    {
        var times = new List<double>();
        LoadResult? result = null;
        long allocated = 0;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            result = load();
            times.Add(clock.Elapsed.TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return (times.Order().ElementAt(times.Count / 2), result!, allocated);
    }

    private static string Outcome(LoadResult result) =>
        result.Refusal is { } refusal ? $"refused ({refusal[..Math.Max(0, refusal.IndexOf(", the limit", StringComparison.Ordinal))]})"
        : result.Cluster.NetworkPolicies.Count == 0 && result.HasErrors ? $"nothing loaded ({result.Diagnostics.Count} errors)"
        : $"{result.Cluster.NetworkPolicies.Count} policies loaded";

    private static string Ms(double ms) => ms >= 10_000 ? $"{ms / 1000:F1} s" : $"{ms:F1} ms";

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:F1} MB" : $"{bytes / 1024.0:F0} KB";
}
