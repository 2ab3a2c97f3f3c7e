using System.Globalization;
using PolicyEditor.Manifests.Loading;

namespace PolicyEditor.Cli.Inputs;

/// <summary>
/// A command-line flag that raises (or lowers) one of the loader's limits. Every flag is one line of
/// <see cref="All"/>: a new field of <see cref="LoadOptions"/> is one more line there.
/// </summary>
internal sealed record LimitFlag(Option Option, long Unit, Func<LoadOptions, long> Get, Func<LoadOptions, long, LoadOptions> Set)
{
    private const long Megabyte = 1024 * 1024;

    /// <summary>
    /// The command line's limits: a whole cluster of 100,000 pods, as one <c>kubectl get -o yaml</c> listing
    /// or as a file per object, loads without a flag. The web app keeps the loader's stricter defaults.
    /// </summary>
    public static readonly LoadOptions Defaults = LoadOptions.CommandLine;

    /// <summary>Every limit flag.</summary>
    public static readonly IReadOnlyList<LimitFlag> All =
    [
        Bytes("max-file-mb", "largest file (or standard input, or file in an archive) read", o => o.MaxFileBytes, (o, v) => o with { MaxFileBytes = v }),
        Bytes("max-total-mb", "most bytes read in all, archives counted as what they expand to", o => o.MaxTotalBytes, (o, v) => o with { MaxTotalBytes = v }),
        Count("max-files", "most files read in all, every entry of every archive included", o => o.MaxFiles, (o, v) => o with { MaxFiles = Int(v) }),
        Count("max-documents", "most YAML documents read from all inputs together", o => o.MaxDocuments, (o, v) => o with { MaxDocuments = Int(v) }),
        Count("max-nodes-per-document", "most YAML nodes in one document", o => o.MaxNodesPerDocument, (o, v) => o with { MaxNodesPerDocument = Int(v) }),
        Count("max-nodes", "most YAML nodes in all documents together", o => o.MaxNodes, (o, v) => o with { MaxNodes = v }),
        Count("max-depth", "deepest nesting in a document", o => o.MaxDepth, (o, v) => o with { MaxDepth = Int(v) }),
        Count("max-seconds", "longest time reading may take", o => (long)Math.Min(o.MaxWallTime.TotalSeconds, long.MaxValue), (o, v) => o with { MaxWallTime = TimeSpan.FromSeconds(v) }),
    ];

    /// <summary>The options of every limit flag.</summary>
    public static IReadOnlyList<Option> Options => [.. All.Select(f => f.Option)];

    /// <summary>The limits the command line asks for: <see cref="Defaults"/> with each flag given applied.</summary>
    public static LoadOptions From(CommandLine line)
    {
        var options = Defaults;
        foreach (var flag in All)
        {
            if (line.Optional(flag.Option.Name) is not { } text)
            {
                continue;
            }

            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > long.MaxValue / flag.Unit)
            {
                throw new UsageException($"--{flag.Option.Name} must be a whole number greater than 0, not '{text}'.");
            }

            options = flag.Set(options, value * flag.Unit);
        }

        return options;
    }

    private static LimitFlag Bytes(string name, string what, Func<LoadOptions, long> get, Func<LoadOptions, long, LoadOptions> set) =>
        new(Option.Value(name, "MB", $"{what}, in MB (default {get(Defaults) / Megabyte:N0})"), Megabyte, get, set);

    private static LimitFlag Count(string name, string what, Func<LoadOptions, long> get, Func<LoadOptions, long, LoadOptions> set) =>
        new(Option.Value(name, "N", $"{what} (default {get(Defaults):N0})"), 1, get, set);

    private static int Int(long value) => value <= int.MaxValue ? (int)value : throw new UsageException($"{value:N0} is more than this limit can be ({int.MaxValue:N0}).");
}
